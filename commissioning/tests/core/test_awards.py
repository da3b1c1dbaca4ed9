from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import ApplicationStatus, Grant, MonitoringReturn, Tranche, TrancheCondition
from commissioning.selectors.ledger import fund_available, fund_ledger, objective_ledger
from commissioning.services.awards import application_award, default_schedule
from commissioning.tests.factories import FundFactory, awarded_grant, recommended_application

pytestmark = pytest.mark.django_db


def test_award_makes_a_grant_with_a_return_per_quarter_and_a_schedule_that_adds_up(manager_user):
    grant = awarded_grant(manager=manager_user, amount=Decimal("40000.00"))
    assert grant.application.status == ApplicationStatus.AWARDED
    assert grant.identifier == f"360G-londonvru-{grant.application.reference}"
    assert MonitoringReturn.objects.filter(grant=grant).count() == 4
    tranches = list(grant.tranches.all())
    assert [t.condition for t in tranches] == [TrancheCondition.AGREEMENT_SIGNED] + [
        TrancheCondition.RETURN_ACCEPTED
    ] * 3
    assert sum(t.amount for t in tranches) == Decimal("40000.00")
    assert [t.condition_return.quarter for t in tranches[1:]] == [1, 2, 3]


def test_default_schedule_puts_the_odd_pence_on_the_first_payment():
    specs = default_schedule(Decimal("100.00"), date(2026, 4, 1), date(2027, 3, 31))
    assert [s.amount for s in specs] == [Decimal("25.00")] * 4
    specs = default_schedule(Decimal("100.01"), date(2026, 4, 1), date(2026, 12, 31))
    assert [s.amount for s in specs] == [Decimal("33.35"), Decimal("33.33"), Decimal("33.33")]


def test_award_over_the_request_or_the_fund_is_refused_with_nothing_saved(manager_user):
    fund = FundFactory(total=Decimal("50000.00"))
    awarded_grant(manager=manager_user, amount=Decimal("30000.00"), round__fund=fund)
    application = recommended_application(round__fund=fund, amount_requested=Decimal("25000.00"))
    common = {
        "application": application,
        "user": manager_user,
        "objective": application.objectives.first(),
        "start_date": date(2026, 4, 1),
        "end_date": date(2027, 3, 31),
    }
    with pytest.raises(ValidationError) as error:
        application_award(amount=Decimal("25000.01"), **common)
    assert "more than the £25,000.00 requested" in error.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as error:
        application_award(amount=Decimal("20000.01"), **common)
    assert "£20,000.00 left" in error.value.message_dict["amount"][0]
    assert Grant.objects.filter(application=application).count() == 0
    assert Tranche.objects.filter(grant__application=application).count() == 0
    application_award(amount=Decimal("20000.00"), **common)
    assert fund_available(fund) == Decimal("0.00")


def test_ledger_sums_awarded_and_paid_per_fund_and_objective(manager_user):
    fund = FundFactory(total=Decimal("100000.00"))
    grant = awarded_grant(manager=manager_user, amount=Decimal("40000.00"), round__fund=fund)
    first = grant.tranches.get(number=1)
    first.status, first.paid_on = "paid", date(2026, 5, 1)
    first.save()
    row = fund_ledger().get(pk=fund.pk)
    assert (row.awarded, row.paid, row.available) == (Decimal("40000.00"), Decimal("10000.00"), Decimal("60000.00"))
    objective = objective_ledger(fund).get(pk=grant.objective_id)
    assert (objective.awarded, objective.paid) == (Decimal("40000.00"), Decimal("10000.00"))
