"""Who changed a fund or a round (with its criteria and questions), what, and when, from django-simple-history."""

from datetime import datetime
from decimal import Decimal
from itertools import groupby

from commissioning.models import Criterion, Fund, FundAllocation, FundingRound, RoundQuestion
from commissioning.templatetags.rounds_tags import london_when
from programmes.history import ACTIONS, Change, HistoryEntry
from vru.roles import user_display_name

HISTORY_SHOWN = 50

# The fields each history shows, with the names the pages give them.
FUND_HISTORY_FIELDS = {
    "name": "Name",
    "source": "Source",
    "financial_year": "Financial year",
    "total": "Total",
    "description": "Description",
}
ROUND_HISTORY_FIELDS = {
    "fund": "Fund",
    "title": "Title",
    "summary": "Summary",
    "geography_level": "Geography level",
    "budget_envelope": "Budget envelope",
    "minimum_request": "Smallest request",
    "maximum_request": "Largest request",
    "opens_at": "Opens",
    "closes_at": "Closes",
    "guidance": "Guidance",
    "is_published": "Published",
}
CRITERION_HISTORY_FIELDS = {"title": "Title", "description": "What assessors look for", "weight": "Weight"}
QUESTION_HISTORY_FIELDS = {"text": "Question", "hint": "Hint", "word_limit": "Word limit", "required": "Must answer"}


def _shown(model_field, row) -> str:
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        return str(getattr(row, model_field.name))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    if isinstance(value, datetime):
        return london_when(value)
    return str(value)


def _entries(rows, *, model, fields: dict[str, str], subject_of) -> list[HistoryEntry]:
    """One entry for each change to each record, naming the fields that moved (old → new)."""
    tracked = [(label, model._meta.get_field(name)) for name, label in fields.items()]
    entries = []
    for _, object_rows in groupby(sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)), lambda r: r.id):
        previous = None
        for row in object_rows:
            shown = {label: _shown(model_field, row) for label, model_field in tracked}
            changes = []
            if row.history_type == "~" and previous is not None:
                changes = [
                    Change(name, previous[name], value) for name, value in shown.items() if previous[name] != value
                ]
                if not changes:
                    continue  # saved with nothing changed
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=user_display_name(row.history_user) if row.history_user else "System",
                    subject=subject_of(row),
                    action=ACTIONS[row.history_type],
                    changes=changes,
                )
            )
            previous = shown
    return entries


def _newest(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:HISTORY_SHOWN]


def fund_history(fund: Fund) -> list[HistoryEntry]:
    """Who changed the fund and what it sets aside for each objective, and when: newest first, two queries."""
    fund_rows = Fund.history.filter(id=fund.pk).select_related("history_user")
    allocation_rows = FundAllocation.history.filter(fund_id=fund.pk).select_related("history_user", "objective")
    return _newest(
        [
            *_entries(fund_rows, model=Fund, fields=FUND_HISTORY_FIELDS, subject_of=lambda row: "Fund"),
            *_entries(
                allocation_rows,
                model=FundAllocation,
                fields={"amount": "Amount"},
                subject_of=lambda row: f"Set aside for {row.objective}",
            ),
        ]
    )


def round_history(funding_round: FundingRound) -> list[HistoryEntry]:
    """Who changed the round, its criteria and its questions, and when: newest first, three queries."""
    round_rows = FundingRound.history.filter(id=funding_round.pk).select_related("history_user", "fund")
    criterion_rows = Criterion.history.filter(round_id=funding_round.pk).select_related("history_user")
    question_rows = RoundQuestion.history.filter(round_id=funding_round.pk).select_related("history_user")
    return _newest(
        [
            *_entries(round_rows, model=FundingRound, fields=ROUND_HISTORY_FIELDS, subject_of=lambda row: "Round"),
            *_entries(
                criterion_rows,
                model=Criterion,
                fields=CRITERION_HISTORY_FIELDS,
                subject_of=lambda row: f"Criterion “{row.title}”",
            ),
            *_entries(
                question_rows,
                model=RoundQuestion,
                fields=QUESTION_HISTORY_FIELDS,
                subject_of=lambda row: f"Question “{row.text}”",
            ),
        ]
    )
