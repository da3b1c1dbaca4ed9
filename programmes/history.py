"""A programme's change history (who, when, what) from django-simple-history's records.

The records of the programme, its milestones, indicators and indicator values
are read in a fixed number of queries and compared row by row here, rather than
with ``diff_against``, which queries once per record.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import groupby

from django.db.models import Prefetch
from django.utils.formats import date_format

from programmes.models import PROGRAMME_M2M_FIELDS, Indicator, IndicatorValue, Milestone, Programme
from programmes.periods import FinancialQuarter
from vru.roles import user_display_name

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
# Saving a programme writes one record for its fields and one for each list of
# choices; records this close together by the same person read as one change.
MERGE_WINDOW = timedelta(seconds=2)
UNTRACKED = {"id", "created_at", "updated_at", "programme", "indicator", "financial_year", "quarter"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)
    object_key: tuple = ()


def _display(model_field, row) -> str:
    if model_field.is_relation:
        related = getattr(row, model_field.name, None) if getattr(row, model_field.attname) else None
        if related is None:
            return "–"
        return user_display_name(related) if hasattr(related, "get_full_name") else str(related)
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"£{value:,.2f}" if model_field.name == "budget" else f"{value.normalize():,f}"
    if hasattr(value, "isoformat") and not isinstance(value, datetime):
        return date_format(value)
    return str(value)


def _tracked_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in UNTRACKED]


def _m2m_through(name):
    """The history model of a programme's many-to-many field, and the name of its link to the chosen item."""
    through = Programme.history.model._meta.get_field(f"historicalprogramme_{name}").related_model
    target = Programme._meta.get_field(name).related_model
    link = next(f.name for f in through._meta.concrete_fields if f.is_relation and f.related_model is target)
    return through, link


def _m2m_display(row) -> dict[str, str]:
    shown = {}
    for name in PROGRAMME_M2M_FIELDS:
        _, link = _m2m_through(name)
        through_rows = getattr(row, f"historicalprogramme_{name}_set").all()
        names = sorted(str(getattr(item, link)) for item in through_rows)
        shown[Programme._meta.get_field(name).verbose_name.capitalize()] = "; ".join(names) or "–"
    return shown


def _entries_for(rows, *, model, subject_of, with_m2m=False) -> list[HistoryEntry]:
    fields = _tracked_fields(model)
    entries = []
    for key, object_rows in groupby(sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)), lambda r: r.id):
        previous = None
        for row in object_rows:
            shown = {f.verbose_name.capitalize(): _display(f, row) for f in fields}
            if with_m2m:
                shown.update(_m2m_display(row))
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
                    who=user_display_name(row.history_user) if row.history_user else "System",
                    subject=subject_of(row),
                    action=ACTIONS[row.history_type],
                    changes=changes,
                    object_key=(model.__name__, key),
                )
            )
            previous = shown
    return entries


def _value_entries(rows, indicator_names: dict[int, str]) -> list[HistoryEntry]:
    """An indicator's quarterly figures, one entry per save, each change named by its quarter."""
    fields = _tracked_fields(IndicatorValue)
    entries = []
    for _, object_rows in groupby(sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)), lambda r: r.id):
        previous = {f.verbose_name.capitalize(): "–" for f in fields}
        for row in object_rows:
            period = FinancialQuarter(row.financial_year, row.quarter).label
            shown = {f.verbose_name.capitalize(): _display(f, row) for f in fields}
            after = dict.fromkeys(shown, "–") if row.history_type == "-" else shown
            before = shown if row.history_type == "-" else previous
            changes = [Change(f"{period} {name.lower()}", before[name], after[name]) for name in shown]
            changes = [change for change in changes if change.old != change.new]
            previous = after
            if changes:
                entries.append(
                    HistoryEntry(
                        when=row.history_date,
                        who=user_display_name(row.history_user) if row.history_user else "System",
                        subject=f"Targets and actuals of “{indicator_names.get(row.indicator_id, 'an indicator')}”",
                        action="Changed",
                        changes=changes,
                        object_key=("IndicatorValues", row.indicator_id),
                    )
                )
    return entries


def _merge(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    merged: list[HistoryEntry] = []
    for entry in sorted(entries, key=lambda e: e.when):
        last = merged[-1] if merged else None
        if (
            last
            and last.object_key == entry.object_key
            and last.who == entry.who
            and entry.when - last.when <= MERGE_WINDOW
            and entry.action == "Changed"
        ):
            if last.action == "Changed":
                by_field = {change.field: change for change in last.changes}
                for change in entry.changes:
                    if change.field in by_field:
                        by_field[change.field].new = change.new
                    else:
                        last.changes.append(change)
                last.changes = [c for c in last.changes if c.old != c.new]
            continue
        merged.append(entry)
    return merged


def programme_history(*, programme: Programme, limit: int = 50) -> list[HistoryEntry]:
    """The latest changes to a programme and its parts, newest first."""
    m2m_prefetches = []
    for name in PROGRAMME_M2M_FIELDS:
        through, link = _m2m_through(name)
        m2m_prefetches.append(
            Prefetch(f"historicalprogramme_{name}_set", queryset=through.objects.select_related(link))
        )
    programme_rows = (
        Programme.history.filter(id=programme.pk)
        .select_related("history_user", "lead_officer")
        .prefetch_related(*m2m_prefetches)
    )
    milestone_rows = Milestone.history.filter(programme_id=programme.pk).select_related("history_user", "owner")
    indicator_rows = list(Indicator.history.filter(programme_id=programme.pk).select_related("history_user"))
    indicator_names = {row.id: row.name for row in sorted(indicator_rows, key=lambda r: r.history_date)}
    value_rows = IndicatorValue.history.filter(indicator_id__in=indicator_names).select_related("history_user")

    entries = [
        *_entries_for(programme_rows, model=Programme, subject_of=lambda r: "Programme", with_m2m=True),
        *_entries_for(milestone_rows, model=Milestone, subject_of=lambda r: f"Milestone “{r.title}”"),
        *_entries_for(indicator_rows, model=Indicator, subject_of=lambda r: f"Indicator “{r.name}”"),
        *_value_entries(value_rows, indicator_names),
    ]
    return list(reversed(_merge(entries)))[:limit]
