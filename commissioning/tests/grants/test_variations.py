"""Varying a grant: the fund's total, what has been paid and what is still to be released bound the amount;
the dates must keep every submitted return; returns follow the new quarters; all or nothing."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from commissioning.models import Grant, GrantVariation, MonitoringReturn, Tranche, TrancheCondition, TrancheStatus
from commissioning.selectors.ledger import fund_available
from commissioning.services import returns as return_services
from commissioning.services.grants import grant_vary
from commissioning.tests.factories import FundFactory
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import grant_for, return_of, submitted
from programmes.periods import FinancialQuarter

pytestmark = pytest.mark.django_db

TODAY = date(2026, 8, 1)


def vary(grant, user, **fields):
    fields.setdefault("reason", "Agreed at the August panel.")
    return grant_vary(grant=grant, user=user, today=TODAY, **fields)


def amounts(grant):
    return [t.amount for t in Tranche.objects.filter(grant=grant).order_by("number")]


def test_an_increase_goes_on_the_last_payment_still_to_be_released_and_is_recorded(org_a, manager_user):
    grant = grant_for(org_a)

    outcome = vary(grant, manager_user, amount=Decimal("43500.00"))

    grant.refresh_from_db()
    assert grant.amount == Decimal("43500.00")
    assert amounts(grant) == [Decimal("10000.00")] * 3 + [Decimal("13500.00")]
    assert outcome.changed_tranche.number == 4
    variation = GrantVariation.objects.get(grant=grant)
    assert (variation.old_amount, variation.new_amount, variation.made_by) == (
        Decimal("40000.00"),
        Decimal("43500.00"),
        manager_user,
    )
    assert (variation.old_end_date, variation.new_end_date) == (date(2027, 3, 31), date(2027, 3, 31))
    assert variation.reason == "Agreed at the August panel."


def test_a_reduction_that_would_empty_the_last_payment_is_refused(org_a, manager_user):
    grant = grant_for(org_a)

    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, amount=Decimal("30000.00"))
    assert "would leave payment 4, the last one still to be released, at £0.00" in error.value.message_dict["amount"][0]

    vary(grant, manager_user, amount=Decimal("30000.01"))
    assert amounts(grant)[-1] == Decimal("0.01")


def test_the_amount_cannot_take_the_fund_past_its_total(org_a, org_b, manager_user):
    fund = FundFactory(total=Decimal("50000.00"))
    grant = grant_for(org_a, round__fund=fund)
    grant_for(org_b, amount=Decimal("5000.00"), round__fund=fund)

    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, amount=Decimal("45000.01"))
    assert "cannot be more than £45,000.00" in error.value.message_dict["amount"][0]

    vary(grant, manager_user, amount=Decimal("45000.00"))
    assert fund_available(fund) == Decimal("0.00")


def test_the_amount_cannot_go_below_what_has_been_paid(org_a, manager_user):
    grant = grant_for(org_a)
    Tranche.objects.filter(grant=grant, number__in=[1, 2]).update(
        status=TrancheStatus.PAID, released_at=grant.awarded_at, paid_on=date(2026, 7, 1)
    )

    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, amount=Decimal("19999.99"))
    assert error.value.message_dict["amount"] == ["The grant cannot be less than the £20,000.00 already paid."]


def test_with_nothing_left_to_release_an_increase_adds_a_payment_staff_release(org_a, manager_user):
    grant = grant_for(org_a)
    Tranche.objects.filter(grant=grant).update(status=TrancheStatus.RELEASED, released_at=grant.awarded_at)

    outcome = vary(grant, manager_user, amount=Decimal("41000.00"))

    added = Tranche.objects.get(grant=grant, number=5)
    assert outcome.added_tranche == added
    assert (added.amount, added.condition, added.status, added.due_date) == (
        Decimal("1000.00"),
        TrancheCondition.MANUAL,
        TrancheStatus.SCHEDULED,
        TODAY,
    )
    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, amount=Decimal("40000.00"))
    # The new payment is the one still to be released, so a reduction comes off it.
    assert "would leave payment 5, the last one still to be released, at £0.00" in error.value.message_dict["amount"][0]


def test_with_every_payment_released_a_reduction_is_refused(org_a, manager_user):
    grant = grant_for(org_a)
    Tranche.objects.filter(grant=grant).update(status=TrancheStatus.RELEASED, released_at=grant.awarded_at)

    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, amount=Decimal("39000.00"))
    assert "Every payment has been released or paid" in error.value.message_dict["amount"][0]


def test_a_later_end_adds_a_draft_return_for_each_new_quarter(org_a, manager_user):
    grant = grant_for(org_a)

    outcome = vary(grant, manager_user, end_date=date(2027, 6, 30))

    assert outcome.returns_added == [FinancialQuarter(2027, 1)]
    added = MonitoringReturn.objects.get(grant=grant, financial_year=2027, quarter=1)
    assert (added.status, added.due_on) == ("draft", date(2027, 7, 14))
    assert grant.returns.count() == 5
    assert amounts(grant) == [Decimal("10000.00")] * 4  # the amount is unchanged


def test_an_earlier_end_removes_the_drafts_left_out_and_their_payments_become_manual(org_a, manager_user):
    grant = grant_for(org_a)
    q3 = return_of(grant, 3)

    outcome = vary(grant, manager_user, end_date=date(2026, 9, 30))

    assert outcome.returns_removed == [FinancialQuarter(2026, 3), FinancialQuarter(2026, 4)]
    assert outcome.tranches_made_manual == [4]
    assert sorted(r.quarter for r in grant.returns.all()) == [1, 2]
    assert not MonitoringReturn.objects.filter(pk=q3.pk).exists()
    fourth = Tranche.objects.get(grant=grant, number=4)
    assert (fourth.condition, fourth.condition_return, fourth.status) == (
        TrancheCondition.MANUAL,
        None,
        TrancheStatus.SCHEDULED,
    )


@pytest.mark.parametrize("then_return_it", [False, True])
def test_the_dates_must_keep_a_quarter_whose_return_was_submitted(org_a, manager_user, staff_user, then_return_it):
    grant = grant_for(org_a)
    q1 = submitted(return_of(grant, 1))
    if then_return_it:
        return_services.return_send_back(monitoring_return=q1, user=staff_user, note="Add the spend.")

    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, start_date=date(2026, 7, 1))

    assert error.value.message_dict["start_date"] == [
        "The 2026-27 Q1 return has been submitted, so the grant must still cover 1 Apr 2026 to 30 Jun 2026."
    ]
    assert grant.returns.count() == 4


def test_a_refused_variation_saves_nothing(org_a, manager_user, partner_user):
    grant = grant_for(org_a)
    submitted(return_of(grant, 1), user=partner_user)
    before = (amounts(grant), list(grant.returns.values_list("pk", flat=True)))

    with pytest.raises(ValidationError):
        # The amount alone could be varied, but the dates leave out the submitted Q1 return.
        vary(grant, manager_user, amount=Decimal("45000.00"), start_date=date(2026, 7, 1), end_date=date(2027, 6, 30))

    grant.refresh_from_db()
    assert (grant.amount, grant.start_date) == (Decimal("40000.00"), date(2026, 4, 1))
    assert (amounts(grant), list(grant.returns.values_list("pk", flat=True))) == before
    assert not GrantVariation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": "  "}, "reason", "Enter the reason for the variation."),
        ({"amount": Decimal("0")}, "amount", "Enter an amount of more than £0."),
        (
            {"start_date": date(2026, 6, 1), "end_date": date(2026, 5, 1)},
            "end_date",
            "The end date must be the same as or after the start date.",
        ),
        ({"amount": Decimal("40000.00")}, "__all__", "Change the amount or the dates: they are the same as now."),
    ],
)
def test_what_a_variation_needs(org_a, manager_user, fields, field, message):
    grant = grant_for(org_a)
    with pytest.raises(ValidationError) as error:
        vary(grant, manager_user, **fields)
    assert error.value.message_dict[field] == [message]


def test_a_manager_varies_a_grant_on_its_page(people, org_a):
    grant = grant_for(org_a)

    response = client_for(people["manager"]).post(
        reverse("commissioning:grant-vary", args=[grant.pk]),
        {"amount": "42000", "start_date": "2026-04-01", "end_date": "2027-06-30", "reason": "More sessions."},
        follow=True,
    )

    body = response.content.decode()
    assert "The grant is varied: £42,000.00 from 1 Apr 2026 to 30 Jun 2027." in body
    assert "Payment 4 is now £12,000.00." in body
    assert "Returns added for 2027-28 Q1." in body
    assert "More sessions." in body  # the variations table on the grant's page


def test_the_vary_page_shows_refusals_beside_the_field(people, org_a):
    grant = grant_for(org_a)

    response = client_for(people["manager"]).post(
        reverse("commissioning:grant-vary", args=[grant.pk]),
        {"amount": "2000000", "start_date": "2026-04-01", "end_date": "2027-03-31", "reason": ""},
    )

    body = response.content.decode()
    assert "There is a problem" in body
    assert body.count("Enter the reason for the variation.") == 2
    assert 'value="2000000"' in body
    Grant.objects.get(pk=grant.pk, amount=Decimal("40000.00"))


def test_staff_cannot_vary_a_grant(people, org_a):
    grant = grant_for(org_a)

    response = client_for(people["staff"]).post(
        reverse("commissioning:grant-vary", args=[grant.pk]),
        {"amount": "42000", "start_date": "2026-04-01", "end_date": "2027-03-31", "reason": "More."},
    )

    assert response.status_code == 403
    assert not GrantVariation.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_variations_at_once_cannot_take_the_fund_past_its_total(org_a, org_b, manager_user):
    """Each increase fits the fund alone; together they would not. The fund's row lock makes the second wait,
    see the first, and be refused."""
    fund = FundFactory(total=Decimal("100000.00"))
    grants = [grant_for(org_a, round__fund=fund), grant_for(org_b, round__fund=fund)]  # £80,000 awarded
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(grant):
        try:
            barrier.wait(timeout=10)
            vary(grant, manager_user, amount=Decimal("55000.00"))
            outcomes[grant.pk] = "varied"
        except ValidationError as error:
            outcomes[grant.pk] = error.message_dict
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[grant]) for grant in grants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(str(outcome) for outcome in outcomes.values()).count("varied") == 1
    refused = next(outcome for outcome in outcomes.values() if outcome != "varied")
    assert "amount" in refused
    assert fund_available(fund) == Decimal("5000.00")
    assert GrantVariation.objects.count() == 1
