"""Reads for the monitoring-return pages, export and API, each in a fixed number of queries whatever the
number of rows."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from commissioning.filters.returns import ReturnFilter
from commissioning.models import (
    AgeBand,
    BudgetLine,
    MonitoringReturn,
    ReturnIndicatorActual,
    ReturnReach,
    ReturnSpend,
    ReturnStatus,
)
from partners.models import Borough, Organisation
from programmes.models import Indicator
from programmes.periods import FinancialQuarter
from vru.exports import rows_of
from vru.roles import display_name, user_name_fields


def for_listing(queryset):
    """What a row of the list, the export or the API shows: the grant, its organisation and fund, and
    who submitted and reviewed the return."""
    return queryset.select_related("grant__organisation", "grant__fund", "submitted_by", "reviewed_by")


def return_filterset(*, filters=None, queryset, filterset_class=ReturnFilter, today: date | None = None):
    """The return filter over ``queryset``; its organisation choices are those with a return in it."""
    organisations = Organisation.objects.filter(pk__in=queryset.values("grant__organisation"))
    return filterset_class(filters or None, queryset=for_listing(queryset), organisations=organisations, today=today)


def filtered_returns(filterset: ReturnFilter, *, for_partner: bool = False):
    """The filter's returns; none at all when a filter value is invalid, rather than everything.

    A partner sees first what they still owe, soonest due first; VRU staff see first
    what awaits review, then the rest by due date.
    """
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    first = [ReturnStatus.RETURNED, ReturnStatus.DRAFT] if for_partner else [ReturnStatus.SUBMITTED]
    priority = Case(
        *[When(status=status, then=Value(0)) for status in first], default=Value(1), output_field=IntegerField()
    )
    return filterset.qs.annotate(priority=priority).order_by("priority", "due_on", "grant__identifier", "pk")


def with_totals(queryset):
    """Adds ``total_spend`` (£) and ``total_reach`` (young people counted) to each return, for the export."""
    spend = (
        ReturnSpend.objects.filter(monitoring_return=OuterRef("pk"))
        .order_by()
        .values("monitoring_return")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    reach = (
        ReturnReach.objects.filter(monitoring_return=OuterRef("pk"))
        .order_by()
        .values("monitoring_return")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return queryset.annotate(total_spend=Subquery(spend), total_reach=Coalesce(Subquery(reach), Value(0)))


def export_rows(queryset, *, today: date):
    """One row per return for the export, with its totals: plain values read a chunk at a time rather
    than a return, grant, organisation, fund and two users built for each row."""
    statuses = dict(ReturnStatus.choices)
    values = with_totals(queryset).values_list(
        "grant__identifier",
        "grant__title",
        "grant__organisation__name",
        "grant__fund__name",
        "financial_year",
        "quarter",
        "due_on",
        "status",
        "submitted_at",
        "reviewed_at",
        "total_spend",
        "total_reach",
        *user_name_fields("submitted_by", "reviewed_by"),
        named=True,
    )
    for r in rows_of(values):
        yield [
            r.grant__identifier,
            r.grant__title,
            r.grant__organisation__name,
            r.grant__fund__name,
            FinancialQuarter(r.financial_year, r.quarter).label,
            r.due_on,
            statuses[r.status],
            r.status == ReturnStatus.DRAFT and r.due_on < today,  # MonitoringReturn.is_overdue
            r.submitted_at,
            _name(r.submitted_by__first_name, r.submitted_by__last_name, r.submitted_by__username),
            r.reviewed_at,
            _name(r.reviewed_by__first_name, r.reviewed_by__last_name, r.reviewed_by__username),
            r.total_spend,
            r.total_reach,
        ]


def _name(first_name, last_name, username) -> str:
    return "" if username is None else display_name(first_name, last_name, username)


def return_detail_queryset():
    return MonitoringReturn.objects.select_related(
        "grant__organisation",
        "grant__application",
        "grant__programme",
        "grant__fund",
        "submitted_by",
        "reviewed_by",
    )


# --- A return's figures -------------------------------------------------------------------------------


@dataclass
class ReachRow:
    borough: Borough
    counts: list[int | None]  # in the order of AgeBand

    @property
    def total(self) -> int:
        return sum(count or 0 for count in self.counts)


@dataclass
class ReturnFigures:
    spend: list[tuple[BudgetLine, Decimal | None]]
    reach: list[ReachRow]
    actuals: list[tuple[Indicator, Decimal | None]]

    bands = AgeBand.choices

    @property
    def spend_total(self) -> Decimal:
        return sum((amount for _, amount in self.spend if amount is not None), Decimal("0.00"))

    @property
    def band_totals(self) -> list[int]:
        return [sum(row.counts[index] or 0 for row in self.reach) for index in range(len(AgeBand.values))]

    @property
    def reach_total(self) -> int:
        return sum(row.total for row in self.reach)

    @property
    def has_reach(self) -> bool:
        return any(count is not None for row in self.reach for count in row.counts)


def return_figures(*, monitoring_return: MonitoringReturn, for_editing: bool = False) -> ReturnFigures:
    """The return's spend by budget line, reach by borough and age band, and indicator actuals.

    The rows are the application's budget lines and boroughs and, for editing, the
    indicators of the grant's programme now; for reading, any figure recorded is also
    shown, even if its borough or indicator is no longer among those.
    """
    grant = monitoring_return.grant
    spent = {row.budget_line_id: row.amount for row in monitoring_return.spend.all()}
    lines = list(BudgetLine.objects.filter(application_id=grant.application_id).order_by("order", "pk"))
    spend = [(line, spent.get(line.pk)) for line in lines]

    counted = {(row.borough_id, row.age_band): row.count for row in monitoring_return.reach.select_related("borough")}
    boroughs = {borough.pk: borough for borough in grant.application.boroughs.all()}
    if not for_editing:
        ids = {borough_id for borough_id, _ in counted if borough_id not in boroughs}
        boroughs.update({borough.pk: borough for borough in Borough.objects.filter(pk__in=ids)} if ids else {})
    reach = [
        ReachRow(borough, [counted.get((borough.pk, band)) for band in AgeBand.values])
        for borough in sorted(boroughs.values(), key=lambda b: b.name)
    ]

    recorded = {
        row.indicator_id: row
        for row in ReturnIndicatorActual.objects.filter(monitoring_return=monitoring_return).select_related("indicator")
    }
    indicators = {
        indicator.pk: indicator for indicator in (grant.programme.indicators.all() if grant.programme else [])
    }
    if not for_editing:
        indicators.update({pk: row.indicator for pk, row in recorded.items()})
    actuals = [
        (indicator, recorded[indicator.pk].actual if indicator.pk in recorded else None)
        for indicator in sorted(indicators.values(), key=lambda i: (i.name, i.pk))
    ]
    return ReturnFigures(spend=spend, reach=reach, actuals=actuals)
