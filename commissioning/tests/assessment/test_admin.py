"""The admin for assessments: an admin corrects a declaration (which the pages never allow) with history kept."""

import pytest
from django.urls import reverse

from commissioning.models import Assessment
from commissioning.tests.assessment.conftest import client_for, page_text
from commissioning.tests.assessment.factories import AssessmentFactory, declared, scored

pytestmark = pytest.mark.django_db


def change_data(assessment, **changes):
    data = {
        "application": assessment.application_id,
        "assessor": assessment.assessor_id,
        "assigned_by": assessment.assigned_by_id,
        "has_conflict": {True: "true", False: "false", None: "unknown"}[assessment.has_conflict],
        "conflict_details": assessment.conflict_details,
        "conflict_declared_at_0": "",
        "conflict_declared_at_1": "",
        "recommendation": assessment.recommendation,
        "comment": assessment.comment,
        "submitted_at_0": "",
        "submitted_at_1": "",
        "scores-TOTAL_FORMS": "0",
        "scores-INITIAL_FORMS": "0",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_the_list_and_change_pages_show_scores_inline(admin_user):
    assessment = scored(AssessmentFactory(), [4, 3, 5])
    client = client_for(admin_user)
    listing = client.get(reverse("admin:commissioning_assessment_changelist"), {"submitted": "yes"})
    assert listing.status_code == 200 and assessment.application.reference in page_text(listing)
    change = client.get(reverse("admin:commissioning_assessment_change", args=[assessment.pk]))
    page = page_text(change)
    assert change.status_code == 200 and "Comment on Need." in page and "Conflict of interest" in page
    history = client.get(reverse("admin:commissioning_assessment_history", args=[assessment.pk]))
    assert history.status_code == 200


def test_an_admin_corrects_a_mistaken_conflict(admin_user):
    assessment = declared(AssessmentFactory(), conflict=True, details="Wrong organisation.")
    url = reverse("admin:commissioning_assessment_change", args=[assessment.pk])
    response = client_for(admin_user).post(url, change_data(assessment, has_conflict="false", conflict_details=""))
    assert response.status_code == 302, page_text(response)
    assessment.refresh_from_db()
    assert assessment.has_conflict is False
    assert assessment.history.first().history_user == admin_user


def test_a_conflict_needs_details_and_a_conflicted_assessor_cannot_have_submitted(admin_user):
    assessment = AssessmentFactory()
    url = reverse("admin:commissioning_assessment_change", args=[assessment.pk])
    page = page_text(client_for(admin_user).post(url, change_data(assessment, has_conflict="true")))
    assert "Describe the conflict of interest." in page
    data = change_data(assessment, submitted_at_0="2026-05-01", submitted_at_1="10:00:00")
    page = page_text(client_for(admin_user).post(url, data))
    assert "Only an assessor who declared no conflict can have submitted scores." in page
    assert Assessment.objects.get(pk=assessment.pk).has_conflict is None


def test_staff_do_not_get_the_admin(staff_user):
    response = client_for(staff_user).get(reverse("admin:commissioning_assessment_changelist"))
    assert response.status_code == 302
