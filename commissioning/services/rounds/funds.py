"""Funds and what they set aside for each objective.

A fund's row is locked before its total is checked against what has been
awarded, as the award service locks it, so a change to the total and an award
cannot pass each other.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from commissioning.models import Fund, FundAllocation, Grant
from commissioning.services.rounds.common import FUND_FIELDS, pounds, unknown_fields
from vru.validators import check_bounds


def check_fund_total(fund: Fund, *, allocations: bool = True) -> None:
    """A fund's total covers what is awarded from it, every round's envelope and (unless ``allocations`` is
    False, for a caller that checks new allocations itself) what it sets aside for objectives."""
    if fund.total is None or fund.total < 0:
        raise ValidationError({"total": "The total cannot be less than £0."})
    awarded = Grant.objects.filter(fund=fund).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if fund.total < awarded:
        raise ValidationError(
            {
                "total": f"{pounds(awarded)} has already been awarded from this fund, "
                "so its total cannot be less than that."
            }
        )
    allocated = fund.allocations.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if allocations and fund.total < allocated:
        raise ValidationError(
            {
                "total": f"The fund's allocations to objectives add up to {pounds(allocated)}. "
                "Reduce them first, or keep the total at least that."
            }
        )
    largest = fund.rounds.order_by("-budget_envelope").first()
    if largest is not None and fund.total < largest.budget_envelope:
        raise ValidationError(
            {
                "total": f"The round “{largest.title}” has a budget envelope of {pounds(largest.budget_envelope)}. "
                "Reduce its envelope first, or keep the total at least that."
            }
        )


def _save_fund(fund: Fund, *, user) -> Fund:
    fund._history_user = user
    check_bounds(amounts={"total": fund.total})
    fund.full_clean()
    fund.save()
    return fund


@transaction.atomic
def fund_create(*, user, **fields) -> Fund:
    unknown_fields(fields, FUND_FIELDS)
    fund = Fund(**fields)
    if fund.total is not None and fund.total < 0:
        raise ValidationError({"total": "The total cannot be less than £0."})
    return _save_fund(fund, user=user)


@transaction.atomic
def fund_update(*, fund: Fund, user, **fields) -> Fund:
    """Change a fund; its total may not drop below what it has awarded, allocated or offered in a round."""
    unknown_fields(fields, FUND_FIELDS)
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    for name, value in fields.items():
        setattr(fund, name, value)
    check_fund_total(fund)
    return _save_fund(fund, user=user)


@transaction.atomic
def fund_allocations_set(*, fund: Fund, user, allocations: Iterable[tuple]) -> list[FundAllocation]:
    """Replace what the fund sets aside for each objective; an objective left out or given nothing has none.

    ``allocations`` is a list of ``(objective, amount)``. Their sum may not pass the fund's total.
    """
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    wanted: dict = {}
    for objective, amount in allocations:
        if objective.pk in wanted:
            raise ValidationError({"allocations": f"Objective {objective.number} is given more than once."})
        if amount is not None and amount < 0:
            raise ValidationError(
                {"allocations": f"The allocation to objective {objective.number} cannot be less than £0."}
            )
        wanted[objective.pk] = (objective, amount or Decimal("0"))
    allocated = sum((amount for _, amount in wanted.values()), Decimal("0"))
    if allocated > fund.total:
        raise ValidationError(
            {
                "allocations": f"The allocations add up to {pounds(allocated)}, which is more than the fund's total of "
                f"{pounds(fund.total)}. Reduce them by {pounds(allocated - fund.total)}."
            },
            code="over_total",
        )
    existing = {allocation.objective_id: allocation for allocation in fund.allocations.select_for_update()}
    kept = []
    for objective_id, allocation in existing.items():
        if not wanted.get(objective_id, (None, Decimal("0")))[1]:
            allocation._history_user = user
            allocation.delete()
    for objective_id, (objective, amount) in wanted.items():
        if not amount:
            continue
        allocation = existing.get(objective_id) or FundAllocation(fund=fund, objective=objective)
        if allocation.pk is None or allocation.amount != amount:
            allocation.amount = amount
            allocation._history_user = user
            allocation.save()
        kept.append(allocation)
    return kept
