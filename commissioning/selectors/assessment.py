"""Reads for the assessment pages, the API and the export: the scores' maths lives here.

A criterion scored 0 to 5 with weight w (a round's weights add up to 100) contributes
score × w / 5 to an assessor's weighted total, which is therefore out of 100. Should a
round's weights not add up to 100, the total is scaled so that full marks are still 100.
Totals are shown to one decimal place, rounding halves up.

Each selector runs a fixed number of queries however many assessors and criteria there are.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from commissioning.models import MAX_SCORE, Application, Assessment, Criterion, CriterionScore
from commissioning.permissions import SCORING_STATUSES, conflicted_application_ids
from vru.roles import user_display_name

ONE_PLACE = Decimal("0.1")
# A spread this large between assessors' totals (points out of 100), or on one criterion
# (points out of 5), is flagged for the panel to talk through at moderation.
TOTAL_SPREAD_FLAG = Decimal("20")
CRITERION_SPREAD_FLAG = 2


# --- The maths ----------------------------------------------------------------------------------


def weighted_total(scores: dict[int, int], criteria: list[Criterion]) -> Decimal:
    """Σ score × weight / 5 over the criteria, out of 100, to one decimal place. Unscored criteria count 0."""
    weights = sum(criterion.weight for criterion in criteria)
    if not weights:
        return Decimal("0.0")
    points = sum(Decimal(scores.get(criterion.pk) or 0) * criterion.weight for criterion in criteria)
    return (points * 100 / (MAX_SCORE * weights)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(values: list) -> Decimal | None:
    """The mean to one decimal place, or ``None`` when there is nothing to average."""
    if not values:
        return None
    return (sum(Decimal(value) for value in values) / len(values)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def spread(values: list) -> Decimal | None:
    """Largest less smallest, or ``None`` with fewer than two values (one view has no spread)."""
    if len(values) < 2:
        return None
    return Decimal(max(values)) - Decimal(min(values))


# --- The summary of an application's assessment ---------------------------------------------------


@dataclass
class AssessorResult:
    """One assessor's submitted assessment: a score (or ``None``) per criterion, in the criteria's order."""

    assessment: Assessment
    name: str
    scores: list[CriterionScore | None]
    total: Decimal
    criteria: list[Criterion] = field(default_factory=list, repr=False)

    @property
    def rows(self) -> list[tuple[Criterion, CriterionScore | None]]:
        return list(zip(self.criteria, self.scores, strict=True))


@dataclass
class CriterionResult:
    """A criterion across assessors: ``cells`` line up with the summary's results (``None`` where unscored)."""

    criterion: Criterion
    cells: list[CriterionScore | None]
    scores: list[int]
    mean: Decimal | None
    spread: Decimal | None

    @property
    def flagged(self) -> bool:
        return self.spread is not None and self.spread >= CRITERION_SPREAD_FLAG


@dataclass
class AssessmentSummary:
    application: Application
    criteria: list[Criterion]
    results: list[AssessorResult] = field(default_factory=list)
    criterion_results: list[CriterionResult] = field(default_factory=list)
    waiting: list[Assessment] = field(default_factory=list)
    conflicts: list[Assessment] = field(default_factory=list)
    mean_total: Decimal | None = None
    total_spread: Decimal | None = None
    total_flag = TOTAL_SPREAD_FLAG
    criterion_flag = CRITERION_SPREAD_FLAG

    @property
    def active_count(self) -> int:
        """Assessors without a conflict: those who have submitted and those still to."""
        return len(self.results) + len(self.waiting)

    @property
    def total_flagged(self) -> bool:
        return self.total_spread is not None and self.total_spread >= TOTAL_SPREAD_FLAG

    @property
    def flagged_criteria(self) -> list[CriterionResult]:
        return [row for row in self.criterion_results if row.flagged]

    @property
    def needs_discussion(self) -> bool:
        """The spread is wide enough, overall or on a criterion, for the panel to talk it through."""
        return self.total_flagged or bool(self.flagged_criteria)

    @property
    def recommendations(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.assessment.recommendation] = counts.get(result.assessment.recommendation, 0) + 1
        return counts


def assessment_summary(application: Application) -> AssessmentSummary:
    """Every assessor's submitted scores, totals, mean and spreads; who is still to score; who is conflicted.

    Three queries: the criteria, the assessments with their assessors, and the scores.
    """
    criteria = list(Criterion.objects.filter(round_id=application.round_id).order_by("order", "pk"))
    assessments = list(
        application.assessments.select_related("assessor")
        .prefetch_related(Prefetch("scores", queryset=CriterionScore.objects.order_by()))
        .order_by("assigned_at", "pk")
    )
    summary = AssessmentSummary(application=application, criteria=criteria)
    for assessment in assessments:
        if assessment.has_conflict:
            summary.conflicts.append(assessment)
        elif assessment.submitted_at is None:
            summary.waiting.append(assessment)
        else:
            by_criterion = {score.criterion_id: score for score in assessment.scores.all()}
            values = {pk: score.score for pk, score in by_criterion.items()}
            summary.results.append(
                AssessorResult(
                    assessment=assessment,
                    name=user_display_name(assessment.assessor),
                    scores=[by_criterion.get(criterion.pk) for criterion in criteria],
                    total=weighted_total(values, criteria),
                    criteria=criteria,
                )
            )
    totals = [result.total for result in summary.results]
    summary.mean_total = mean(totals)
    summary.total_spread = spread(totals)
    for index, criterion in enumerate(criteria):
        cells = [result.scores[index] for result in summary.results]
        scores = [cell.score for cell in cells if cell is not None]
        summary.criterion_results.append(
            CriterionResult(criterion=criterion, cells=cells, scores=scores, mean=mean(scores), spread=spread(scores))
        )
    return summary


# --- Assessments with what their pages show -------------------------------------------------------


def assessment_queryset():
    """Assessments with their application, round and organisation."""
    return Assessment.objects.select_related(
        "assessor", "application__round__fund", "application__organisation", "assigned_by"
    )


# --- "Your assessments" -----------------------------------------------------------------------------

TODO_DECLARE, TODO_SCORE, DONE = 0, 1, 2


def _with_steps(queryset):
    scoring = Q(application__status__in=SCORING_STATUSES)
    return queryset.annotate(
        step=Case(
            When(scoring & Q(has_conflict__isnull=True), then=Value(TODO_DECLARE)),
            When(scoring & Q(has_conflict=False, submitted_at__isnull=True), then=Value(TODO_SCORE)),
            default=Value(DONE),
            output_field=IntegerField(),
        )
    )


def assessments_of(user):
    """The user's assignments, what is left to do first: declare, then score, then the rest, newest first.

    Each row carries ``step`` (TODO_DECLARE, TODO_SCORE or DONE) and ``scored`` (criteria scored so far).
    """
    return (
        _with_steps(assessment_queryset().filter(assessor=user))
        .annotate(scored=Count("scores"))
        .order_by("step", "-assigned_at", "-pk")
    )


def assignment_counts(user) -> dict[int, int]:
    """How many of the user's assignments are at each step."""
    rows = _with_steps(Assessment.objects.filter(assessor=user)).order_by().values("step").annotate(n=Count("pk"))
    counts = dict.fromkeys((TODO_DECLARE, TODO_SCORE, DONE), 0)
    counts.update({row["step"]: row["n"] for row in rows})
    return counts


# --- The assessments export -----------------------------------------------------------------------

EXPORT_HEADERS = [
    "Application reference",
    "Organisation",
    "Project title",
    "Application status",
    "Assessor",
    "Criterion",
    "Weight (%)",
    "Score (0 to 5)",
    "Comment",
    "Weighted total (out of 100)",
    "Recommendation",
    "Overall comment",
    "Submitted at",
]


def export_rows(*, funding_round, user) -> list[list]:
    """One row per submitted assessment and criterion of the round, leaving out the applications the
    user declared a conflict on. Two queries, whatever the size of the round."""
    criteria = list(Criterion.objects.filter(round=funding_round).order_by("order", "pk"))
    scores = list(
        CriterionScore.objects.filter(
            assessment__application__round=funding_round, assessment__submitted_at__isnull=False
        )
        .exclude(assessment__application__in=conflicted_application_ids(user))
        .select_related("assessment__assessor", "assessment__application__organisation", "criterion")
        .order_by("assessment__application__reference", "assessment__assigned_at", "assessment_id", "criterion__order")
    )
    by_assessment: dict[int, dict[int, int]] = {}
    for score in scores:
        by_assessment.setdefault(score.assessment_id, {})[score.criterion_id] = score.score
    totals = {pk: weighted_total(values, criteria) for pk, values in by_assessment.items()}
    rows = []
    for score in scores:
        assessment, application = score.assessment, score.assessment.application
        rows.append(
            [
                application.reference,
                application.organisation.name,
                application.project_title,
                application.get_status_display(),
                user_display_name(assessment.assessor),
                score.criterion.title,
                score.criterion.weight,
                score.score,
                score.comment,
                totals[assessment.pk],
                assessment.get_recommendation_display(),
                assessment.comment,
                assessment.submitted_at,
            ]
        )
    return rows
