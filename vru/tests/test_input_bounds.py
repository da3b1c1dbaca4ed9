"""Dates and amounts stay inside bounds, in pages, the API and the services alike.

A start date of 0001-04-01 once made 8,103 monitoring returns (8,100 of them overdue and
chased by email); a variation to 9556-01-19 timed the worker out; two budget lines of
£600bn answered 500. Each is now refused beside its field, with nothing saved.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning.models import Application, BudgetLine, Grant, GrantVariation, MonitoringReturn
from commissioning.services.awards import application_award
from commissioning.tests.applications.factories import draft_application
from commissioning.tests.applications.test_section_pages import budget, budget_row
from commissioning.tests.assessment.test_decision_page import award_data, decide_url
from commissioning.tests.factories import FundingRoundFactory, recommended_application
from commissioning.tests.grants.factories import grant_for
from partners.tests.factories import OrganisationFactory, partner_of
from programmes.models import Programme, ReportRequest
from programmes.tests.test_programme_pages import _form_data as programme_form
from vru.validators import AMOUNT_MAX, date_bounds_error, date_bounds_message, grant_length_error

pytestmark = pytest.mark.django_db

ANCIENT, FAR_OFF = "0001-04-01", "9556-01-19"


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("day", "refused"),
    [
        (date(1, 4, 1), True),
        (date(1999, 12, 31), True),
        (date(2000, 1, 1), False),
        (date(9556, 1, 19), True),
    ],
)
def test_which_dates_are_refused(day, refused):
    assert (date_bounds_error(day) is not None) is refused


def test_date_times_at_the_ends_of_the_calendar_are_refused_not_a_500():
    assert date_bounds_error(datetime(1, 1, 1, tzinfo=UTC)) == date_bounds_message()
    assert date_bounds_error(datetime(9999, 12, 31, 23, 59, tzinfo=UTC)) == date_bounds_message()
    assert date_bounds_error(datetime(2026, 6, 1, 9, 30, tzinfo=UTC)) is None


def test_ten_years_ahead_is_the_last_day_taken(settings):
    today = timezone.localdate()
    last = today.replace(year=today.year + settings.DATE_YEARS_AHEAD)
    assert date_bounds_error(last) is None
    assert date_bounds_error(last + timedelta(days=1)) == date_bounds_message()


def test_a_grant_runs_up_to_grant_max_years(settings):
    settings.GRANT_MAX_YEARS = 5
    assert grant_length_error(date(2026, 4, 1), date(2031, 4, 1)) is None
    assert "up to 5 years" in grant_length_error(date(2026, 4, 1), date(2031, 4, 2))


# --- An award: the page, the API and the service ---------------------------------------------------


def test_the_decision_page_refuses_an_ancient_start_with_nothing_made(manager_user):
    application = recommended_application()
    client = APIClient()
    client.force_login(manager_user)

    response = client.post(decide_url(application), award_data(application, start_date=ANCIENT))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(date_bounds_message()) == 2, "beside the field and in the summary"
    assert 'href="#id_award-start_date"' in html
    assert not Grant.objects.exists() and not MonitoringReturn.objects.exists()


def test_the_api_refuses_an_award_for_ancient_dates_with_no_returns(manager_user):
    application = recommended_application()
    payload = {
        "application": application.pk,
        "outcome": "award",
        "amount": "40000.00",
        "objective": application.objectives.first().pk,
        "start_date": ANCIENT,
        "end_date": "2027-03-31",
    }

    response = api_for(manager_user).post("/api/v1/decisions/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["start_date"] == [date_bounds_message()]
    assert not Grant.objects.exists() and not MonitoringReturn.objects.exists()


def test_the_service_refuses_them_too_whoever_calls_it(manager_user):
    """The admin and the demo call the same service as the pages."""
    application = recommended_application()

    def award(start, end):
        with pytest.raises(ValidationError) as refused:
            application_award(
                application=application,
                user=manager_user,
                amount=Decimal("40000.00"),
                objective=application.objectives.first(),
                start_date=start,
                end_date=end,
            )
        return refused

    refused = award(date(1, 4, 1), date(2027, 3, 31))
    too_long = award(date(2026, 4, 1), date(2033, 3, 31))

    assert refused.value.message_dict == {"start_date": [date_bounds_message()]}
    assert "A grant can run for up to 5 years" in too_long.value.message_dict["end_date"][0]
    assert not MonitoringReturn.objects.exists()


# --- A variation ----------------------------------------------------------------------------------


def test_a_variation_to_a_far_off_end_is_refused_with_no_returns(manager_user):
    grant = grant_for(OrganisationFactory())
    returns_before = MonitoringReturn.objects.count()

    response = api_for(manager_user).post(
        reverse("api:grant-vary", args=[grant.pk]), {"end_date": FAR_OFF, "reason": "Longer."}, format="json"
    )
    too_long = api_for(manager_user).post(
        reverse("api:grant-vary", args=[grant.pk]),
        {"end_date": (grant.start_date + timedelta(days=366 * 5)).isoformat(), "reason": "Longer."},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["end_date"] == [date_bounds_message()]
    assert too_long.status_code == 400
    assert "A grant can run for up to 5 years" in too_long.json()["end_date"][0]
    assert not GrantVariation.objects.exists()
    assert MonitoringReturn.objects.count() == returns_before
    grant.refresh_from_db()
    assert grant.end_date < date(2100, 1, 1)


# --- A programme ------------------------------------------------------------------------------------


def test_the_programme_page_refuses_an_ancient_start(staff_client, staff_user):
    response = staff_client.post(reverse("programmes:programme-create"), programme_form(staff_user, start_date=ANCIENT))

    html = response.content.decode()
    assert html.count(date_bounds_message()) == 2
    assert not Programme.objects.exists()


def test_the_programme_api_refuses_a_far_off_end(staff_user):
    payload = programme_form(staff_user, end_date=FAR_OFF)

    response = api_for(staff_user).post(reverse("api:programme-list"), payload, format="json")

    assert response.status_code == 400
    assert response.json()["end_date"] == [date_bounds_message()]
    assert not Programme.objects.exists()


# --- A performance report ---------------------------------------------------------------------------


def test_a_report_for_year_one_is_refused_and_nothing_is_asked_for(staff_user):
    response = api_for(staff_user).post(reverse("api:report-request-list"), {"period": "0001-Q1"}, format="json")

    assert response.status_code == 400
    assert response.json()["period"] == ["Choose a period from January 2000 on: no report covers earlier."]
    assert not ReportRequest.objects.exists()


# --- Amounts ----------------------------------------------------------------------------------------


@pytest.fixture
def draft(db):
    organisation = OrganisationFactory()
    partner = partner_of(organisation, username="applicant", role="admin")
    return partner, draft_application(round=FundingRoundFactory(), organisation=organisation, user=partner)


def test_two_budget_lines_of_600bn_are_refused_not_a_500(draft):
    partner, application = draft
    lines = [{"category": "staff", "description": "Youth workers", "amount": "600000000000.00"}] * 2

    response = api_for(partner).patch(
        reverse("api:application-detail", args=[application.pk]), {"budget_lines": lines}, format="json"
    )

    assert response.status_code == 400
    assert "1,000,000,000" in str(response.json()["budget_lines"])
    assert not BudgetLine.objects.filter(application=application).exists()


def test_lines_each_under_the_cap_may_not_add_up_past_it(draft):
    partner, application = draft
    lines = [{"category": "staff", "description": f"Line {n}", "amount": "400000000.00"} for n in range(3)]

    response = api_for(partner).patch(
        reverse("api:application-detail", args=[application.pk]), {"budget_lines": lines}, format="json"
    )

    assert response.status_code == 400
    assert "The budget adds up to £1,200,000,000.00" in str(response.json()["budget_lines"])
    assert not BudgetLine.objects.filter(application=application).exists()
    assert Application.objects.get(pk=application.pk).amount_requested < AMOUNT_MAX


def test_the_budget_page_refuses_600bn_beside_the_amount(client, draft):
    partner, application = draft
    client.force_login(partner)
    data = budget(budget_row(0, amount="600000000000.00"), budget_row(1, amount="600000000000.00"))

    response = client.post(reverse("commissioning:application-section", args=[application.pk, "budget"]), data)

    assert response.status_code == 200
    assert "Enter a number no bigger than 1,000,000,000." in response.content.decode()
    assert not BudgetLine.objects.filter(application=application).exists()
