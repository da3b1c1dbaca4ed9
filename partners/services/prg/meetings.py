"""PRG meetings: their details and minutes, agenda and attendance."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from partners.models import AgendaItem, Attendance, Meeting, PrgMember
from partners.services.prg._common import long_date, unknown_fields

MEETING_FIELDS = ("title", "starts_at", "place", "minutes")
MAX_AGENDA_ITEMS = 99
# Kept items move out of the way to numbers from here before taking their new ones,
# so that swapping two items never trips the one-item-per-number constraint.
_PARKING = 30000


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item as given: ``id`` for an item already on this meeting's agenda, none for a new one."""

    title: str
    presenter: str = ""
    order: int | None = None
    id: int | None = None


class AgendaError(ValidationError):
    """Problems with agenda rows, by their 0-based place in the list given, as ``{index: {field: message}}``."""

    def __init__(self, agenda_errors: dict[int, dict[str, str]]):
        self.agenda_errors = agenda_errors
        messages = [
            f"Item {index + 1}: {message}" for index, fields in agenda_errors.items() for message in fields.values()
        ]
        super().__init__({"agenda_items": messages})


@transaction.atomic
def meeting_save(
    *,
    user,
    meeting: Meeting | None = None,
    agenda: list[AgendaRow] | None = None,
    attendance: dict[int, str | None] | None = None,
    **fields,
) -> Meeting:
    """Add a meeting or change one; ``agenda``, when given, replaces its agenda in that order.

    An item not in ``agenda`` is removed (its papers stay on the meeting); a row's
    ``order`` is its number on the agenda, and a row without one follows the row before.
    ``attendance`` is recorded as ``attendance_record`` does, in the same transaction.
    """
    unknown_fields(fields, MEETING_FIELDS)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk) if meeting and meeting.pk else Meeting()
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    if agenda is not None:
        _replace_agenda(meeting, agenda)
    if attendance is not None:
        attendance_record(user=user, meeting=meeting, statuses=attendance)
    return meeting


def _numbered(meeting: Meeting, agenda: list[AgendaRow], existing: dict) -> list[tuple[AgendaRow, int]]:
    errors: dict[int, dict[str, str]] = {}
    numbered, used, previous = [], {}, 0
    if len(agenda) > MAX_AGENDA_ITEMS:
        raise ValidationError({"agenda_items": f"An agenda can have at most {MAX_AGENDA_ITEMS} items."})
    for index, row in enumerate(agenda):
        order = row.order if row.order is not None else previous + 1
        row_errors = {}
        if row.id is not None and row.id not in existing:
            row_errors["id"] = "This item is not on this meeting's agenda."
        if not (row.title or "").strip():
            row_errors["title"] = "Enter the item's title."
        if not 1 <= order <= MAX_AGENDA_ITEMS:
            row_errors["order"] = f"Number the item from 1 to {MAX_AGENDA_ITEMS}."
        elif order in used:
            row_errors["order"] = f"Item number {order} is already used by item {used[order] + 1}."
        if row_errors:
            errors[index] = row_errors
        used.setdefault(order, index)
        numbered.append((row, order))
        previous = order
    if len({row.id for row in agenda if row.id is not None}) < sum(1 for row in agenda if row.id is not None):
        raise ValidationError({"agenda_items": "The same agenda item is given twice."})
    if errors:
        raise AgendaError(errors)
    return numbered


def _replace_agenda(meeting: Meeting, agenda: list[AgendaRow]) -> None:
    existing = {item.pk: item for item in meeting.agenda_items.all()}
    numbered = _numbered(meeting, agenda, existing)
    kept = {row.id for row, _ in numbered if row.id is not None}
    AgendaItem.objects.filter(meeting=meeting).exclude(pk__in=kept).delete()
    if kept:
        parking = [When(pk=pk, then=Value(_PARKING + index)) for index, pk in enumerate(sorted(kept))]
        AgendaItem.objects.filter(pk__in=kept).update(order=Case(*parking))
    for row, order in numbered:
        item = existing[row.id] if row.id is not None else AgendaItem(meeting=meeting)
        item.order, item.title, item.presenter = order, row.title.strip(), (row.presenter or "").strip()
        item.full_clean(validate_unique=False, validate_constraints=False)
        item.save()


def attendance_members(meeting: Meeting):
    """Who the attendance form lists: members on the day of the meeting, and anyone already recorded."""
    on_the_day = PrgMember.objects.current(today=timezone.localdate(meeting.starts_at)).values("pk")
    recorded = meeting.attendance.values("member")
    return PrgMember.objects.filter(Q(pk__in=on_the_day) | Q(pk__in=recorded)).select_related("organisation")


@transaction.atomic
def attendance_record(*, user, meeting: Meeting, statuses: dict[int, str | None]) -> None:
    """Record who was present, sent apologies or was absent, by member id; no status removes the record.

    Members left out of ``statuses`` keep what is recorded for them.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    allowed = set(attendance_members(meeting).values_list("pk", flat=True))
    day = long_date(timezone.localdate(meeting.starts_at))
    problems = []
    for member_id, status in statuses.items():
        if member_id not in allowed:
            problems.append(f"Member {member_id} was not a member of the group on {day}.")
        elif status and status not in Attendance.Status.values:
            problems.append(f"“{status}” is not a status: choose present, apologies or absent.")
    if problems:
        raise ValidationError({"attendance": problems})
    existing = {row.member_id: row for row in meeting.attendance.all()}
    for member_id, status in statuses.items():
        row = existing.get(member_id)
        if not status:
            if row is not None:
                row.delete()
        elif row is None:
            Attendance.objects.create(meeting=meeting, member_id=member_id, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
