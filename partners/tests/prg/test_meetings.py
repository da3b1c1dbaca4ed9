"""Meetings: London date and time, an ordered agenda saved all-or-nothing, attendance and minutes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import AgendaItem, Attendance, Meeting
from partners.services import prg as services
from partners.tests.prg.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    PaperFactory,
    PrgMemberFactory,
    days_from_today,
    local_datetime,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def meeting_form(rows=(), **changes):
    data = {
        "title": "Quarterly meeting: performance",
        "date": "2026-07-15",
        "time": "14:00",
        "place": "City Hall",
        "minutes": "",
        "agenda-TOTAL_FORMS": str(len(rows)),
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"agenda-{index}-{name}"] = value
    data.update(changes)
    return data


def test_staff_add_a_meeting_at_a_london_time_with_its_agenda(staff_client):
    rows = [
        {"order": "", "title": "Welcome and apologies", "presenter": "Chair"},
        {"order": "", "title": "Performance report", "presenter": "Head of Analysis"},
        {"order": "", "title": "", "presenter": ""},
    ]
    response = staff_client.post(reverse("partners:meeting-create"), meeting_form(rows), follow=True)

    meeting = Meeting.objects.get()
    # 14:00 in July is British Summer Time: 13:00 UTC.
    assert meeting.starts_at == datetime(2026, 7, 15, 14, 0, tzinfo=LONDON)
    assert meeting.starts_at.astimezone(ZoneInfo("UTC")).hour == 13
    assert [(i.order, i.title) for i in meeting.agenda_items.all()] == [
        (1, "Welcome and apologies"),
        (2, "Performance report"),
    ]
    page = response.content.decode()
    assert "Meeting “Quarterly meeting: performance” saved." in page
    assert "Wednesday 15 July 2026, 14:00" in page


def test_the_agenda_is_reordered_and_trimmed_keeping_papers_on_their_items(staff_client):
    meeting = MeetingFactory()
    first = AgendaItemFactory(meeting=meeting, order=1, title="First")
    second = AgendaItemFactory(meeting=meeting, order=2, title="Second")
    dropped = AgendaItemFactory(meeting=meeting, order=3, title="Dropped")
    paper = PaperFactory(meeting=meeting, agenda_item=second)
    local = meeting.starts_at.astimezone(LONDON)
    rows = [
        {"id": first.pk, "order": "2", "title": "First", "presenter": "Chair"},
        {"id": second.pk, "order": "1", "title": "Second, now first", "presenter": "Chair"},
        {"id": dropped.pk, "order": "3", "title": "", "presenter": ""},
    ]

    staff_client.post(
        reverse("partners:meeting-edit", args=[meeting.pk]),
        meeting_form(rows, title=meeting.title, date=local.date().isoformat(), time=local.strftime("%H:%M")),
    )

    assert [(i.pk, i.order, i.title) for i in meeting.agenda_items.all()] == [
        (second.pk, 1, "Second, now first"),
        (first.pk, 2, "First"),
    ]
    paper.refresh_from_db()
    assert paper.agenda_item_id == second.pk
    assert not AgendaItem.objects.filter(pk=dropped.pk).exists()


def test_a_number_used_twice_is_refused_beside_the_row_and_nothing_is_saved(staff_client):
    rows = [
        {"order": "1", "title": "Welcome", "presenter": ""},
        {"order": "1", "title": "Minutes", "presenter": ""},
    ]
    response = staff_client.post(reverse("partners:meeting-create"), meeting_form(rows))

    page = response.content.decode()
    assert "There is a problem" in page
    assert "Agenda row 2: Item number 1 is used twice." in page
    assert 'id="id_agenda-1-order-error"' in page
    assert not Meeting.objects.exists()


def test_missing_date_and_bad_time_are_explained(staff_client):
    response = staff_client.post(reverse("partners:meeting-create"), meeting_form(date="", time="2pm"))

    page = response.content.decode()
    assert "Enter the date of the meeting." in page
    assert "Enter the start time as a time on the 24-hour clock, like 14:00." in page
    assert not Meeting.objects.exists()


def test_the_service_refuses_a_bad_agenda_as_a_whole(staff_user):
    meeting = MeetingFactory(title="Before")
    AgendaItemFactory(meeting=meeting, order=1, title="Kept")
    other = AgendaItemFactory()

    with pytest.raises(ValidationError) as caught:
        services.meeting_save(
            user=staff_user,
            meeting=meeting,
            title="After",
            agenda=[services.AgendaRow(title="New"), services.AgendaRow(title="Stolen", id=other.pk)],
        )

    assert caught.value.message_dict == {"agenda_items": ["Item 2: This item is not on this meeting's agenda."]}
    meeting.refresh_from_db()
    assert meeting.title == "Before"
    assert [i.title for i in meeting.agenda_items.all()] == ["Kept"]


def test_attendance_lists_members_on_the_day_and_records_each_answer(staff_client):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-10)))
    present = PrgMemberFactory(name="Anne Present")
    apologies = PrgMemberFactory(name="Bola Apologies")
    later = PrgMemberFactory(name="Joined Later", term_start=days_from_today(-5))
    left = PrgMemberFactory(name="Left Before", term_start=days_from_today(-900), term_end=days_from_today(-20))
    url = reverse("partners:meeting-attendance", args=[meeting.pk])

    page = staff_client.get(url).content.decode()
    assert "Anne Present" in page and "Bola Apologies" in page
    assert "Joined Later" not in page and "Left Before" not in page

    response = staff_client.post(
        url, {f"member_{present.pk}": "present", f"member_{apologies.pk}": "apologies"}, follow=True
    )

    assert dict(meeting.attendance.values_list("member__name", "status")) == {
        "Anne Present": "present",
        "Bola Apologies": "apologies",
    }
    page = response.content.decode()
    assert "Attendance saved." in page
    assert later.pk and left.pk


def test_attendance_refuses_someone_who_was_not_a_member_then(staff_user):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-10)))
    member = PrgMemberFactory()
    outsider = PrgMemberFactory(term_start=days_from_today(-1))

    with pytest.raises(ValidationError):
        services.attendance_record(
            user=staff_user, meeting=meeting, statuses={member.pk: "present", outsider.pk: "present"}
        )

    assert not Attendance.objects.exists()


def test_meeting_page_shows_agenda_papers_attendance_and_minutes(client, prg_user):
    meeting = MeetingFactory(title="Approach and work programme", minutes="Members supported the approach.")
    item = AgendaItemFactory(meeting=meeting, order=1, title="The VRU's approach", presenter="VRU Director")
    PaperFactory(meeting=meeting, agenda_item=item, title="Approach paper")
    AttendanceFactory(meeting=meeting, member__name="Dr Helen Marsh", status="present")
    AttendanceFactory(meeting=meeting, member__name="Janet Holloway", status="apologies")
    client.force_login(prg_user)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "1. The VRU&#x27;s approach" in page
    assert "Approach paper" in page
    assert "Download “Approach paper” (PDF," in page
    assert "Members supported the approach." in page
    present = page[page.index(">Present<") : page.index(">Apologies<")]
    assert "Dr Helen Marsh" in present and "Janet Holloway" not in present


def test_meeting_list_newest_first(client, prg_user):
    MeetingFactory(title="Older", starts_at=local_datetime(days_from_today(-100)))
    MeetingFactory(title="Newer", starts_at=local_datetime(days_from_today(20)))
    client.force_login(prg_user)

    response = client.get(reverse("partners:meeting-list"))

    assert [m.title for m in response.context["meetings"]] == ["Newer", "Older"]


def test_home_shows_upcoming_and_recent_meetings_members_and_action_counts(client, prg_user):
    from partners.tests.prg.factories import PrgActionFactory

    past = MeetingFactory(title="Last quarter", starts_at=local_datetime(days_from_today(-40)))
    MeetingFactory(title="Next quarter", starts_at=local_datetime(days_from_today(40)))
    PrgMemberFactory(name="Dr Helen Marsh")
    PrgMemberFactory(name="Geoffrey Pratt", term_start=days_from_today(-900), term_end=days_from_today(-9))
    PrgActionFactory(meeting=past, due_date=days_from_today(-3), status="open")
    PrgActionFactory(meeting=past, due_date=days_from_today(3), status="in_progress")
    PrgActionFactory(meeting=past, due_date=days_from_today(-3), status="done")
    client.force_login(prg_user)

    response = client.get(reverse("partners:prg-home"))

    home = response.context["home"]
    assert [m.title for m in home.upcoming] == ["Next quarter"]
    assert [m.title for m in home.recent] == ["Last quarter"]
    assert [m.name for m in home.members] == ["Dr Helen Marsh"]
    assert (home.open_actions, home.overdue_actions) == (2, 1)
    page = response.content.decode()
    assert "2</span> open actions" in page
    assert "1</span> overdue action" in page


def test_an_item_of_another_meeting_is_refused_on_the_page_and_nothing_moves(staff_client):
    meeting = MeetingFactory(title="Ours")
    theirs = AgendaItemFactory(title="Theirs")
    local = meeting.starts_at.astimezone(LONDON)
    rows = [{"id": theirs.pk, "order": "1", "title": "Taken over", "presenter": ""}]

    response = staff_client.post(
        reverse("partners:meeting-edit", args=[meeting.pk]),
        meeting_form(rows, title="Renamed", date=local.date().isoformat(), time=local.strftime("%H:%M")),
    )

    page = response.content.decode()
    assert "There is a problem" in page
    assert "This item is not on this meeting&#x27;s agenda." in page
    theirs.refresh_from_db()
    meeting.refresh_from_db()
    assert (theirs.title, theirs.meeting_id) == ("Theirs", theirs.meeting_id)
    assert meeting.title == "Ours"
