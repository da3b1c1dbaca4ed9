"""Each PRG page runs the same number of SQL queries with a few rows and with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.tests.prg.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    PaperFactory,
    PrgActionFactory,
    PrgMemberFactory,
    RecommendationFactory,
    TaskAndFinishGroupFactory,
    days_from_today,
    local_datetime,
)

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 20


def grow(meeting, count):
    """``count`` of everything, both on the meeting shown and across the group."""
    for _ in range(count):
        member = PrgMemberFactory()
        PrgMemberFactory(term_start=days_from_today(-900), term_end=days_from_today(-1))
        item = AgendaItemFactory(meeting=meeting, order=meeting.agenda_items.count() + 1)
        paper = PaperFactory(meeting=meeting, agenda_item=item)
        decision = DecisionFactory(recommendation__paper=paper)
        decision.outcome = "deferred"
        decision.save()  # a second history row to compare
        RecommendationFactory(paper=paper)
        AttendanceFactory(meeting=meeting, member=member)
        PrgActionFactory(meeting=meeting, due_date=days_from_today(-1))
        PrgActionFactory(meeting=MeetingFactory(), status="done")
        TaskAndFinishGroupFactory(members=[member])
        MeetingFactory(starts_at=local_datetime(days_from_today(10)))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = {
    "home": lambda m: reverse("partners:prg-home"),
    "members": lambda m: reverse("partners:prg-members"),
    "meetings": lambda m: reverse("partners:meeting-list"),
    "meeting": lambda m: reverse("partners:meeting-detail", args=[m.pk]),
    "meeting-edit": lambda m: reverse("partners:meeting-edit", args=[m.pk]),
    "attendance": lambda m: reverse("partners:meeting-attendance", args=[m.pk]),
    "actions": lambda m: reverse("partners:prg-actions"),
    "actions-filtered": lambda m: reverse("partners:prg-actions") + f"?overdue=on&status=open&meeting={m.pk}",
    "action": lambda m: reverse("partners:prg-action-detail", args=[m.actions.order_by("pk").first().pk]),
    "groups": lambda m: reverse("partners:prg-groups"),
}


@pytest.mark.parametrize("name", list(URLS))
def test_queries_do_not_grow_with_rows(staff_client, name):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-7)))
    grow(meeting, 3)
    url = URLS[name](meeting)
    staff_client.get(url)  # warm the session and the content-type cache
    small = count_queries(staff_client, url)

    grow(meeting, 30)
    action = meeting.actions.order_by("pk").first()
    for status in ("in_progress", "open", "in_progress"):  # more history on the action shown
        action.status = status
        action.save()
    large = count_queries(staff_client, url)

    assert small == large
    assert large <= MAX_QUERIES


API_URLS = ["prg-member-list", "prg-meeting-list", "prg-recommendation-list", "prg-action-list", "prg-group-list"]


@pytest.mark.parametrize("name", API_URLS)
def test_api_lists_do_not_grow_with_rows(staff_client, name):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-7)))
    grow(meeting, 3)
    url = reverse(f"api:{name}")
    staff_client.get(url)
    small = count_queries(staff_client, url)

    grow(meeting, 30)
    large = count_queries(staff_client, url)

    assert small == large
    assert large <= MAX_QUERIES
