"""The ledger: for each fund, and for each objective, what is set aside, awarded, paid and still available.

Every figure is a subquery per row, so a ledger of any length is one query and sums
over grants never multiply with sums over tranches.
"""

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from commissioning.models import Fund, FundAllocation, Grant, Tranche, TrancheStatus
from programmes.models import Objective

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _total(queryset, field: str):
    """A correlated subquery summing ``field`` over ``queryset``, zero when there are no rows."""
    summed = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(summed), ZERO)


def fund_ledger(funds=None):
    """Funds with ``awarded``, ``paid`` and ``available`` (total less awarded) on each row."""
    funds = Fund.objects.all() if funds is None else funds
    return funds.annotate(
        awarded=_total(Grant.objects.filter(fund=OuterRef("pk")), "amount"),
        paid=_total(Tranche.objects.filter(grant__fund=OuterRef("pk"), status=TrancheStatus.PAID), "amount"),
    ).annotate(available=F("total") - F("awarded"))


def objective_ledger(fund: Fund | None = None):
    """Objectives with ``total`` (what funds set aside for them), ``awarded``, ``paid`` and ``available``.

    For one fund when ``fund`` is given; otherwise across every fund.
    """
    allocations = FundAllocation.objects.filter(objective=OuterRef("pk"))
    grants = Grant.objects.filter(objective=OuterRef("pk"))
    tranches = Tranche.objects.filter(grant__objective=OuterRef("pk"), status=TrancheStatus.PAID)
    if fund is not None:
        allocations = allocations.filter(fund=fund)
        grants = grants.filter(fund=fund)
        tranches = tranches.filter(grant__fund=fund)
    return (
        Objective.objects.order_by("number")
        .annotate(
            total=_total(allocations, "amount"),
            awarded=_total(grants, "amount"),
            paid=_total(tranches, "amount"),
        )
        .annotate(available=F("total") - F("awarded"))
    )


def fund_available(fund: Fund, *, excluding: Grant | None = None) -> Decimal:
    """What is left of the fund to award; ``excluding`` leaves a grant's own amount out (for a variation)."""
    grants = Grant.objects.filter(fund=fund)
    if excluding is not None:
        grants = grants.exclude(pk=excluding.pk)
    awarded = grants.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return fund.total - awarded
