"""The manager's decision page: award with a payment schedule (pre-filled, editable without JavaScript)
or decline with reasons; refused over the limits or out of turn with nothing saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.models import ApplicationStatus, Grant
from commissioning.services.awards import default_schedule
from commissioning.tests.assessment.conftest import client_for, page_text
from commissioning.tests.assessment.factories import application_at
from commissioning.tests.factories import FundFactory, awarded_grant, recommended_application
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def decide_url(application):
    return reverse("commissioning:application-decide", args=[application.pk])


def schedule_rows(amount="40000.00"):
    """The default schedule of the factory application's dates (April 2026 to March 2027), as posted."""
    specs = default_schedule(Decimal(amount), date(2026, 4, 1), date(2027, 3, 31))
    return [(str(s.amount), s.due_date.isoformat(), s.condition, s.quarter.label if s.quarter else "") for s in specs]


def award_data(application, *, outcome="award", amount="40000.00", rows=None, **fields):
    rows = schedule_rows(amount) if rows is None else rows
    data = {
        "outcome": outcome,
        "award-amount": amount,
        "award-objective": application.objectives.order_by("number").first().pk,
        "award-start_date": "2026-04-01",
        "award-end_date": "2027-03-31",
        "award-conditions": "",
        "award-programme": "",
        "award-reasons": "",
        "tranches-TOTAL_FORMS": str(len(rows)),
        "tranches-INITIAL_FORMS": str(len(rows)),
        "tranches-MIN_NUM_FORMS": "0",
        "tranches-MAX_NUM_FORMS": "24",
    }
    for index, (amount_, due, condition, quarter) in enumerate(rows):
        data.update(
            {
                f"tranches-{index}-amount": amount_,
                f"tranches-{index}-due_date": due,
                f"tranches-{index}-condition": condition,
                f"tranches-{index}-quarter": quarter,
            }
        )
    data.update({f"award-{name}": value for name, value in fields.items()})
    return data


@pytest.fixture
def manager_client(manager_user):
    return client_for(manager_user)


def nothing_saved(application):
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED and not Grant.objects.filter(application=application).exists()


def test_the_page_shows_the_limits_and_a_pre_filled_schedule(manager_client):
    fund = FundFactory(name="VRU core budget", total=Decimal("100000.00"))
    awarded_grant(round__fund=fund, amount=Decimal("70000.00"), amount_requested=Decimal("70000.00"))
    application = recommended_application(round__fund=fund, panel_recommendation="yes", moderation_notes="Unanimous.")

    page = page_text(manager_client.get(decide_url(application)))

    assert "No more than the £40,000.00 requested and the £30,000.00 left in the fund." in page
    assert "£30,000.00 of £100,000.00 in VRU core budget" in page and "Unanimous." in page
    assert 'name="award-amount" value="30000.00"' in page  # the lesser of the two
    assert page.count("Payment ") >= 4 and 'name="tranches-3-amount" value="7500.00"' in page
    assert 'value="2026-04-01"' in page and "Award the grant" in page and "Decline the application" in page


def test_awarding_with_the_schedule_as_offered_makes_the_grant(manager_client, manager_user):
    programme = ProgrammeFactory()
    application = recommended_application()
    data = award_data(application, programme=programme.pk, conditions="Share your safeguarding policy.")
    response = manager_client.post(decide_url(application), data)
    grant = Grant.objects.get(application=application)
    assert response.status_code == 302 and response.url == grant.get_absolute_url()
    assert (grant.amount, grant.programme, grant.conditions) == (
        Decimal("40000.00"),
        programme,
        "Share your safeguarding policy.",
    )
    assert grant.awarded_by == manager_user and grant.tranches.count() == 4
    application.refresh_from_db()
    assert application.status == S.AWARDED


def test_over_the_request_is_shown_beside_the_amount_with_nothing_saved(manager_client):
    application = recommended_application()
    response = manager_client.post(decide_url(application), award_data(application, amount="40000.01"))
    page = page_text(response)
    assert response.status_code == 200
    assert page.count("The award cannot be more than the £40,000.00 requested.") == 2
    assert 'href="#id_award-amount"' in page and 'value="40000.01"' in page
    nothing_saved(application)


def test_over_the_fund_is_refused_with_nothing_saved(manager_client):
    fund = FundFactory(name="Small fund", total=Decimal("20000.00"))
    application = recommended_application(round__fund=fund)
    rows = [("20000.01", "2026-04-01", "agreement_signed", "")]
    page = page_text(
        manager_client.post(decide_url(application), award_data(application, amount="20000.01", rows=rows))
    )
    assert "The award cannot be more than the £20,000.00 left in Small fund" in page
    nothing_saved(application)


def test_a_schedule_that_does_not_add_up_is_shown_in_the_summary(manager_client):
    application = recommended_application()
    rows = [("30000.00", "2026-04-01", "agreement_signed", "")]
    page = page_text(manager_client.post(decide_url(application), award_data(application, rows=rows)))
    assert 'href="#payments"' in page
    assert page.count("The payments add up to £30,000.00, but the award is £40,000.00.") == 2
    nothing_saved(application)


def test_a_return_payment_needs_its_quarter(manager_client):
    application = recommended_application()
    rows = [("40000.00", "2026-04-01", "return_accepted", "")]
    page = page_text(manager_client.post(decide_url(application), award_data(application, rows=rows)))
    assert "Payment 1: Choose the quarter whose accepted return releases the payment." in page
    nothing_saved(application)


def test_add_another_payment_keeps_what_was_typed_and_saves_nothing(manager_client):
    application = recommended_application()
    data = award_data(application, outcome="add-payment", amount="35000.00", conditions="Typed conditions")
    page = page_text(manager_client.post(decide_url(application), data))
    assert 'name="tranches-4-amount"' in page and 'name="tranches-5-amount"' not in page
    assert 'value="35000.00"' in page and "Typed conditions" in page
    assert "There is a problem" not in page
    nothing_saved(application)


def test_removing_a_payment_and_blank_rows_are_left_out(manager_client):
    application = recommended_application()
    rows = [("40000.00", "2026-04-01", "agreement_signed", ""), ("5.00", "2026-05-01", "manual", ""), ("", "", "", "")]
    data = award_data(application, rows=rows)
    data["tranches-1-DELETE"] = "on"
    manager_client.post(decide_url(application), data)
    grant = Grant.objects.get(application=application)
    assert list(grant.tranches.values_list("amount", flat=True)) == [Decimal("40000.00")]


def test_working_out_the_payments_again(manager_client):
    application = recommended_application()
    data = award_data(application, outcome="recalculate", amount="30000.00", end_date="2026-09-30")
    page = page_text(manager_client.post(decide_url(application), data))
    assert 'name="tranches-0-amount" value="15000.00"' in page and 'name="tranches-1-amount" value="15000.00"' in page
    assert 'name="tranches-2-amount"' not in page
    nothing_saved(application)


def test_declining_needs_reasons_which_the_applicant_sees(manager_client, partner_user, organisation):
    application = recommended_application(organisation=organisation)
    page = page_text(manager_client.post(decide_url(application), {"outcome": "decline", "decline-reasons": " "}))
    assert page.count("Enter the reasons, which the applicant will see.") == 2
    nothing_saved(application)

    response = manager_client.post(decide_url(application), {"outcome": "decline", "decline-reasons": "Weak evidence."})
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert (application.status, application.decision_reasons) == (S.DECLINED, "Weak evidence.")
    assert "Weak evidence." in page_text(client_for(partner_user).get(application.get_absolute_url()))


def test_staff_may_not_decide(staff_client):
    application = recommended_application()
    response = staff_client.post(decide_url(application), {"outcome": "decline", "decline-reasons": "No."})
    assert response.status_code == 403
    nothing_saved(application)


@pytest.mark.parametrize("status", [S.ASSESSED, S.DECLINED, S.WITHDRAWN])
def test_deciding_out_of_turn_is_refused(manager_client, status):
    application = application_at(status)
    response = manager_client.post(decide_url(application), {"outcome": "decline", "decline-reasons": "No."})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == status


def test_a_decided_application_says_who_decided(manager_client):
    grant = awarded_grant()
    response = manager_client.get(decide_url(grant.application))
    assert response.status_code == 403 and "It was awarded on" in page_text(response)
