"""The action log: overdue actions stand out and come first, filters match exactly, changes are recorded."""

import pytest
from django.urls import reverse

from partners.models import PrgAction
from partners.selectors import prg as selectors
from partners.tests.prg.factories import MeetingFactory, PrgActionFactory, days_from_today, local_datetime

pytestmark = pytest.mark.django_db

LOG = reverse("partners:prg-actions")


@pytest.fixture
def log():
    first = MeetingFactory(title="First meeting", starts_at=local_datetime(days_from_today(-90)))
    second = MeetingFactory(title="Second meeting", starts_at=local_datetime(days_from_today(-20)))
    return {
        "late_open": PrgActionFactory(
            action="Late and open", owner="Head of Partnerships", meeting=first, due_date=days_from_today(-10)
        ),
        "late_in_progress": PrgActionFactory(
            action="Late, in progress",
            owner="Dr Amara Osei",
            meeting=second,
            due_date=days_from_today(-1),
            status="in_progress",
        ),
        "late_done": PrgActionFactory(
            action="Done late",
            owner="Head of Partnerships",
            meeting=first,
            due_date=days_from_today(-30),
            status="done",
        ),
        "late_cancelled": PrgActionFactory(
            action="Cancelled", owner="Dr Amara Osei", meeting=first, due_date=days_from_today(-30), status="cancelled"
        ),
        "due_today": PrgActionFactory(
            action="Due today", owner="Head of Partnerships", meeting=second, due_date=days_from_today(0)
        ),
        "later": PrgActionFactory(
            action="Due later", owner="Head of Partnerships Team", meeting=second, due_date=days_from_today(30)
        ),
        "first": first,
        "second": second,
    }


def shown(client, query="") -> list[str]:
    return [action.action for action in client.get(f"{LOG}{query}").context["actions"]]


def test_overdue_actions_come_first_and_carry_a_red_overdue_tag(client, prg_user, log):
    client.force_login(prg_user)

    response = client.get(LOG)

    assert [a.action for a in response.context["actions"]] == [
        "Late and open",
        "Late, in progress",
        "Done late",
        "Cancelled",
        "Due today",
        "Due later",
    ]
    rows = response.content.decode().split('<tr class="govuk-table__row">')[2:]
    overdue_tag = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    assert [overdue_tag in row for row in rows] == [True, True, False, False, False, False]


def test_the_overdue_filter_keeps_only_outstanding_actions_past_their_due_date(client, prg_user, log):
    client.force_login(prg_user)

    assert shown(client, "?overdue=on") == ["Late and open", "Late, in progress"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?owner=Head+of+Partnerships", ["Late and open", "Done late", "Due today"]),
        ("?owner=Dr+Amara+Osei&status=in_progress", ["Late, in progress"]),
        ("?status=done", ["Done late"]),
        ("?status=open&overdue=on", ["Late and open"]),
    ],
)
def test_filters_match_exactly(client, prg_user, log, query, expected):
    client.force_login(prg_user)

    assert sorted(shown(client, query)) == sorted(expected)


def test_filter_by_meeting(client, prg_user, log):
    client.force_login(prg_user)

    assert sorted(shown(client, f"?meeting={log['second'].pk}")) == ["Due later", "Due today", "Late, in progress"]


def test_sorting_by_a_column_replaces_overdue_first(client, prg_user, log):
    client.force_login(prg_user)

    assert shown(client, "?sort=-due")[:2] == ["Due later", "Due today"]


def test_an_unknown_filter_value_shows_the_problem_and_no_actions(client, prg_user, log):
    client.force_login(prg_user)

    response = client.get(f"{LOG}?status=lost")

    assert list(response.context["actions"]) == []
    assert "There is a problem" in response.content.decode()


def test_the_selector_filters_without_a_request(log):
    actions = selectors.action_list(filters={"overdue": "true", "owner": "Dr Amara Osei"})

    assert [a.action for a in actions] == ["Late, in progress"]


def action_form(meeting, **changes):
    data = {
        "action": "Circulate the terms of reference.",
        "owner": "Head of Partnerships",
        "meeting": meeting.pk,
        "due_date": days_from_today(14).isoformat(),
        "status": "open",
        "notes": "",
    }
    data.update(changes)
    return data


def test_staff_add_and_change_an_action_and_its_history_shows(staff_client):
    meeting = MeetingFactory()

    staff_client.post(reverse("partners:prg-action-create"), action_form(meeting))
    action = PrgAction.objects.get()
    response = staff_client.post(
        reverse("partners:prg-action-edit", args=[action.pk]), action_form(meeting, status="done"), follow=True
    )

    page = response.content.decode()
    assert "Action saved." in page
    history = page[page.index('id="history"') :]
    assert "Created: Action" in history
    assert "Status: Open → Done" in history
    assert "Staff Persona" in history


def test_a_due_date_before_the_meeting_is_refused_beside_the_field(staff_client):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-5)))

    response = staff_client.post(
        reverse("partners:prg-action-create"), action_form(meeting, due_date=days_from_today(-6).isoformat())
    )

    page = response.content.decode()
    assert 'id="id_due_date-error"' in page
    assert "The due date must be the same as or after the date of the meeting the action came from" in page
    assert not PrgAction.objects.exists()


def test_an_impossible_due_date_and_missing_owner_are_explained(staff_client):
    response = staff_client.post(
        reverse("partners:prg-action-create"), action_form(MeetingFactory(), due_date="2026-02-30", owner="")
    )

    page = response.content.decode()
    assert "Enter the due date as a real date." in page
    assert "Enter who owns the action." in page
    assert not PrgAction.objects.exists()
