"""A plan's change history (who, when, what) from django-simple-history's records.

The records of the plan, its sections, actions, governance answers, assessments
(with their ratings and judgements) and quarterly updates are read in a fixed
number of queries and compared row by row, as ``programmes.history`` does for a
programme, rather than with ``diff_against``, which queries once per record.
"""

from collections.abc import Callable
from datetime import datetime
from itertools import groupby

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from partners.models import (
    ActionUpdate,
    BoroughPlan,
    CriterionJudgement,
    GovernanceAnswer,
    PlanAction,
    PlanAssessment,
    PlanSection,
    ThemeRating,
)
from programmes.history import ACTIONS, Change, HistoryEntry
from programmes.periods import financial_year_label
from vru.roles import user_display_name

SHOWN_TEXT = 120

# The fields whose changes are worth showing, by model; the rest (keys, timestamps, order) are not.
TRACKED = {
    BoroughPlan: ["status", "submitted_at", "submitted_by", "decided_at", "decided_by"],
    PlanSection: ["completed"],
    PlanAction: ["theme", "action", "outcome", "lead", "lead_organisations", "start_date", "end_date", "rag"],
    GovernanceAnswer: ["met", "evidence"],
    PlanAssessment: ["overall_rating", "feedback", "changes_required", "decision", "completed_at"],
    ThemeRating: ["rating", "comment"],
    CriterionJudgement: ["rating", "comment"],
    ActionUpdate: ["rag", "progress"],
}


def _display(model_field, row) -> str:
    if model_field.is_relation:
        related = getattr(row, model_field.name, None) if getattr(row, model_field.attname) else None
        if related is None:
            return "–"
        return user_display_name(related) if hasattr(related, "get_full_name") else str(related)
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y H:i")
    if hasattr(value, "isoformat"):
        return date_format(value)
    return Truncator(str(value)).chars(SHOWN_TEXT)


def _label(model_field) -> str:
    """The field's name as a heading: "RAG status" stays so, where ``capitalize`` would give "Rag status"."""
    name = str(model_field.verbose_name)
    return name[:1].upper() + name[1:]


def _who(row) -> str:
    return user_display_name(row.history_user) if row.history_user else "System"


def _entries(rows, *, model, subject_of: Callable) -> list[HistoryEntry]:
    fields = [model._meta.get_field(name) for name in TRACKED[model]]
    entries = []
    ordered = sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id))
    for key, object_rows in groupby(ordered, lambda r: r.id):
        previous = None
        for row in object_rows:
            shown = {_label(f): _display(f, row) for f in fields}
            changes = []
            if row.history_type == "~" and previous is not None:
                changes = [
                    Change(name, previous[name], value) for name, value in shown.items() if previous[name] != value
                ]
                if not changes:
                    previous = shown
                    continue
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=_who(row),
                    subject=subject_of(row),
                    action=ACTIONS[row.history_type],
                    changes=changes,
                    object_key=(model.__name__, key),
                )
            )
            previous = shown
    return entries


def _quoted(text: str) -> str:
    return f"“{Truncator(text).chars(60)}”"


def plan_history(*, plan: BoroughPlan, limit: int = 100) -> list[HistoryEntry]:
    """The latest changes to a plan and everything in it, newest first."""
    plan_rows = BoroughPlan.history.filter(id=plan.pk).select_related("history_user", "submitted_by", "decided_by")
    section_rows = PlanSection.history.filter(plan_id=plan.pk).select_related("history_user", "theme")
    action_rows = list(PlanAction.history.filter(plan_id=plan.pk).select_related("history_user", "theme"))
    action_names = {row.id: row.action for row in sorted(action_rows, key=lambda r: r.history_date)}
    answer_rows = GovernanceAnswer.history.filter(plan_id=plan.pk).select_related("history_user", "standard")
    assessment_rows = list(PlanAssessment.history.filter(plan_id=plan.pk).select_related("history_user"))
    assessment_ids = {row.id for row in assessment_rows}
    rating_rows = ThemeRating.history.filter(assessment_id__in=assessment_ids).select_related("history_user", "theme")
    judgement_rows = CriterionJudgement.history.filter(assessment_id__in=assessment_ids).select_related(
        "history_user", "criterion"
    )
    update_rows = ActionUpdate.history.filter(action_id__in=action_names).select_related("history_user")

    entries = [
        *_entries(plan_rows, model=BoroughPlan, subject_of=lambda r: "Plan"),
        *_entries(section_rows, model=PlanSection, subject_of=lambda r: f"Section {_quoted(r.theme.title)}"),
        *_entries(action_rows, model=PlanAction, subject_of=lambda r: f"Action {_quoted(r.action)}"),
        *_entries(
            answer_rows, model=GovernanceAnswer, subject_of=lambda r: f"Governance standard {_quoted(str(r.standard))}"
        ),
        *_entries(assessment_rows, model=PlanAssessment, subject_of=lambda r: "Assessment"),
        *_entries(
            rating_rows, model=ThemeRating, subject_of=lambda r: f"Assessment rating of {_quoted(r.theme.title)}"
        ),
        *_entries(
            judgement_rows, model=CriterionJudgement, subject_of=lambda r: f"Assessment of {_quoted(str(r.criterion))}"
        ),
        *_entries(
            update_rows,
            model=ActionUpdate,
            subject_of=lambda r: (
                f"{financial_year_label(r.financial_year)} Q{r.quarter} update of "
                f"{_quoted(action_names.get(r.action_id, 'an action'))}"
            ),
        ),
    ]
    # Each save here writes one record per object, so unlike a programme's there is nothing to merge.
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]
