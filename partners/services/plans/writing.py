"""Writing a borough plan: starting it (as a copy of last year's), its actions, its governance answers,
and submitting it.

Every function locks the plan's row first and refuses once the plan has been
submitted, so a change racing a submission cannot slip in after it. Who may call
them is for ``partners.permissions``; the rules here are about the data.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partners.models import (
    Borough,
    BoroughPlan,
    GovernanceAnswer,
    GovernanceStandard,
    Organisation,
    PlanAction,
    PlanSection,
    PlanStatus,
    PlanTheme,
)
from programmes.models import Rag
from programmes.periods import financial_year_label

PLAN_LOCKED = "This plan has been submitted and can no longer be changed."
END_BEFORE_START = "The end date must be the same as or after the start date."
ACTION_FIELDS = ("action", "outcome", "lead", "lead_organisations", "start_date", "end_date", "rag")


def plan_reference(borough: Borough, financial_year: int) -> str:
    """``VRP-2025-26-E09000022``: the year and the borough's ONS code, unique as plans are."""
    return f"VRP-{financial_year_label(financial_year)}-{borough.ons_code}"


def lock_plan(plan: BoroughPlan) -> BoroughPlan:
    """The plan, re-read and locked until the transaction ends."""
    return BoroughPlan.objects.select_for_update().get(pk=plan.pk)


def check_editable(plan: BoroughPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(PLAN_LOCKED, code="locked")


def _unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


# --- Starting a plan ------------------------------------------------------------------------------


@transaction.atomic
def plan_start(*, organisation: Organisation, user, financial_year: int) -> BoroughPlan:
    """This year's plan for the partnership's borough, with a section for each theme.

    When last year's plan exists the new one starts as a copy of it (the April–June
    refresh): its actions, with their RAGs back to green, and its governance answers;
    no section is complete.
    """
    if organisation.csp_borough_id is None:
        raise ValidationError("Only a borough's Community Safety Partnership writes a violence reduction plan.")
    # Locking the borough makes two clicks of "Start" wait for each other instead of colliding.
    borough = Borough.objects.select_for_update().get(pk=organisation.csp_borough_id)
    if BoroughPlan.objects.filter(borough=borough, financial_year=financial_year).exists():
        raise ValidationError(
            {"financial_year": f"{borough} already has a plan for {financial_year_label(financial_year)}."},
            code="exists",
        )
    previous = BoroughPlan.objects.filter(borough=borough, financial_year=financial_year - 1).first()
    plan = BoroughPlan(
        borough=borough,
        organisation=organisation,
        financial_year=financial_year,
        reference=plan_reference(borough, financial_year),
        copied_from=previous,
    )
    plan._history_user = user
    plan.full_clean()
    plan.save()
    for theme in PlanTheme.objects.all():
        _save(PlanSection(plan=plan, theme=theme), user)
    if previous is not None:
        for action in previous.actions.order_by("theme__number", "order", "pk"):
            copy = PlanAction(plan=plan, theme_id=action.theme_id, order=action.order, rag=Rag.GREEN)
            for name in ACTION_FIELDS[:-1]:
                setattr(copy, name, getattr(action, name))
            _save(copy, user)
        for answer in previous.governance_answers.all():
            _save(
                GovernanceAnswer(plan=plan, standard_id=answer.standard_id, met=answer.met, evidence=answer.evidence),
                user,
            )
    return plan


def _save(instance, user, *, validate: bool = False) -> None:
    instance._history_user = user
    if validate:
        instance.full_clean()
    instance.save()


# --- Actions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One action as a theme's page gives it; ``id`` is empty for a new one."""

    action: str
    outcome: str
    lead: str
    lead_organisations: str
    start_date: date | None
    end_date: date | None
    rag: str = Rag.GREEN
    id: int | None = None


class ActionRowsError(ValidationError):
    """Invalid actions, by their 0-based place in the list given: ``{index: {field: [messages]}}``."""

    def __init__(self, action_errors: dict[int, dict[str, list[str]]]):
        self.action_errors = action_errors
        super().__init__(
            {
                "actions": [
                    f"Action {index + 1}: {message}"
                    for index, fields in action_errors.items()
                    for messages in fields.values()
                    for message in messages
                ]
            }
        )


def _validate_action(action: PlanAction) -> None:
    """Field rules and the dates' order, as one ValidationError keyed by field."""
    errors = {}
    try:
        action.full_clean(exclude=["plan", "theme", "order"])
    except ValidationError as error:
        errors = error.message_dict
    if action.start_date and action.end_date and action.end_date < action.start_date and "end_date" not in errors:
        errors["end_date"] = [END_BEFORE_START]
    if errors:
        raise ValidationError(errors)


def _changed(instance, fields, values: dict) -> bool:
    return any(getattr(instance, name) != values[name] for name in fields)


@transaction.atomic
def theme_actions_save(
    *, plan: BoroughPlan, theme: PlanTheme, user, rows: list[ActionRow], mark_complete: bool
) -> list[PlanAction]:
    """Replace a theme's actions with ``rows`` (in that order) and set whether the section is complete.

    An action left out is removed. All or nothing: when any row is invalid nothing
    is saved and ``ActionRowsError`` names each row's fields at fault.
    """
    plan = lock_plan(plan)
    check_editable(plan)
    existing = {action.pk: action for action in plan.actions.filter(theme=theme)}
    errors: dict[int, dict[str, list[str]]] = {}
    prepared = []
    for index, row in enumerate(rows):
        if row.id is not None and row.id not in existing:
            errors[index] = {
                "__all__": ["This action is no longer in the plan; it may have been removed. Reload the page."]
            }
            continue
        action = existing.get(row.id) or PlanAction(plan=plan, theme=theme)
        values = {name: getattr(row, name) for name in ACTION_FIELDS} | {"order": index}
        changed = action.pk is None or _changed(action, [*ACTION_FIELDS, "order"], values)
        for name, value in values.items():
            setattr(action, name, value)
        try:
            _validate_action(action)
        except ValidationError as error:
            errors[index] = error.message_dict
        prepared.append((action, changed))
    if errors:
        raise ActionRowsError(errors)
    if mark_complete and not prepared:
        raise ValidationError(
            {"actions": "Add at least one action before you mark this theme as complete."}, code="no_actions"
        )
    kept = {action.pk for action, _ in prepared if action.pk}
    for pk, action in existing.items():
        if pk not in kept:
            action._history_user = user
            action.delete()
    for action, changed in prepared:
        if changed:
            _save(action, user)
    _set_section(plan, theme, user, completed=mark_complete)
    return [action for action, _ in prepared]


def _set_section(plan: BoroughPlan, theme: PlanTheme, user, *, completed: bool) -> None:
    section = PlanSection.objects.filter(plan=plan, theme=theme).first() or PlanSection(plan=plan, theme=theme)
    if section.pk is None or section.completed != completed:
        section.completed = completed
        _save(section, user)


@transaction.atomic
def plan_action_create(*, plan: BoroughPlan, user, theme: PlanTheme, **fields) -> PlanAction:
    """One more action at the end of a theme (the API's way in)."""
    _unknown_fields(fields, ACTION_FIELDS)
    plan = lock_plan(plan)
    check_editable(plan)
    last = plan.actions.filter(theme=theme).order_by("-order").values_list("order", flat=True).first()
    action = PlanAction(plan=plan, theme=theme, order=0 if last is None else last + 1, **fields)
    _validate_action(action)
    _save(action, user)
    return action


@transaction.atomic
def plan_action_update(*, plan_action: PlanAction, user, **fields) -> PlanAction:
    """Change an action (``plan_action``, as the model has a field called ``action``)."""
    _unknown_fields(fields, (*ACTION_FIELDS, "theme"))
    plan = lock_plan(plan_action.plan)
    check_editable(plan)
    plan_action = PlanAction.objects.get(pk=plan_action.pk)
    for name, value in fields.items():
        setattr(plan_action, name, value)
    _validate_action(plan_action)
    _save(plan_action, user)
    return plan_action


@transaction.atomic
def plan_action_delete(*, plan_action: PlanAction, user) -> None:
    plan = lock_plan(plan_action.plan)
    check_editable(plan)
    plan_action._history_user = user
    plan_action.delete()


# --- Governance -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GovernanceRow:
    standard: GovernanceStandard
    met: str = ""
    evidence: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.met and not self.evidence.strip()


class GovernanceRowsError(ValidationError):
    """Invalid answers by standard id: ``{standard_id: {"met"|"evidence": [messages]}}``."""

    def __init__(self, standard_errors: dict[int, dict[str, list[str]]]):
        self.standard_errors = standard_errors
        super().__init__(
            {
                "governance": [
                    message
                    for fields in standard_errors.values()
                    for messages in fields.values()
                    for message in messages
                ]
            }
        )


MET_MISSING = "Say whether the partnership meets “{title}”."
EVIDENCE_MISSING = "Enter the evidence that the partnership meets “{title}”."


@transaction.atomic
def governance_save(*, plan: BoroughPlan, user, rows: list[GovernanceRow], mark_complete: bool) -> None:
    """Save the answers to the minimum governance standards.

    A standard left empty is kept for later (its answer, if any, is removed) unless
    ``mark_complete``, which needs every standard answered. A half answer is refused.
    """
    plan = lock_plan(plan)
    check_editable(plan)
    given = {row.standard.pk: row for row in rows}
    standards = list(GovernanceStandard.objects.all())
    existing = {answer.standard_id: answer for answer in plan.governance_answers.all()}
    errors: dict[int, dict[str, list[str]]] = {}
    for standard in standards:
        row = given.get(standard.pk) or GovernanceRow(standard)
        problems = {}
        if row.is_empty and not mark_complete:
            continue
        if row.met not in GovernanceAnswer.Met.values:
            problems["met"] = [MET_MISSING.format(title=standard.title)]
        if not row.evidence.strip():
            problems["evidence"] = [EVIDENCE_MISSING.format(title=standard.title)]
        if problems:
            errors[standard.pk] = problems
    if errors:
        raise GovernanceRowsError(errors)
    for standard in standards:
        row = given.get(standard.pk) or GovernanceRow(standard)
        answer = existing.get(standard.pk)
        if row.is_empty:
            if answer is not None:
                answer._history_user = user
                answer.delete()
            continue
        answer = answer or GovernanceAnswer(plan=plan, standard=standard)
        evidence = row.evidence.strip()
        if answer.pk is None or answer.met != row.met or answer.evidence != evidence:
            answer.met, answer.evidence = row.met, evidence
            _save(answer, user, validate=True)
    if plan.governance_completed != mark_complete:
        plan.governance_completed = mark_complete
        _save(plan, user)


# --- Submitting -----------------------------------------------------------------------------------


@transaction.atomic
def plan_submit(*, plan: BoroughPlan, user) -> BoroughPlan:
    """Send the plan to the VRU. Refused, with every reason, while a section is incomplete."""
    from partners.selectors.plans import plan_overview

    plan = lock_plan(plan)
    check_editable(plan)
    problems = plan_overview(plan=plan).problems
    if problems:
        raise ValidationError([problem.message for problem in problems], code="incomplete")
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.submitted_by = user
    # A resubmitted plan awaits a new decision; the earlier one stays in its assessment and the history.
    plan.decided_at = None
    plan.decided_by = None
    _save(plan, user)
    return plan
