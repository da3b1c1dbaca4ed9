"""Reads for the PRG pages and the API.

Each selector runs a fixed number of queries whatever the number of rows. The
change history of decisions and actions is read from django-simple-history's
records in one query each and compared row by row here.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Count, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format

from partners.files import LABELS, human_size
from partners.filters.prg import PrgActionFilter
from partners.models import (
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from programmes.history import ACTIONS, Change, HistoryEntry
from vru.roles import GROUP_NAMES, Role, user_display_name

HOME_MEETINGS = 3


# --- Home and members ------------------------------------------------------------


@dataclass
class PrgHome:
    upcoming: list
    recent: list
    members: list
    open_actions: int
    overdue_actions: int


def prg_home(*, today: date | None = None) -> PrgHome:
    today = today or timezone.localdate()
    now = timezone.now()
    counts = PrgAction.objects.aggregate(
        open=Count("pk", filter=Q(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])),
        overdue=Count("pk", filter=Q(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS], due_date__lt=today)),
    )
    return PrgHome(
        upcoming=list(Meeting.objects.filter(starts_at__gte=now).order_by("starts_at")[:HOME_MEETINGS]),
        recent=list(Meeting.objects.filter(starts_at__lt=now).order_by("-starts_at")[:HOME_MEETINGS]),
        members=list(current_members(today=today)),
        open_actions=counts["open"],
        overdue_actions=counts["overdue"],
    )


def prg_accounts():
    """Accounts that can be linked to a member: active users with the PRG member role."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.PRG])
        .order_by("first_name", "last_name", "username")
    )


def _members():
    return PrgMember.objects.select_related("organisation", "user")


def member_queryset():
    """Every member, past and present, by name (the API's list)."""
    return _members().order_by("name")


def current_members(*, today: date | None = None):
    return _members().current(today=today).order_by("name")


def past_members(*, today: date | None = None):
    return _members().past(today=today).order_by("-term_end", "name")


def future_members(*, today: date | None = None):
    """Members whose term has not begun: neither current nor past."""
    return _members().filter(term_start__gt=today or timezone.localdate()).order_by("term_start", "name")


# --- Meetings --------------------------------------------------------------------


def meeting_list():
    return Meeting.objects.annotate(
        paper_count=Count("papers", distinct=True), item_count=Count("agenda_items", distinct=True)
    ).order_by("-starts_at")


def meetings_with_parts():
    """Meetings with their agenda, papers and attendance, newest first (the API's list)."""
    return Meeting.objects.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")),
        Prefetch("attendance", queryset=Attendance.objects.select_related("member")),
        Prefetch("papers", queryset=Paper.objects.select_related("uploaded_by")),
    ).order_by("-starts_at")


def meeting_detail_queryset():
    papers = Paper.objects.select_related("agenda_item", "uploaded_by").prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("decision__recorded_by").order_by("order", "pk"),
        )
    )
    return Meeting.objects.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")),
        Prefetch("papers", queryset=papers),
        Prefetch("attendance", queryset=Attendance.objects.select_related("member__organisation")),
        Prefetch("actions", queryset=actions_queryset()),
    )


@dataclass
class AgendaEntry:
    item: AgendaItem
    papers: list


@dataclass
class MeetingPage:
    meeting: Meeting
    agenda: list[AgendaEntry]
    papers: list
    attendance: dict[str, list]
    actions: list
    history: list = field(default_factory=list)

    @property
    def has_attendance(self) -> bool:
        return any(self.attendance.values())


def meeting_page(*, meeting: Meeting) -> MeetingPage:
    """A meeting read with ``meeting_detail_queryset``, arranged for its page."""
    papers = list(meeting.papers.all())
    for paper in papers:
        paper.type_label = LABELS.get(paper.content_type, paper.content_type)
        paper.size_label = human_size(paper.size)
    by_item = {item_id: list(rows) for item_id, rows in groupby(sorted(papers, key=_item_key), _item_key)}
    attendance = {status: [] for status in Attendance.Status.values}
    for row in meeting.attendance.all():
        attendance[row.status].append(row.member)
    return MeetingPage(
        meeting=meeting,
        agenda=[AgendaEntry(item, by_item.get(item.pk, [])) for item in meeting.agenda_items.all()],
        # Papers under the agenda in its order; those under no item come last.
        papers=sorted(
            papers, key=lambda p: (p.agenda_item is None, p.agenda_item.order if p.agenda_item else 0, p.title)
        ),
        attendance=attendance,
        actions=list(meeting.actions.all()),
        history=decision_history(meeting=meeting),
    )


def _item_key(paper) -> int:
    return paper.agenda_item_id or 0


def paper_queryset():
    return Paper.objects.select_related("meeting", "agenda_item")


def recommendation_queryset():
    return Recommendation.objects.select_related("paper__meeting", "decision__recorded_by").order_by(
        "paper__meeting__starts_at", "paper", "order", "pk"
    )


# --- Actions ---------------------------------------------------------------------


def actions_queryset(*, today: date | None = None):
    """Actions with ``overdue_flag``, overdue first, then by due date."""
    today = today or timezone.localdate()
    return (
        PrgAction.objects.select_related("meeting")
        .annotate(
            overdue_flag=Case(
                When(
                    status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
                    due_date__lt=today,
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-overdue_flag", "due_date", "pk")
    )


def action_filterset(*, filters=None, queryset=None, today: date | None = None) -> PrgActionFilter:
    queryset = queryset if queryset is not None else actions_queryset(today=today)
    return PrgActionFilter(filters or None, queryset=queryset, today=today)


def filtered_actions(filterset: PrgActionFilter):
    """The filter's actions; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def action_list(*, filters=None, today: date | None = None):
    return filtered_actions(action_filterset(filters=filters, today=today))


# --- Task-and-finish groups ------------------------------------------------------


def task_group_queryset():
    """Groups with their members, newest first (the API's list)."""
    return TaskAndFinishGroup.objects.prefetch_related("members").order_by("-start_date", "name")


def task_groups(*, today: date | None = None):
    """Open groups first, then closed ones, each newest first, with their members."""
    today = today or timezone.localdate()
    return (
        TaskAndFinishGroup.objects.prefetch_related(
            Prefetch("members", queryset=PrgMember.objects.select_related("organisation").order_by("name"))
        )
        .annotate(closed=Case(When(end_date__lt=today, then=Value(True)), default=Value(False)))
        .order_by("closed", "-start_date", "name")
    )


# --- Change history ----------------------------------------------------------------


def _display(model_field, row) -> str:
    value = getattr(row, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        return user_display_name(related) if hasattr(related, "get_full_name") else str(related)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, date):
        return date_format(value)
    return str(value)


def _history(rows, *, model, fields: list[str], subject_of) -> list[HistoryEntry]:
    """Entries for each record's history rows, oldest first, each change naming the fields that moved."""
    tracked = [model._meta.get_field(name) for name in fields]
    entries = []
    for _, object_rows in groupby(sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)), lambda r: r.id):
        previous = None
        for row in object_rows:
            shown = {f.verbose_name.capitalize(): _display(f, row) for f in tracked}
            changes = []
            if row.history_type == "~" and previous is not None:
                changes = [
                    Change(name, previous[name], value) for name, value in shown.items() if previous[name] != value
                ]
                if not changes:
                    continue
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
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def decision_history(*, meeting: Meeting) -> list[HistoryEntry]:
    """Who recorded or changed each decision taken at the meeting, and when, newest first."""
    rows = Decision.history.filter(recommendation__paper__meeting=meeting).select_related(
        "history_user", "recommendation"
    )
    return _history(
        rows,
        model=Decision,
        fields=["outcome", "minute"],
        subject_of=lambda row: f"Decision on “{_short(row.recommendation.text)}”",
    )


def action_history(*, action: PrgAction) -> list[HistoryEntry]:
    rows = PrgAction.history.filter(id=action.pk).select_related("history_user", "meeting")
    return _history(
        rows,
        model=PrgAction,
        fields=["action", "owner", "meeting", "due_date", "status", "notes"],
        subject_of=lambda row: "Action",
    )


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else f"{text[: length - 1]}…"
