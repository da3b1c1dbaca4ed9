"""A round's weighted criteria and its own questions, each replaced as a whole.

Both are fixed once an application has been submitted: the assessors' scores
refer to the criteria, and the applicants answered the questions as they were.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from commissioning.models import Criterion, FundingRound, RoundQuestion
from commissioning.selectors.rounds import round_has_submissions
from commissioning.services.rounds.common import CRITERIA_LOCKED, QUESTIONS_LOCKED, TOTAL_WEIGHT, weights_message


@dataclass(frozen=True)
class CriterionRow:
    """A criterion as typed; ``id`` names one the round already has, to keep it (and its history)."""

    title: str
    weight: int
    description: str = ""
    id: int | None = None


@dataclass(frozen=True)
class QuestionRow:
    text: str
    hint: str = ""
    word_limit: int | None = None
    required: bool = True
    id: int | None = None


def _rows_by_id(rows, existing: dict, noun: str, key: str) -> None:
    seen = set()
    for number, row in enumerate(rows, start=1):
        if row.id is None:
            continue
        if row.id not in existing:
            raise ValidationError({key: f"{noun} {number} is not one of this round's {key}."})
        if row.id in seen:
            raise ValidationError({key: f"{noun} {number} repeats another of the round's {key}."})
        seen.add(row.id)


def _replace_rows(model, funding_round: FundingRound, rows, existing: dict, *, user, values_of) -> list:
    """Delete what is left out, update what is kept and add what is new, in the order given."""
    kept_ids = {row.id for row in rows if row.id is not None}
    for pk, instance in existing.items():
        if pk not in kept_ids:
            instance._history_user = user
            instance.delete()
    saved = []
    for order, row in enumerate(rows):
        values = {"order": order, **values_of(row)}
        instance = existing.get(row.id) or model(round=funding_round)
        if instance.pk is None or any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            instance._history_user = user
            instance.full_clean(exclude=["round"])
            instance.save()
        saved.append(instance)
    return saved


def _criterion_values(row: CriterionRow) -> dict:
    return {"title": row.title.strip(), "description": (row.description or "").strip(), "weight": row.weight}


def _question_values(row: QuestionRow) -> dict:
    return {
        "text": row.text.strip(),
        "hint": (row.hint or "").strip(),
        "word_limit": row.word_limit,
        "required": row.required,
    }


def _unchanged(rows, existing: dict, values_of) -> bool:
    """Whether the rows are the round's current ones, in the same order, with the same values."""
    if [row.id for row in rows] != list(existing):
        return False
    return all(getattr(existing[row.id], name) == value for row in rows for name, value in values_of(row).items())


@transaction.atomic
def round_criteria_set(*, funding_round: FundingRound, user, criteria: Sequence[CriterionRow]) -> list[Criterion]:
    """Replace the round's criteria as a whole: their weights add up to exactly 100.

    Refused once applications have been submitted, since assessors score against
    them; sending the same criteria again is not a change and is allowed.
    """
    funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
    existing = {criterion.pk: criterion for criterion in funding_round.criteria.order_by("order", "pk")}
    criteria = list(criteria)
    _rows_by_id(criteria, existing, "Criterion", "criteria")
    if round_has_submissions(funding_round):
        if _unchanged(criteria, existing, _criterion_values):
            return list(existing.values())
        raise ValidationError({"criteria": CRITERIA_LOCKED}, code="locked")
    problems = []
    for number, row in enumerate(criteria, start=1):
        if not (row.title or "").strip():
            problems.append(f"Criterion {number}: enter its title.")
        if not isinstance(row.weight, int) or not 1 <= row.weight <= TOTAL_WEIGHT:
            problems.append(f"Criterion {number}: its weight must be a whole number from 1 to {TOTAL_WEIGHT}.")
    if not criteria:
        problems.append(f"Add at least one criterion. The weights must add up to exactly {TOTAL_WEIGHT}.")
    if problems:
        raise ValidationError({"criteria": problems})
    total = sum(row.weight for row in criteria)
    if total != TOTAL_WEIGHT:
        raise ValidationError({"criteria": weights_message(total)}, code="weights")
    return _replace_rows(Criterion, funding_round, criteria, existing, user=user, values_of=_criterion_values)


@transaction.atomic
def round_questions_set(*, funding_round: FundingRound, user, questions: Sequence[QuestionRow]) -> list[RoundQuestion]:
    """Replace the round's own questions as a whole.

    Refused once applications have been submitted. Before that, a question that a
    draft already answers can be reworded but not removed, so no partner's work is lost.
    """
    funding_round = FundingRound.objects.select_for_update().get(pk=funding_round.pk)
    existing = {question.pk: question for question in funding_round.questions.order_by("order", "pk")}
    questions = list(questions)
    _rows_by_id(questions, existing, "Question", "questions")
    if round_has_submissions(funding_round):
        if _unchanged(questions, existing, _question_values):
            return list(existing.values())
        raise ValidationError({"questions": QUESTIONS_LOCKED}, code="locked")
    problems = []
    max_text = RoundQuestion._meta.get_field("text").max_length
    for number, row in enumerate(questions, start=1):
        text = (row.text or "").strip()
        if not text:
            problems.append(f"Question {number}: enter the question.")
        elif len(text) > max_text:
            problems.append(f"Question {number}: the question must be {max_text} characters or fewer.")
        if row.word_limit is not None and not 1 <= row.word_limit <= 5000:
            problems.append(f"Question {number}: the word limit must be a whole number from 1 to 5000, or empty.")
    kept_ids = {row.id for row in questions if row.id is not None}
    answered = (
        RoundQuestion.objects.filter(round=funding_round, answers__isnull=False)
        .exclude(pk__in=kept_ids)
        .distinct()
        .order_by("order", "pk")
    )
    problems.extend(
        f"“{question.text}” is answered in draft applications, so it cannot be removed. Reword it instead."
        for question in answered
    )
    if problems:
        raise ValidationError({"questions": problems})
    return _replace_rows(RoundQuestion, funding_round, questions, existing, user=user, values_of=_question_values)
