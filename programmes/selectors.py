"""Reads for the strategy and programme pages, the API and the exports.

Each selector runs a fixed number of queries whatever the number of rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from programmes.filters import ProgrammeFilter
from programmes.models import (
    PROGRAMME_M2M_FIELDS,
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    Programme,
    ProgrammeStatus,
    Rag,
    StrategicAim,
)


def programme_filterset(*, filters=None, queryset=None) -> ProgrammeFilter:
    queryset = queryset if queryset is not None else Programme.objects.all()
    return ProgrammeFilter(filters or None, queryset=queryset.for_listing())


def filtered_programmes(filterset: ProgrammeFilter):
    """The filter's programmes; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def programme_list(*, filters=None, queryset=None):
    return filtered_programmes(programme_filterset(filters=filters, queryset=queryset))


def programme_detail_queryset():
    return Programme.objects.select_related("lead_officer").prefetch_related(
        *PROGRAMME_M2M_FIELDS,
        Prefetch("milestones", queryset=Milestone.objects.select_related("owner")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("financial_year", "quarter"))
            ),
        ),
    )


@dataclass
class ObjectiveSummary:
    objective: Objective
    active_programmes: int = 0
    budget: Decimal = Decimal("0.00")
    milestones: dict = field(default_factory=lambda: dict.fromkeys(Rag.values, 0))
    late_milestones: int = 0
    done_milestones: int = 0

    @property
    def open_milestones(self) -> int:
        return sum(self.milestones.values())


@dataclass
class Dashboard:
    aims: list
    objectives: list[ObjectiveSummary]
    active_programmes: int
    budget: Decimal


def dashboard(*, include_programmes: bool) -> Dashboard:
    """Aims and objectives; with ``include_programmes``, each objective's active work and its milestones' RAG.

    A programme under two objectives counts towards both; the totals count it once.
    """
    aims = list(StrategicAim.objects.all())
    objectives = list(Objective.objects.select_related("contextual_layer"))
    summaries = {objective.pk: ObjectiveSummary(objective) for objective in objectives}
    totals = {"n": 0, "budget": None}
    if include_programmes:
        active = Programme.objects.active()
        for row in active.values("objectives").annotate(n=Count("pk"), budget=Sum("budget")):
            summary = summaries.get(row["objectives"])
            if summary:
                summary.active_programmes = row["n"]
                summary.budget = row["budget"] or Decimal("0.00")
        today = timezone.localdate()
        milestone_rows = (
            Milestone.objects.filter(programme__status=ProgrammeStatus.ACTIVE)
            .values("programme__objectives", "rag")
            .annotate(
                open=Count("pk", filter=Q(done_date__isnull=True)),
                late=Count("pk", filter=Q(done_date__isnull=True, due_date__lt=today)),
                done=Count("pk", filter=Q(done_date__isnull=False)),
            )
        )
        for row in milestone_rows:
            summary = summaries.get(row["programme__objectives"])
            if summary:
                summary.milestones[row["rag"]] += row["open"]
                summary.late_milestones += row["late"]
                summary.done_milestones += row["done"]
        totals = active.aggregate(n=Count("pk"), budget=Sum("budget"))
    return Dashboard(
        aims=aims,
        objectives=list(summaries.values()),
        active_programmes=totals["n"],
        budget=totals["budget"] or Decimal("0.00"),
    )


def objective_detail(*, number: int) -> Objective:
    return Objective.objects.select_related("contextual_layer").prefetch_related("priority_areas").get(number=number)


def objective_programmes(*, objective: Objective):
    return objective.programmes.for_listing().order_by("status", "title")
