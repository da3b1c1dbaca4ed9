"""The reads of the funds and ledger pages, the rounds pages and the public /funding/ pages.

Each page's reads take a fixed number of queries, however many funds, rounds or
applications there are: counts are annotations, related rows are prefetched.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from commissioning.filters.rounds import FundingRoundFilter, RoundStatus
from commissioning.models import Application, ApplicationStatus, Criterion, Fund, FundingRound, Grant, RoundQuestion
from commissioning.selectors.ledger import fund_ledger, objective_ledger
from commissioning.selectors.rounds.history import fund_history, round_history
from commissioning.selectors.rounds.status import received, round_awarded, with_status
from programmes.models import Objective

UPCOMING_SHOWN = 5


@dataclass
class LedgerTotals:
    total: Decimal = Decimal("0.00")
    awarded: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    available: Decimal = Decimal("0.00")

    @classmethod
    def of(cls, rows) -> "LedgerTotals":
        totals = cls()
        for row in rows:
            totals.total += row.total
            totals.awarded += row.awarded
            totals.paid += row.paid
            totals.available += row.available
        return totals


@dataclass
class FundsPage:
    funds: list
    fund_totals: LedgerTotals
    objectives: list
    objective_totals: LedgerTotals


def funds_page() -> FundsPage:
    """Every fund with its ledger row, and every objective's ledger across all funds: two queries."""
    funds = list(fund_ledger().order_by("-financial_year", "name"))
    objectives = list(objective_ledger())
    return FundsPage(funds, LedgerTotals.of(funds), objectives, LedgerTotals.of(objectives))


def ledger_rows(page: FundsPage) -> list[list]:
    """The ledger as one table for a download: each fund, then each objective across funds."""
    rows = [
        ["Fund", fund.name, fund.source, fund.year_label, fund.total, fund.awarded, fund.paid, fund.available]
        for fund in page.funds
    ]
    rows.extend(
        ["Objective", str(objective), "", "", objective.total, objective.awarded, objective.paid, objective.available]
        for objective in page.objectives
    )
    return rows


LEDGER_HEADERS = ["Ledger", "Name", "Source", "Financial year", "Total", "Awarded", "Paid", "Available"]


def get_fund_with_ledger(pk) -> Fund:
    return get_object_or_404(fund_ledger(Fund.objects.all()), pk=pk)


@dataclass
class FundPage:
    fund: Fund
    objectives: list
    objective_totals: LedgerTotals
    rounds: list
    grant_count: int
    history: list


def fund_page(fund: Fund, at: datetime | None = None) -> FundPage:
    """A fund's own ledger by objective, its rounds with their status, and how many grants it has made."""
    objectives = list(objective_ledger(fund))
    rounds = list(round_rows(fund.rounds.all(), at=at))
    return FundPage(
        fund=fund,
        objectives=objectives,
        objective_totals=LedgerTotals.of(objectives),
        rounds=rounds,
        grant_count=Grant.objects.filter(fund=fund).count(),
        history=fund_history(fund),
    )


def allocation_amounts(fund: Fund) -> dict[int, Decimal]:
    return dict(fund.allocations.values_list("objective_id", "amount"))


def objectives_in_order() -> QuerySet:
    return Objective.objects.order_by("number")


# --- Rounds --------------------------------------------------------------------------------------


def round_rows(queryset: QuerySet | None = None, at: datetime | None = None) -> QuerySet:
    """Rounds with their fund, ``round_status``, ``received_count`` and ``draft_count``, in one query."""
    queryset = FundingRound.objects.all() if queryset is None else queryset
    return with_status(queryset.select_related("fund"), at).annotate(
        received_count=Count("applications", filter=received("applications__")),
        draft_count=Count("applications", filter=Q(applications__status=ApplicationStatus.DRAFT)),
    )


def round_filterset(*, filters=None, queryset=None, at: datetime | None = None) -> FundingRoundFilter:
    queryset = round_rows(at=at) if queryset is None else queryset
    return FundingRoundFilter(filters or None, queryset=queryset, at=at)


def filtered_rounds(filterset: FundingRoundFilter) -> QuerySet:
    """The filter's rounds; none at all when a filter value is invalid, rather than every round."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def round_parts() -> list[Prefetch | str]:
    """What a round's pages and the API show with it, fetched once per list rather than once per round."""
    return [
        Prefetch("objectives", queryset=Objective.objects.order_by("number")),
        "priority_areas",
        Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk")),
        Prefetch("questions", queryset=RoundQuestion.objects.order_by("order", "pk")),
    ]


@dataclass
class RoundPage:
    funding_round: FundingRound
    status: RoundStatus
    counts: list[tuple[str, int]] = field(default_factory=list)
    received: int = 0
    weights_total: int = 0
    awarded: Decimal = Decimal("0.00")
    criteria_locked: bool = False
    questions_locked: bool = False
    history: list = field(default_factory=list)


def round_page(pk, at: datetime | None = None, *, with_history: bool = False) -> RoundPage:
    """Everything staff see of one round: its settings, criteria, questions and where its applications stand."""
    funding_round = get_object_or_404(
        round_rows(FundingRound.objects.prefetch_related(*round_parts()), at=at),
        pk=pk,
    )
    by_status = dict(
        Application.objects.filter(round=funding_round)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    counts = [(label, by_status[value]) for value, label in ApplicationStatus.choices if by_status.get(value)]
    locked = funding_round.received_count > 0
    return RoundPage(
        funding_round=funding_round,
        status=RoundStatus(funding_round.round_status),
        counts=counts,
        received=funding_round.received_count,
        weights_total=sum(criterion.weight for criterion in funding_round.criteria.all()),
        awarded=round_awarded(funding_round),
        criteria_locked=locked,
        questions_locked=locked,
        history=round_history(funding_round) if with_history else [],
    )


# --- Public pages ---------------------------------------------------------------------------------


@dataclass
class FundingPage:
    open_rounds: list
    upcoming: list


def funding_page(at: datetime | None = None) -> FundingPage:
    """Published rounds open now, closing soonest first, and the next few to open."""
    at = at or timezone.now()
    open_rounds = (
        FundingRound.objects.open(at)
        .select_related("fund")
        .prefetch_related(Prefetch("objectives", queryset=Objective.objects.order_by("number")))
        .order_by("closes_at", "title")
    )
    upcoming = (
        FundingRound.objects.published().filter(opens_at__gt=at).select_related("fund").order_by("opens_at", "title")
    )
    return FundingPage(list(open_rounds), list(upcoming[:UPCOMING_SHOWN]))


def get_published_round(pk) -> FundingRound:
    """A published round with everything its public page shows; 404 for one not published."""
    return get_object_or_404(
        FundingRound.objects.published().select_related("fund").prefetch_related(*round_parts()), pk=pk
    )
