"""Lists of plans: the plan list page and the API, a partner's home-page panel, an organisation's panel,
quarterly-update rows and peer sessions. Each runs a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q

from partners.filters.plans import BoroughPlanFilter
from partners.models import (
    ActionUpdate,
    Borough,
    BoroughPlan,
    Organisation,
    PeerSession,
    PlanAction,
    PlanStatus,
)
from programmes.periods import FinancialQuarter, financial_year_of


def plan_filterset(*, filters=None, queryset=None) -> BoroughPlanFilter:
    queryset = queryset if queryset is not None else BoroughPlan.objects.all()
    return BoroughPlanFilter(filters or None, queryset=queryset.select_related("borough", "organisation"))


def filtered_plans(filterset: BoroughPlanFilter):
    """The filter's plans; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def previous_quarter(quarter: FinancialQuarter) -> FinancialQuarter:
    if quarter.quarter == 1:
        return FinancialQuarter(quarter.year - 1, 4)
    return FinancialQuarter(quarter.year, quarter.quarter - 1)


def last_completed_quarter(*, year: int, today: date) -> FinancialQuarter | None:
    """The latest quarter of financial year ``year`` that has ended by ``today``: the update then due."""
    latest = min(previous_quarter(FinancialQuarter.containing(today)), FinancialQuarter(year, 4))
    return latest if latest.year == year else None


def open_quarters(*, plan: BoroughPlan, today: date) -> list[FinancialQuarter]:
    """The quarters of the plan's year that have started by ``today``: the ones an update can be given for."""
    return [
        FinancialQuarter(plan.financial_year, number)
        for number in range(1, 5)
        if FinancialQuarter(plan.financial_year, number).start <= today
    ]


# --- A partner's home page and an organisation's page ---------------------------------------------


@dataclass
class UpdateDue:
    plan: BoroughPlan
    quarter: FinancialQuarter
    updated: int
    actions: int


@dataclass
class PlansDue:
    year: int
    to_start: list[Organisation] = field(default_factory=list)
    to_finish: list[BoroughPlan] = field(default_factory=list)
    updates_due: list[UpdateDue] = field(default_factory=list)
    submitted: list[BoroughPlan] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.to_start or self.to_finish or self.updates_due or self.submitted)


SUBMITTED_SHOWN = 6


def plans_due(*, user, today: date) -> PlansDue:
    """What a partner user owes on plans: for each Community Safety Partnership they act for, this year's
    plan if not yet submitted (or returned), the quarterly update due on an accepted plan, and the plans
    they have submitted."""
    year = financial_year_of(today)
    due = PlansDue(year=year)
    organisations = list(
        Organisation.objects.filter(memberships__user=user, csp_borough__isnull=False).select_related("csp_borough")
    )
    if not organisations:
        return due
    plans = list(
        BoroughPlan.objects.filter(organisation__in=organisations)
        .select_related("borough", "organisation")
        .order_by("-financial_year", "borough__name")
    )
    this_year = {plan.organisation_id for plan in plans if plan.financial_year == year}
    due.to_start = [organisation for organisation in organisations if organisation.pk not in this_year]
    due.to_finish = [plan for plan in plans if plan.financial_year == year and plan.is_editable]
    due.submitted = [plan for plan in plans if plan.submitted_at is not None][:SUBMITTED_SHOWN]

    quarter = previous_quarter(FinancialQuarter.containing(today))
    accepted = {
        plan.pk: plan for plan in plans if plan.status == PlanStatus.ACCEPTED and plan.financial_year == quarter.year
    }
    if accepted:
        counts = (
            PlanAction.objects.filter(plan__in=accepted)
            .values("plan")
            .annotate(
                total=Count("pk", distinct=True),
                updated=Count(
                    "updates",
                    filter=Q(updates__financial_year=quarter.year, updates__quarter=quarter.quarter),
                    distinct=True,
                ),
            )
            .order_by()
        )
        for row in counts:
            if row["updated"] < row["total"]:
                due.updates_due.append(UpdateDue(accepted[row["plan"]], quarter, row["updated"], row["total"]))
    return due


def organisation_plans(*, organisation: Organisation) -> list[BoroughPlan]:
    return list(organisation.plans.select_related("borough").order_by("-financial_year"))


# --- Quarterly updates --------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    action: PlanAction
    update: ActionUpdate | None
    previous_rag: str


def progress_rows(*, plan: BoroughPlan, quarter: FinancialQuarter) -> list[ProgressRow]:
    """Each action with its update for ``quarter`` (if given) and the RAG it had before that quarter."""
    actions = (
        plan.actions.select_related("theme")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("financial_year", "quarter")))
        .order_by("theme__number", "order", "pk")
    )
    rows = []
    for action in actions:
        updates = list(action.updates.all())
        current = next((u for u in updates if (u.financial_year, u.quarter) == (quarter.year, quarter.quarter)), None)
        earlier = [u for u in updates if (u.financial_year, u.quarter) < (quarter.year, quarter.quarter)]
        rows.append(ProgressRow(action, current, earlier[-1].rag if earlier else action.rag))
    return rows


# --- Peer sessions ---------------------------------------------------------------------------------------


def peer_session_list():
    return PeerSession.objects.select_related("recorded_by").prefetch_related(
        Prefetch("boroughs", queryset=Borough.objects.order_by("name"))
    )
