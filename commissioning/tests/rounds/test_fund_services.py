"""The rules on funds and their allocations, as the services keep them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import Fund, FundAllocation
from commissioning.selectors.ledger import objective_ledger
from commissioning.services import rounds as services
from commissioning.tests.factories import FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.factories import FundAllocationFactory
from programmes.models import Objective

pytestmark = pytest.mark.django_db


def objective(number):
    return Objective.objects.get(number=number)


def test_fund_create_saves_the_fund_and_who_made_it(staff_user):
    fund = services.fund_create(
        user=staff_user, name="MOPAC safer schools", source="MOPAC", financial_year=2026, total=Decimal("1000000.00")
    )
    assert Fund.objects.get(pk=fund.pk).year_label == "2026-27"
    assert fund.history.get().history_user == staff_user


def test_fund_create_refuses_a_negative_total_and_a_repeated_name(staff_user):
    with pytest.raises(ValidationError) as error:
        services.fund_create(user=staff_user, name="A", source="MOPAC", financial_year=2026, total=Decimal("-1"))
    assert error.value.message_dict == {"total": ["The total cannot be less than £0."]}
    FundFactory(name="Taken")
    with pytest.raises(ValidationError) as error:
        services.fund_create(user=staff_user, name="Taken", source="MOPAC", financial_year=2026, total=Decimal("1"))
    assert "name" in error.value.message_dict
    assert Fund.objects.filter(name="A").count() == 0


def test_fund_total_cannot_drop_below_what_is_awarded(staff_user, manager_user):
    fund = FundFactory(total=Decimal("100000.00"))
    awarded_grant(
        manager=manager_user,
        amount=Decimal("40000.00"),
        round__fund=fund,
        round__budget_envelope=Decimal("50000.00"),
        round__maximum_request=Decimal("50000.00"),
    )
    with pytest.raises(ValidationError) as error:
        services.fund_update(fund=fund, user=staff_user, total=Decimal("39999.99"))
    assert error.value.message_dict == {
        "total": ["£40,000.00 has already been awarded from this fund, so its total cannot be less than that."]
    }
    fund.refresh_from_db()
    assert fund.total == Decimal("100000.00")
    services.fund_update(fund=fund, user=staff_user, total=Decimal("50000.00"))
    fund.refresh_from_db()
    assert fund.total == Decimal("50000.00")


def test_fund_total_cannot_drop_below_its_allocations_or_a_rounds_envelope(staff_user):
    fund = FundFactory(total=Decimal("100000.00"))
    FundAllocationFactory(fund=fund, objective=objective(1), amount=Decimal("60000.00"))
    with pytest.raises(ValidationError) as error:
        services.fund_update(fund=fund, user=staff_user, total=Decimal("59000.00"))
    assert "allocations to objectives add up to £60,000.00" in error.value.message_dict["total"][0]
    FundingRoundFactory(
        fund=fund, title="Summer", budget_envelope=Decimal("80000.00"), maximum_request=Decimal("50000.00")
    )
    with pytest.raises(ValidationError) as error:
        services.fund_update(fund=fund, user=staff_user, total=Decimal("70000.00"))
    assert "“Summer” has a budget envelope of £80,000.00" in error.value.message_dict["total"][0]


def test_fund_update_changes_other_fields_without_touching_the_total(staff_user):
    fund = FundFactory(name="Old", total=Decimal("10.00"))
    services.fund_update(fund=fund, user=staff_user, name="New", description="For schools.")
    fund.refresh_from_db()
    assert (fund.name, fund.description, fund.total) == ("New", "For schools.", Decimal("10.00"))


def test_fund_update_refuses_fields_it_does_not_know(staff_user):
    with pytest.raises(TypeError):
        services.fund_update(fund=FundFactory(), user=staff_user, colour="red")


def test_allocations_are_replaced_as_a_whole(staff_user):
    fund = FundFactory(total=Decimal("100000.00"))
    kept = FundAllocationFactory(fund=fund, objective=objective(1), amount=Decimal("1000.00"))
    FundAllocationFactory(fund=fund, objective=objective(2), amount=Decimal("2000.00"))
    services.fund_allocations_set(
        fund=fund,
        user=staff_user,
        allocations=[(objective(1), Decimal("30000.00")), (objective(2), None), (objective(3), Decimal("0"))],
    )
    assert dict(fund.allocations.values_list("objective__number", "amount")) == {1: Decimal("30000.00")}
    assert fund.allocations.get().pk == kept.pk  # kept, so its history runs on
    assert kept.history.latest().history_user == staff_user
    rows = {row.number: row for row in objective_ledger(fund)}
    assert rows[1].total == Decimal("30000.00")
    assert rows[2].total == Decimal("0.00")


def test_allocations_cannot_pass_the_funds_total_and_nothing_is_saved(staff_user):
    fund = FundFactory(total=Decimal("50000.00"))
    FundAllocationFactory(fund=fund, objective=objective(1), amount=Decimal("1000.00"))
    with pytest.raises(ValidationError) as error:
        services.fund_allocations_set(
            fund=fund,
            user=staff_user,
            allocations=[(objective(1), Decimal("30000.00")), (objective(2), Decimal("20000.01"))],
        )
    assert error.value.message_dict == {
        "allocations": [
            "The allocations add up to £50,000.01, which is more than the fund's total of £50,000.00. "
            "Reduce them by £0.01."
        ]
    }
    assert dict(fund.allocations.values_list("objective__number", "amount")) == {1: Decimal("1000.00")}
    services.fund_allocations_set(
        fund=fund,
        user=staff_user,
        allocations=[(objective(1), Decimal("30000.00")), (objective(2), Decimal("20000.00"))],
    )
    assert FundAllocation.objects.filter(fund=fund).count() == 2


def test_allocations_refuse_a_negative_amount_or_an_objective_twice(staff_user):
    fund = FundFactory()
    with pytest.raises(ValidationError) as error:
        services.fund_allocations_set(fund=fund, user=staff_user, allocations=[(objective(4), Decimal("-5"))])
    assert error.value.message_dict == {"allocations": ["The allocation to objective 4 cannot be less than £0."]}
    with pytest.raises(ValidationError) as error:
        services.fund_allocations_set(
            fund=fund, user=staff_user, allocations=[(objective(4), Decimal("5")), (objective(4), Decimal("6"))]
        )
    assert error.value.message_dict == {"allocations": ["Objective 4 is given more than once."]}
    assert not fund.allocations.exists()
