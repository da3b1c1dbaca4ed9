"""The assessment summary, moderation and the assessments export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.models import ApplicationStatus
from commissioning.tests.assessment.conftest import page_text
from commissioning.tests.assessment.factories import AssessmentFactory, application_at, assessed_application, declared
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def summary_url(application):
    return reverse("commissioning:application-assessment", args=[application.pk])


def moderate_url(application):
    return reverse("commissioning:application-moderate", args=[application.pk])


def test_the_summary_shows_totals_mean_and_spread_with_flags(staff_client):
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace", role="staff")
    ben = UserFactory(username="ben", first_name="Ben", last_name="Okri", role="manager")
    application = assessed_application([[4, 3, 5], [2, 2, 1]], assessors=[ada, ben])
    waiting = declared(AssessmentFactory(application=application))

    page = page_text(staff_client.get(summary_url(application)))

    assert "Ada Lovelace" in page and "Ben Okri" in page
    assert "<strong>57.0</strong> out of 100, from 2 assessors" in page
    assert "42.0 points" in page and "For moderation" in page
    assert (
        "The assessors differ by 42.0 points overall (at least 20) and by 2 or more on “Need”, “Value for money”"
        in page
    )
    assert "Ada Lovelace: 78.0 out of 100" in page and "Ben Okri: 36.0 out of 100" in page
    assert waiting.assessor.get_full_name() in page.split("Still to score")[1]
    assert "Record the panel’s recommendation" in page
    assert reverse("commissioning:round-assessments-export", args=[application.round_id]) + "?format=xlsx" in page


def test_one_assessor_has_no_spread(staff_client):
    page = page_text(staff_client.get(summary_url(assessed_application([[5, 5, 5]]))))
    assert "Only one assessor has scored" in page and "For moderation" not in page


def test_moderation_records_the_panels_recommendation(staff_client, staff_user):
    application = assessed_application([[4, 3, 5], [2, 2, 1]])
    page = page_text(staff_client.get(moderate_url(application)))
    assert "57.0" in page and "Talk it through at moderation" in page

    response = staff_client.post(moderate_url(application), {"recommendation": "maybe", "notes": "Fund if cheaper."})
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert (application.status, application.panel_recommendation) == (S.RECOMMENDED, "maybe")
    assert application.moderated_by == staff_user
    assert "Fund if cheaper." in page_text(staff_client.get(summary_url(application)))


def test_moderation_needs_a_recommendation_and_notes(staff_client):
    application = assessed_application([[4, 3, 5]])
    page = page_text(staff_client.post(moderate_url(application), {"notes": ""}))
    assert page.count("Choose the panel’s recommendation.") == 2
    assert page.count("Enter the panel’s notes: how it reached its recommendation.") == 2
    application.refresh_from_db()
    assert application.status == S.ASSESSED


@pytest.mark.parametrize("status", [S.ELIGIBLE, S.RECOMMENDED, S.AWARDED])
def test_moderation_out_of_turn_is_refused(staff_client, status):
    application = application_at(status)
    response = staff_client.post(moderate_url(application), {"recommendation": "yes", "notes": "Go."})
    assert response.status_code == 403 and "cannot be moderated now" in page_text(response)
    application.refresh_from_db()
    assert application.status == status and application.moderated_at is None


# --- Export --------------------------------------------------------------------------------------------


def export(client, application, fmt):
    return client.get(reverse("commissioning:round-assessments-export", args=[application.round_id]), {"format": fmt})


def test_the_csv_has_a_row_per_submitted_assessment_and_criterion(staff_client):
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace", role="staff")
    application = assessed_application([[4, 3, 5]], assessors=[ada], organisation__name="=Southside")
    declared(AssessmentFactory(application=application))  # not submitted: not exported
    assessed_application([[1, 1, 1]])  # another round

    response = export(staff_client, application, "csv")

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="assessments-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [(r["Criterion"], r["Weight (%)"], r["Score (0 to 5)"]) for r in rows] == [
        ("Need", "50", "4"),
        ("Evidence", "30", "3"),
        ("Value for money", "20", "5"),
    ]
    assert {r["Assessor"] for r in rows} == {"Ada Lovelace"}
    assert {r["Weighted total (out of 100)"] for r in rows} == {"78.0"}
    assert {r["Recommendation"] for r in rows} == {"Yes, fund it"}
    assert rows[0]["Organisation"] == "'=Southside"  # a formula is never run


def test_the_xlsx_matches(staff_client):
    application = assessed_application([[4, 3, 5], [2, 2, 1]])
    response = export(staff_client, application, "xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Application reference" and len(rows) == 7
    assert sorted(float(row[9]) for row in rows[1:]) == [36.0] * 3 + [78.0] * 3  # numbers, not text
    assert sorted(row[7] for row in rows[1:]) == [1, 2, 2, 3, 4, 5]


def test_a_bad_format_or_round_is_refused(staff_client):
    application = assessed_application([[4, 3, 5]])
    assert export(staff_client, application, "pdf").status_code == 400
    assert staff_client.get(reverse("commissioning:round-assessments-export", args=[99999])).status_code == 404
