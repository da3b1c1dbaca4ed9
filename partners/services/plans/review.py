"""What happens to a plan after it is submitted: the VRU's assessment, the borough's quarterly
updates, and the peer-to-peer sessions the VRU records."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partners.models import (
    ActionUpdate,
    AssessmentCriterion,
    AssessmentDecision,
    BoroughPlan,
    CriterionJudgement,
    PeerSession,
    PlanAction,
    PlanAssessment,
    PlanStatus,
    PlanTheme,
    Rating,
    ThemeRating,
)
from partners.services.plans.writing import _save, lock_plan
from programmes.models import Rag
from programmes.periods import FinancialQuarter, financial_year_label

# --- Assessment -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingRow:
    """A rating and comment for a theme or a criterion."""

    subject: PlanTheme | AssessmentCriterion
    rating: str
    comment: str = ""


class AssessmentRowsError(ValidationError):
    """Missing or unknown ratings, keyed ``("theme"|"criterion", id)``: ``{key: [messages]}``."""

    def __init__(self, row_errors: dict[tuple[str, int], list[str]], other: dict[str, list[str]] | None = None):
        self.rating_errors = row_errors
        self.field_errors = other or {}
        messages = dict(self.field_errors)
        if row_errors:
            messages["ratings"] = [message for rows in row_errors.values() for message in rows]
        super().__init__(messages)


@transaction.atomic
def plan_assess(
    *,
    plan: BoroughPlan,
    user,
    decision: str,
    overall_rating: str,
    feedback: str,
    changes_required: str = "",
    theme_ratings: list[RatingRow],
    judgements: list[RatingRow],
) -> PlanAssessment:
    """Record the VRU's assessment of a submitted plan and accept it or return it for changes.

    Every theme is rated and every active criterion judged; returning needs what to
    change. The assessment, its ratings and the plan's new status are saved together.
    """
    plan = lock_plan(plan)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(
            f"Only a submitted plan can be assessed; this one is “{plan.get_status_display().lower()}”.",
            code="not_submitted",
        )
    themes = list(PlanTheme.objects.all())
    criteria = list(AssessmentCriterion.objects.filter(active=True))
    rated = {row.subject.pk: row for row in theme_ratings if isinstance(row.subject, PlanTheme)}
    judged = {row.subject.pk: row for row in judgements if isinstance(row.subject, AssessmentCriterion)}
    row_errors: dict[tuple[str, int], list[str]] = {}
    for criterion in criteria:
        if judged.get(criterion.pk) is None or judged[criterion.pk].rating not in Rating.values:
            row_errors[("criterion", criterion.pk)] = [f"Rate the plan against “{criterion.title}”."]
    for theme in themes:
        if rated.get(theme.pk) is None or rated[theme.pk].rating not in Rating.values:
            row_errors[("theme", theme.pk)] = [f"Rate the theme “{theme.title}”."]
    other = {}
    if overall_rating not in Rating.values:
        other["overall_rating"] = ["Give the plan an overall rating."]
    if not feedback.strip():
        other["feedback"] = ["Enter your feedback for the partnership."]
    if decision not in AssessmentDecision.values:
        other["decision"] = ["Choose whether to accept the plan or return it for changes."]
    elif decision == AssessmentDecision.RETURN and not changes_required.strip():
        other["changes_required"] = ["Say what the partnership must change before it resubmits the plan."]
    if row_errors or other:
        raise AssessmentRowsError(row_errors, other)

    now = timezone.now()
    assessment = PlanAssessment(
        plan=plan,
        assessor=user,
        overall_rating=overall_rating,
        feedback=feedback.strip(),
        changes_required=changes_required.strip() if decision == AssessmentDecision.RETURN else "",
        decision=decision,
        completed_at=now,
    )
    _save(assessment, user, validate=True)
    for theme in themes:
        row = rated[theme.pk]
        _save(ThemeRating(assessment=assessment, theme=theme, rating=row.rating, comment=row.comment.strip()), user)
    for criterion in criteria:
        row = judged[criterion.pk]
        _save(
            CriterionJudgement(
                assessment=assessment, criterion=criterion, rating=row.rating, comment=row.comment.strip()
            ),
            user,
        )
    plan.status = PlanStatus.ACCEPTED if decision == AssessmentDecision.ACCEPT else PlanStatus.RETURNED
    plan.decided_at = now
    plan.decided_by = user
    _save(plan, user)
    return assessment


# --- Quarterly updates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateRow:
    action: PlanAction
    rag: str
    progress: str


class UpdateRowsError(ValidationError):
    """Invalid updates by action id: ``{action_id: {"rag"|"progress": [messages]}}``."""

    def __init__(self, action_errors: dict[int, dict[str, list[str]]]):
        self.action_errors = action_errors
        super().__init__(
            {
                "updates": [
                    message for fields in action_errors.values() for messages in fields.values() for message in messages
                ]
            }
        )


@transaction.atomic
def action_updates_save(
    *, plan: BoroughPlan, user, quarter: FinancialQuarter, rows: list[UpdateRow], today: date
) -> list[ActionUpdate]:
    """Each action's RAG and progress for one quarter of the plan's year: one update per action per quarter,
    changed in place when given again."""
    plan = lock_plan(plan)
    if plan.status != PlanStatus.ACCEPTED:
        raise ValidationError("Quarterly updates are given on an accepted plan.", code="not_accepted")
    if quarter.year != plan.financial_year:
        raise ValidationError(
            {"quarter": f"Choose a quarter of {financial_year_label(plan.financial_year)}, the plan's year."}
        )
    if quarter.start > today:
        raise ValidationError({"quarter": f"{quarter.label} has not started yet."})
    actions = {action.pk: action for action in plan.actions.all()}
    given = {row.action.pk: row for row in rows if row.action.pk in actions}
    errors: dict[int, dict[str, list[str]]] = {}
    for pk, action in actions.items():
        row = given.get(pk)
        problems = {}
        if row is None or row.rag not in Rag.values:
            problems["rag"] = [f"Choose the RAG status of “{action.action[:60]}”."]
        if row is None or not row.progress.strip():
            problems["progress"] = [f"Enter the progress on “{action.action[:60]}” this quarter."]
        if problems:
            errors[pk] = problems
    if errors:
        raise UpdateRowsError(errors)
    existing = {
        update.action_id: update
        for update in ActionUpdate.objects.filter(
            action__plan=plan, financial_year=quarter.year, quarter=quarter.quarter
        )
    }
    saved = []
    for pk, row in given.items():
        update = existing.get(pk) or ActionUpdate(
            action=actions[pk], financial_year=quarter.year, quarter=quarter.quarter
        )
        progress = row.progress.strip()
        if update.pk is None or update.rag != row.rag or update.progress != progress:
            update.rag, update.progress, update.updated_by = row.rag, progress, user
            _save(update, user, validate=True)
        saved.append(update)
    return saved


# --- Peer sessions ------------------------------------------------------------------------------------


@transaction.atomic
def peer_session_create(*, user, date: date, title: str, boroughs, notes: str = "") -> PeerSession:
    boroughs = list(boroughs)
    session = PeerSession(date=date, title=title, notes=notes, recorded_by=user)
    errors = {}
    try:
        session.full_clean()
    except ValidationError as error:
        errors = error.message_dict
    if len(boroughs) < 2:
        errors["boroughs"] = ["Choose at least two boroughs taking part."]
    if errors:
        raise ValidationError(errors)
    session.save()
    session.boroughs.set(boroughs)
    return session
