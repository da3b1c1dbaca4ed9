"""Reads for the published grants: the public list and page, and the 360Giving downloads.

Every awarded grant is public; nothing here depends on who asks. Each read runs
a fixed number of queries whatever the number of grants.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, Min, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from commissioning.filters.transparency import PublishedGrantFilter
from commissioning.models import Grant, Tranche, TrancheStatus
from partners.models import Borough, Ward
from programmes.models import Objective
from programmes.periods import financial_year_of

_MONEY = DecimalField(max_digits=14, decimal_places=2)


def _paid_to_date():
    paid = (
        Tranche.objects.filter(grant=OuterRef("pk"), status=TrancheStatus.PAID)
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(paid, output_field=_MONEY), Value(Decimal("0.00"), output_field=_MONEY))


def published_grants(queryset=None):
    """Awarded grants, newest first, with the recipient, round, places and objectives each one shows.

    ``disbursed`` is what has been paid of each grant so far.
    """
    queryset = Grant.objects.all() if queryset is None else queryset
    return (
        queryset.select_related(
            "organisation", "organisation__csp_borough", "application", "application__round", "fund"
        )
        .prefetch_related(
            Prefetch("application__boroughs", queryset=Borough.objects.order_by("name")),
            Prefetch("application__wards", queryset=Ward.objects.select_related("borough").order_by("name")),
            Prefetch("application__objectives", queryset=Objective.objects.order_by("number")),
        )
        .annotate(disbursed=_paid_to_date())
        .order_by("-awarded_at", "-pk")
    )


def award_years() -> list[int]:
    """The financial years in which grants were awarded, newest first (and the years between)."""
    bounds = Grant.objects.aggregate(first=Min("awarded_at"), last=Max("awarded_at"))
    if bounds["first"] is None:
        return []
    first = financial_year_of(timezone.localdate(bounds["first"]))
    last = financial_year_of(timezone.localdate(bounds["last"]))
    return list(range(last, first - 1, -1))


def published_grant_filterset(*, filters=None) -> PublishedGrantFilter:
    return PublishedGrantFilter(filters or None, queryset=Grant.objects.all(), years=award_years())


def filtered_grants(filterset: PublishedGrantFilter):
    """The filter's grants, ready to show; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return published_grants(Grant.objects.none())
    return published_grants(filterset.qs)


@dataclass(frozen=True)
class GrantTotals:
    count: int
    amount: Decimal


def grant_totals(queryset) -> GrantTotals:
    totals = queryset.order_by().aggregate(count=Count("pk"), amount=Sum("amount"))
    return GrantTotals(count=totals["count"], amount=totals["amount"] or Decimal("0.00"))


def get_published_grant(pk) -> Grant:
    try:
        return published_grants().get(pk=pk)
    except (Grant.DoesNotExist, ValueError, TypeError):
        raise Http404("No such grant.") from None
