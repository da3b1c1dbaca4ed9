"""An application's change history (who, when, what) from django-simple-history's records.

The records of the application (with its boroughs, wards and objectives), its
budget lines, reach estimates and answers are read in a fixed number of queries
and compared row by row, as ``programmes.history`` does for a programme. The
assessors' records are not here: a conflicted assessor must not see scores, and
the assessment pages show them to whoever may.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from itertools import groupby

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from commissioning.models import AgeBand, Answer, Application, ApplicationSection, BudgetLine, ReachEstimate
from programmes.history import ACTIONS, Change, HistoryEntry
from vru.roles import user_display_name

SHOWN_TEXT = 120
# Saving a section can write a record for its fields and one for each list of choices: records this close
# together by the same person read as one change.
MERGE_WINDOW = timedelta(seconds=2)
M2M_FIELDS = ("boroughs", "wards", "objectives")

TRACKED = {
    Application: [
        "status",
        "sections_completed",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "address",
        "postcode",
        "charity_number",
        "company_number",
        "project_title",
        "project_summary",
        "project_description",
        "start_date",
        "end_date",
        "amount_requested",
        "submitted_at",
        "submitted_by",
        "withdrawn_at",
        "withdrawn_by",
        "eligibility_notes",
        "eligibility_checked_at",
        "eligibility_checked_by",
        "panel_recommendation",
        "moderation_notes",
        "moderated_at",
        "moderated_by",
        "decision_reasons",
        "decided_at",
        "decided_by",
    ],
    BudgetLine: ["category", "description", "amount"],
    ReachEstimate: ["count"],
    Answer: ["text"],
}
LABELS = {"sections_completed": "Sections complete", "amount_requested": "Amount requested"}


def _display(model_field, row) -> str:
    if model_field.is_relation:
        related = getattr(row, model_field.name, None) if getattr(row, model_field.attname) else None
        return "–" if related is None else user_display_name(related)
    value = getattr(row, model_field.attname)
    if value is None or value == "" or value == []:
        return "–"
    if model_field.name == "sections_completed":
        return "; ".join(ApplicationSection(name).label for name in value if name in ApplicationSection.values)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y H:i")
    if hasattr(value, "isoformat"):
        return date_format(value)
    return Truncator(" ".join(str(value).split())).chars(SHOWN_TEXT)


def _label(model_field) -> str:
    name = LABELS.get(model_field.name, str(model_field.verbose_name))
    return name[:1].upper() + name[1:]


def _m2m_display(row) -> dict[str, str]:
    shown = {}
    for name in M2M_FIELDS:
        items = getattr(row, f"historicalapplication_{name}_set").all()
        link = {"boroughs": "borough", "wards": "ward", "objectives": "objective"}[name]
        values = sorted(str(getattr(item, link)) for item in items)
        shown[name.capitalize()] = "; ".join(values) or "–"
    return shown


def _entries(rows, *, model, subject_of, with_m2m=False) -> list[HistoryEntry]:
    fields = [model._meta.get_field(name) for name in TRACKED[model]]
    entries = []
    for key, object_rows in groupby(sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)), lambda r: r.id):
        previous = None
        for row in object_rows:
            shown = {_label(f): _display(f, row) for f in fields}
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


def _merge(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Join a change into the entry just before it when it is the same object, person and moment."""
    merged: list[HistoryEntry] = []
    for entry in sorted(entries, key=lambda e: e.when):
        last = merged[-1] if merged else None
        if (
            last is not None
            and entry.action == "Changed"
            and last.object_key == entry.object_key
            and last.who == entry.who
            and entry.when - last.when <= MERGE_WINDOW
        ):
            if last.action == "Changed":
                by_field = {change.field: change for change in last.changes}
                for change in entry.changes:
                    if change.field in by_field:
                        by_field[change.field].new = change.new
                    else:
                        last.changes.append(change)
                last.changes = [change for change in last.changes if change.old != change.new]
            continue
        merged.append(entry)
    return [entry for entry in merged if entry.action != "Changed" or entry.changes]


def _quoted(text: str) -> str:
    return f"“{Truncator(' '.join(text.split())).chars(60)}”"


def application_history(*, application: Application, limit: int = 100) -> list[HistoryEntry]:
    """The latest changes to an application and its answers, newest first."""
    prefetches = [
        Prefetch(f"historicalapplication_{name}_set", queryset=_through(name).objects.select_related(*links))
        for name, links in (("boroughs", ["borough"]), ("wards", ["ward__borough"]), ("objectives", ["objective"]))
    ]
    application_rows = (
        Application.history.filter(id=application.pk)
        .select_related(
            "history_user", "submitted_by", "withdrawn_by", "eligibility_checked_by", "moderated_by", "decided_by"
        )
        .prefetch_related(*prefetches)
    )
    line_rows = BudgetLine.history.filter(application_id=application.pk).select_related("history_user")
    reach_rows = ReachEstimate.history.filter(application_id=application.pk).select_related("history_user")
    answer_rows = Answer.history.filter(application_id=application.pk).select_related("history_user", "question")
    entries = [
        *_entries(application_rows, model=Application, subject_of=lambda r: "Application", with_m2m=True),
        *_entries(line_rows, model=BudgetLine, subject_of=lambda r: f"Budget line {_quoted(r.description)}"),
        *_entries(
            reach_rows,
            model=ReachEstimate,
            subject_of=lambda r: f"Expected reach, aged {AgeBand(r.age_band).label.lower()}",
        ),
        *_entries(answer_rows, model=Answer, subject_of=lambda r: f"Answer to {_quoted(r.question.text)}"),
    ]
    return list(reversed(_merge(entries)))[:limit]


def _through(name):
    """The history model that records one of the application's lists of choices."""
    return Application.history.model._meta.get_field(f"historicalapplication_{name}").related_model
