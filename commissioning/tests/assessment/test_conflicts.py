"""A conflicted assessor can neither score nor see the other assessors' scores: pages, links, API and export."""

import csv
import io

import pytest
from django.urls import reverse

from commissioning.models import ApplicationStatus
from commissioning.tests.assessment.conftest import api_for, client_for, page_text
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, declared, scored

pytestmark = pytest.mark.django_db
S = ApplicationStatus
CONFLICTED = "You declared a conflict of interest, so you cannot score this application or see its scores."


@pytest.fixture
def setting(manager_user):
    """An assessed application: two assessors' scores, and the manager's declared conflict."""
    application = application_at(S.ASSESSED, project_title="Conflicted project")
    others = [
        scored(AssessmentFactory(application=application), s, comment="Secret view") for s in ([4, 3, 5], [2, 2, 1])
    ]
    mine = declared(AssessmentFactory(application=application, assessor=manager_user), conflict=True)
    return application, mine, others


def test_the_score_page_refuses_with_a_clear_message(manager_user, setting):
    _, mine, _ = setting
    response = client_for(manager_user).get(reverse("commissioning:assessment-score", args=[mine.pk]))
    assert response.status_code == 403
    assert CONFLICTED in page_text(response)
    response = client_for(manager_user).post(
        reverse("commissioning:assessment-score", args=[mine.pk]), {"step": "save"}
    )
    assert response.status_code == 403 and not mine.scores.exists()


@pytest.mark.parametrize("panel", ["assessment", "moderate", "decide"])
def test_the_panel_pages_refuse_them(manager_user, setting, panel):
    application, _, _ = setting
    if panel == "decide":
        application.status = S.RECOMMENDED
        application.save()
    response = client_for(manager_user).get(reverse(f"commissioning:application-{panel}", args=[application.pk]))
    assert response.status_code == 403
    text = page_text(response)
    assert CONFLICTED in text and "Secret view" not in text and "78.0" not in text


def test_moderating_or_deciding_by_post_changes_nothing(manager_user, setting):
    application, _, _ = setting
    client = client_for(manager_user)
    client.post(
        reverse("commissioning:application-moderate", args=[application.pk]), {"recommendation": "yes", "notes": "x"}
    )
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    application.status = S.RECOMMENDED
    application.save()
    client.post(
        reverse("commissioning:application-decide", args=[application.pk]),
        {"outcome": "decline", "decline-reasons": "No"},
    )
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_their_links_hide_the_scores(manager_user, staff_user, setting):
    application, mine, _ = setting
    summary_url = reverse("commissioning:application-assessment", args=[application.pk])
    mine_page = page_text(client_for(manager_user).get(application.get_absolute_url()))
    assert summary_url not in mine_page
    assert summary_url in page_text(client_for(staff_user).get(application.get_absolute_url()))
    listing = page_text(client_for(manager_user).get(reverse("commissioning:assessment-list")))
    assert "Nothing: you declared a conflict" in listing
    assert reverse("commissioning:assessment-score", args=[mine.pk]) not in listing


def test_the_others_still_see_the_scores_and_who_is_conflicted(staff_user, setting):
    application, _, _ = setting
    page = page_text(client_for(staff_user).get(reverse("commissioning:application-assessment", args=[application.pk])))
    assert "78.0" in page and "36.0" in page and "Secret view" in page
    assert "Manager Persona" in page and "I chair its board." in page


def test_the_api_leaves_out_the_others_assessments(manager_user, staff_user, setting):
    application, mine, others = setting
    client = api_for(manager_user)
    rows = client.get("/api/v1/assessments/", {"application": application.pk}).json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert rows[0]["scores"] == []
    for other in others:
        assert client.get(f"/api/v1/assessments/{other.pk}/").status_code == 404
    response = client.post(f"/api/v1/assessments/{mine.pk}/scores/", {"scores": []}, format="json")
    assert response.status_code == 403 and "conflict of interest" in response.json()["detail"]
    assert api_for(staff_user).get("/api/v1/assessments/", {"application": application.pk}).json()["count"] == 3


def test_the_api_refuses_their_moderation_and_decision(manager_user, setting):
    application, _, _ = setting
    client = api_for(manager_user)
    payload = {"application": application.pk, "recommendation": "yes", "notes": "x"}
    assert client.post("/api/v1/moderations/", payload, format="json").status_code == 403
    application.status = S.RECOMMENDED
    application.save()
    payload = {"application": application.pk, "outcome": "decline", "reasons": "x"}
    assert client.post("/api/v1/decisions/", payload, format="json").status_code == 403
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED


def test_the_export_leaves_out_their_conflicted_applications(manager_user, staff_user, setting):
    application, _, _ = setting
    clear = scored(AssessmentFactory(application=application_at(S.ASSESSED, round=application.round)), [1, 1, 1])
    url = reverse("commissioning:round-assessments-export", args=[application.round_id])

    def references(user):
        rows = list(csv.DictReader(io.StringIO(client_for(user).get(url).getvalue().decode())))
        return sorted({row["Application reference"] for row in rows}), len(rows)

    assert references(manager_user) == ([clear.application.reference], 3)
    assert references(staff_user) == (sorted([application.reference, clear.application.reference]), 9)
