"""Assessment: the eligibility check, assigning assessors, conflicts of interest, scoring and moderation.

The pages, the API and the admin's actions call these functions, so each rule is written
once. Every one runs in a transaction and locks the application's row first: two assessors
submitting at the same moment take turns, so the last one always sees the other's scores and
moves the application on to "assessed".

The status flow here is SUBMITTED → ELIGIBLE or INELIGIBLE → ASSESSED → RECOMMENDED; the
decision that follows (award or decline) is ``commissioning.services.awards``.

An application is assessed once at least one assessor has submitted scores and every
assigned assessor who has not declared a conflict has submitted. One assessor is enough for
the service; the VRU's practice of two or more is a matter of whom staff assign. Assigning
another assessor to an assessed application (before moderation) takes it back to "eligible"
until they have scored too.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commissioning.models import MAX_SCORE, Application, ApplicationStatus, Assessment, CriterionScore, Recommendation
from commissioning.permissions import SCORING_STATUSES
from vru.roles import is_vru, vru_users

NOT_SCORING = "This application is no longer being assessed, so its scores cannot change."


def _status_label(application: Application) -> str:
    return application.get_status_display().lower()


def _save(instance, user, *, update_fields=None) -> None:
    """Save with the person recorded in the change history."""
    instance._history_user = user
    instance.save(update_fields=update_fields)


def _lock_application(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("round").get(pk=application.pk)


def _lock_assessment(assessment: Assessment) -> tuple[Application, Assessment]:
    """The application, then the assessment, locked in that order (as every service here locks them)."""
    application = _lock_application(assessment.application)
    return application, Assessment.objects.select_for_update().get(pk=assessment.pk)


def _settle(application: Application, user) -> None:
    """Move an application between "eligible" and "assessed" as its assessors' work requires."""
    if application.status not in SCORING_STATUSES:
        return
    assessments = list(application.assessments.values_list("has_conflict", "submitted_at"))
    submitted = sum(1 for _, submitted_at in assessments if submitted_at is not None)
    waiting = sum(1 for conflict, submitted_at in assessments if conflict is not True and submitted_at is None)
    status = ApplicationStatus.ASSESSED if submitted and not waiting else ApplicationStatus.ELIGIBLE
    if status != application.status:
        application.status = status
        _save(application, user, update_fields=["status", "updated_at"])


# --- Eligibility --------------------------------------------------------------------------------


@transaction.atomic
def application_check_eligibility(*, application: Application, user, eligible: bool, notes: str = "") -> Application:
    """Record the eligibility check of a submitted application.

    Not eligible needs the reasons, which the applicant sees; it is then decided, and the
    reasons are its decision's reasons too.
    """
    application = _lock_application(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            f"Only a submitted application has its eligibility checked; this one is “{_status_label(application)}”.",
            code="not_submitted",
        )
    notes = (notes or "").strip()
    if eligible is None:
        raise ValidationError({"eligible": "Choose whether the application is eligible."})
    if not eligible and not notes:
        raise ValidationError({"notes": "Say why the application is not eligible: the applicant will see this."})
    now = timezone.now()
    application.eligibility_notes = notes
    application.eligibility_checked_at = now
    application.eligibility_checked_by = user
    fields = ["status", "eligibility_notes", "eligibility_checked_at", "eligibility_checked_by", "updated_at"]
    if eligible:
        application.status = ApplicationStatus.ELIGIBLE
    else:
        application.status = ApplicationStatus.INELIGIBLE
        application.decision_reasons = notes
        application.decided_at = now
        application.decided_by = user
        fields += ["decision_reasons", "decided_at", "decided_by"]
    _save(application, user, update_fields=fields)
    return application


# --- Assessors ----------------------------------------------------------------------------------


@transaction.atomic
def assessors_assign(*, application: Application, user, assessors: Iterable) -> list[Assessment]:
    """Assign VRU people to assess an eligible application; those already assigned are left as they are."""
    application = _lock_application(application)
    if application.status not in SCORING_STATUSES:
        raise ValidationError(
            "Assessors are assigned once an application is found eligible and until the panel moderates it; "
            f"this one is “{_status_label(application)}”.",
            code="not_assessable",
        )
    assessors = list(dict.fromkeys(assessors))
    if not assessors:
        raise ValidationError({"assessors": "Choose at least one person to assess the application."})
    allowed = set(vru_users().filter(pk__in=[a.pk for a in assessors]).values_list("pk", flat=True))
    refused = [a for a in assessors if a.pk not in allowed]
    if refused:
        names = ", ".join(a.get_full_name() or a.get_username() for a in refused)
        raise ValidationError({"assessors": f"Only VRU staff, managers and admins can assess: not {names}."})
    already = set(application.assessments.values_list("assessor_id", flat=True))
    created = []
    for assessor in assessors:
        if assessor.pk in already:
            continue
        assessment = Assessment(application=application, assessor=assessor, assigned_by=user)
        _save(assessment, user)
        created.append(assessment)
    _settle(application, user)
    return created


@transaction.atomic
def assessor_remove(*, assessment: Assessment, user) -> None:
    """Take an assessor off an application before they have started (declared on any conflict).

    A declaration is part of the record, so an assessor who has made one stays.
    """
    application, assessment = _lock_assessment(assessment)
    if assessment.has_conflict is not None:
        raise ValidationError(
            "This assessor has already started, so they cannot be removed.",
            code="started",
        )
    if application.status != ApplicationStatus.ELIGIBLE:
        raise ValidationError(
            f"Assessors cannot be changed now: the application is “{_status_label(application)}”.",
            code="not_assessable",
        )
    assessment._history_user = user
    assessment.delete()
    _settle(application, user)


# --- Conflicts of interest --------------------------------------------------------------------


@transaction.atomic
def conflict_declare(*, assessment: Assessment, user, has_conflict: bool, details: str = "") -> Assessment:
    """The assessor's declaration of any conflict of interest: once, and final (an admin corrects it)."""
    application, assessment = _lock_assessment(assessment)
    if assessment.assessor_id != user.pk or not is_vru(user):
        raise PermissionDenied("Only the assigned assessor declares their conflicts of interest.")
    if assessment.has_conflict is not None:
        raise ValidationError("You have already declared on conflicts of interest for this application.")
    if application.status not in SCORING_STATUSES:
        raise ValidationError(NOT_SCORING, code="not_assessable")
    details = (details or "").strip()
    if has_conflict is None:
        raise ValidationError({"has_conflict": "Choose yes if you have a conflict of interest, or no."})
    if has_conflict and not details:
        raise ValidationError({"conflict_details": "Describe your conflict of interest."})
    assessment.has_conflict = bool(has_conflict)
    assessment.conflict_details = details if has_conflict else ""
    assessment.conflict_declared_at = timezone.now()
    _save(assessment, user)
    _settle(application, user)
    return assessment


# --- Scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """A criterion's score (``None`` when not given yet) and comment."""

    criterion_id: int
    score: int | None
    comment: str = ""


class ScoreRowsError(ValidationError):
    """Problems with criteria, by criterion id: ``{criterion_id: {"score"|"comment": [messages]}}``,
    and with the other fields by name."""

    def __init__(self, criterion_errors: dict[int, dict[str, list[str]]], other: dict[str, list[str]]):
        self.criterion_errors = criterion_errors
        self.field_errors = other
        messages = dict(other)
        if criterion_errors:
            messages["scores"] = [m for fields in criterion_errors.values() for ms in fields.values() for m in ms]
        super().__init__(messages)


@transaction.atomic
def assessment_score(
    *,
    assessment: Assessment,
    user,
    scores: list[ScoreRow],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
) -> Assessment:
    """Save the assessor's scores; ``submit`` finishes them, after which they cannot change.

    Saving for later keeps whatever is given; submitting needs a score and a comment for every
    criterion, a recommendation and an overall comment. The scores are saved together or not
    at all.
    """
    application, assessment = _lock_assessment(assessment)
    if assessment.assessor_id != user.pk or not is_vru(user):
        raise PermissionDenied("Only the assigned assessor scores the application.")
    if assessment.has_conflict is True:
        raise PermissionDenied("You declared a conflict of interest, so you cannot score this application.")
    if assessment.has_conflict is None:
        raise ValidationError("Declare any conflict of interest before you score.", code="not_declared")
    if assessment.submitted_at is not None:
        raise ValidationError("You have submitted your scores, so they cannot change.", code="submitted")
    if application.status not in SCORING_STATUSES:
        raise ValidationError(NOT_SCORING, code="not_assessable")

    criteria = list(application.round.criteria.all())
    given = {row.criterion_id: row for row in scores}
    criterion_errors: dict[int, dict[str, list[str]]] = {}
    unknown = set(given) - {c.pk for c in criteria}
    other: dict[str, list[str]] = {}
    if unknown:
        other["scores"] = ["Score only this round’s criteria."]
    for criterion in criteria:
        row = given.get(criterion.pk)
        score = row.score if row else None
        text = (row.comment if row else "").strip()
        problems = {}
        if score is not None and not 0 <= score <= MAX_SCORE:
            problems["score"] = [f"Score “{criterion.title}” from 0 to {MAX_SCORE}."]
        elif score is None and (submit or text):
            problems["score"] = [f"Choose a score for “{criterion.title}”."]
        if submit and not text:
            problems["comment"] = [f"Enter a comment on “{criterion.title}”."]
        if problems:
            criterion_errors[criterion.pk] = problems
    if recommendation and recommendation not in Recommendation.values:
        other["recommendation"] = ["Choose yes, maybe or no."]
    elif submit and not recommendation:
        other["recommendation"] = ["Choose whether you recommend funding the application."]
    if submit and not (comment or "").strip():
        other["comment"] = ["Enter your overall comment on the application."]
    if criterion_errors or other:
        raise ScoreRowsError(criterion_errors, other)

    existing = {score.criterion_id: score for score in assessment.scores.all()}
    for criterion in criteria:
        row = given.get(criterion.pk)
        score = existing.get(criterion.pk)
        if row is None or row.score is None:
            if score is not None:
                score._history_user = user
                score.delete()
            continue
        if score is None:
            score = CriterionScore(assessment=assessment, criterion=criterion)
        elif score.score == row.score and score.comment == row.comment.strip():
            continue
        score.score, score.comment = row.score, row.comment.strip()
        _save(score, user)
    assessment.recommendation = recommendation or ""
    assessment.comment = (comment or "").strip()
    if submit:
        assessment.submitted_at = timezone.now()
    _save(assessment, user)
    if submit:
        _settle(application, user)
    return assessment


# --- Moderation -------------------------------------------------------------------------------


@transaction.atomic
def application_moderate(*, application: Application, user, recommendation: str, notes: str) -> Application:
    """The panel's recommendation on an assessed application, which goes to a manager to decide."""
    application = _lock_application(application)
    if application.status != ApplicationStatus.ASSESSED:
        raise ValidationError(
            f"Only an assessed application is moderated; this one is “{_status_label(application)}”.",
            code="not_assessed",
        )
    if application.assessments.filter(assessor=user, has_conflict=True).exists():
        raise PermissionDenied("You declared a conflict of interest on this application, so you cannot moderate it.")
    errors = {}
    if recommendation not in Recommendation.values:
        errors["recommendation"] = "Choose the panel’s recommendation."
    if not (notes or "").strip():
        errors["notes"] = "Enter the panel’s notes: how it reached its recommendation."
    if errors:
        raise ValidationError(errors)
    application.panel_recommendation = recommendation
    application.moderation_notes = notes.strip()
    application.moderated_at = timezone.now()
    application.moderated_by = user
    application.status = ApplicationStatus.RECOMMENDED
    _save(
        application,
        user,
        update_fields=[
            "panel_recommendation",
            "moderation_notes",
            "moderated_at",
            "moderated_by",
            "status",
            "updated_at",
        ],
    )
    return application
