"""The PRG API as a client sees it: VRU and PRG read, only VRU writes, bad input is a 400, filters as the page."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import Decision, Meeting, PrgAction, PrgMember, Recommendation, TaskAndFinishGroup
from partners.tests.factories import MembershipFactory
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

ROLES = ["admin", "staff", "manager", "prg", "partner", "anonymous"]
# role: (read, write)
EXPECTED = {
    "admin": (200, True),
    "staff": (200, True),
    "manager": (200, True),
    "prg": (200, False),
    "partner": (403, False),
    "anonymous": (401, False),
}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(name, *args):
    return reverse(f"api:{name}", args=args)


@pytest.fixture
def api_clients(personas):
    MembershipFactory(user=personas["partner"])
    return {**{role: api(user) for role, user in personas.items()}, "anonymous": api()}


@pytest.fixture
def meeting():
    meeting = MeetingFactory(title="Approach", starts_at=local_datetime(days_from_today(-10)))
    item = AgendaItemFactory(meeting=meeting, order=1, title="The approach")
    paper = PaperFactory(meeting=meeting, agenda_item=item, title="Approach paper")
    RecommendationFactory(paper=paper, kind="note", text="Note the context.")
    return meeting


def payloads(meeting):
    member = PrgMemberFactory()
    recommendation_paper = meeting.papers.get()
    return {
        "prg-member-list": {"name": "Janet Holloway", "role": "member", "term_start": "2025-04-01"},
        "prg-meeting-list": {
            "title": "Next quarter",
            "starts_at": "2026-10-14T14:00:00+01:00",
            "place": "City Hall",
            "agenda_items": [{"title": "Welcome"}, {"title": "Budget", "presenter": "Head of Finance"}],
        },
        "prg-recommendation-list": {"paper": recommendation_paper.pk, "kind": "agree", "text": "Agree the plan."},
        "prg-action-list": {
            "action": "Share the data.",
            "owner": "Head of Analysis",
            "meeting": meeting.pk,
            "due_date": days_from_today(10).isoformat(),
        },
        "prg-group-list": {
            "name": "Exclusions",
            "remit": "Look at exclusions.",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "members": [member.pk],
        },
    }


COUNTED = {
    "prg-member-list": PrgMember,
    "prg-meeting-list": Meeting,
    "prg-recommendation-list": Recommendation,
    "prg-action-list": PrgAction,
    "prg-group-list": TaskAndFinishGroup,
}


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_by_role(api_clients, meeting, role):
    read, can_write = EXPECTED[role]
    client = api_clients[role]
    for name, body in payloads(meeting).items():
        assert client.get(url(name)).status_code == read, name
        before = COUNTED[name].objects.count()
        response = client.post(url(name), body, format="json")
        expected = 201 if can_write else (401 if role == "anonymous" else 403)
        assert response.status_code == expected, (name, response.content)
        assert COUNTED[name].objects.count() == before + (1 if can_write else 0), name


@pytest.mark.parametrize("role", ["prg", "partner"])
def test_updates_are_refused_to_prg_members_and_partners(api_clients, meeting, role):
    action = PrgActionFactory(meeting=meeting, owner="Before")

    response = api_clients[role].patch(url("prg-action-detail", action.pk), {"owner": "After"}, format="json")

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.owner == "Before"


def test_a_meeting_comes_with_agenda_papers_and_attendance(api_clients, meeting):
    AttendanceFactory(meeting=meeting, member__name="Dr Helen Marsh", status="apologies")

    data = api_clients["prg"].get(url("prg-meeting-detail", meeting.pk)).json()

    assert [item["title"] for item in data["agenda_items"]] == ["The approach"]
    paper = data["papers"][0]
    assert paper["title"] == "Approach paper"
    assert paper["content_type"] == "application/pdf"
    assert paper["download_url"].endswith(reverse("partners:paper-download", args=[meeting.papers.get().pk]))
    assert data["attendance"] == [
        {"member": meeting.attendance.get().member_id, "member_name": "Dr Helen Marsh", "status": "apologies"}
    ]
    assert "file" not in paper


def test_the_download_url_serves_the_paper_to_a_prg_member(client, prg_user, meeting):
    client.force_login(prg_user)
    download_url = api(prg_user).get(url("prg-meeting-detail", meeting.pk)).json()["papers"][0]["download_url"]

    response = client.get(download_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_meeting_is_created_with_its_agenda_at_a_london_time(api_clients):
    response = api_clients["staff"].post(
        url("prg-meeting-list"),
        {
            "title": "Next quarter",
            "starts_at": "2026-10-14T13:00:00Z",
            "place": "City Hall",
            "agenda_items": [{"title": "Welcome"}, {"title": "Budget", "order": 5}],
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["starts_at"] == "2026-10-14T14:00:00+01:00"
    assert [(i["order"], i["title"]) for i in response.json()["agenda_items"]] == [(1, "Welcome"), (5, "Budget")]


def test_bad_agenda_and_attendance_are_400_and_nothing_is_saved(api_clients):
    outsider = PrgMemberFactory(term_start=days_from_today(100))
    body = {"title": "Next", "starts_at": "2026-10-14T13:00:00Z", "place": "City Hall"}

    twice = api_clients["staff"].post(
        url("prg-meeting-list"),
        {**body, "agenda_items": [{"title": "A", "order": 1}, {"title": "B", "order": 1}]},
        format="json",
    )
    absent = api_clients["staff"].post(
        url("prg-meeting-list"),
        {**body, "attendance": [{"member": outsider.pk, "status": "present"}]},
        format="json",
    )

    assert twice.status_code == 400
    assert twice.json() == {"agenda_items": ["Item 2: Item number 1 is already used by item 1."]}
    assert absent.status_code == 400
    assert list(absent.json()) == ["attendance"]
    assert not Meeting.objects.exists()


def test_field_errors_from_the_services_are_400(api_clients, meeting):
    member = api_clients["staff"].post(
        url("prg-member-list"),
        {"name": "X", "role": "member", "term_start": "2026-04-01", "term_end": "2026-03-01"},
        format="json",
    )
    group = api_clients["staff"].post(
        url("prg-group-list"),
        {"name": "X", "remit": "Y", "start_date": "2026-04-01", "end_date": "2026-03-01"},
        format="json",
    )
    action = api_clients["staff"].post(
        url("prg-action-list"),
        {"action": "X", "owner": "Y", "meeting": meeting.pk, "due_date": days_from_today(-30).isoformat()},
        format="json",
    )

    assert member.status_code == group.status_code == action.status_code == 400
    assert member.json() == {"term_end": ["The end of the term must be the same as or after its start."]}
    assert group.json() == {"end_date": ["The end date must be the same as or after the start date."]}
    assert list(action.json()) == ["due_date"]
    assert not PrgMember.objects.exists() and not TaskAndFinishGroup.objects.exists()
    assert not PrgAction.objects.exists()


def test_recommendation_shows_and_records_its_decision(api_clients, meeting, staff_user):
    recommendation = meeting.papers.get().recommendations.get()

    response = api_clients["staff"].patch(
        url("prg-recommendation-detail", recommendation.pk),
        {"decision": {"outcome": "agreed_with_changes", "minute": "Agreed, with changes."}},
        format="json",
    )

    assert response.status_code == 200
    decision = response.json()["decision"]
    assert decision["outcome"] == "agreed_with_changes"
    assert decision["recorded_by_name"] == "Staff Persona"
    assert Decision.objects.get().history.get().history_user == staff_user
    listed = api_clients["prg"].get(url("prg-recommendation-list"), {"meeting": meeting.pk, "decided": "true"}).json()
    assert [row["id"] for row in listed["results"]] == [recommendation.pk]


def test_a_decision_on_an_upcoming_meeting_is_400_and_the_recommendation_is_not_saved(api_clients):
    paper = PaperFactory(meeting__starts_at=local_datetime(days_from_today(20)))

    response = api_clients["staff"].post(
        url("prg-recommendation-list"),
        {"paper": paper.pk, "kind": "agree", "text": "Agree.", "decision": {"outcome": "agreed", "minute": "Yes."}},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["outcome"]
    assert not Recommendation.objects.exists()


def test_action_filters_match_the_page(api_clients):
    meeting = MeetingFactory(starts_at=local_datetime(days_from_today(-60)))
    PrgActionFactory(action="Late", owner="Dr Amara Osei", meeting=meeting, due_date=days_from_today(-1))
    PrgActionFactory(action="Done", owner="Dr Amara Osei", meeting=meeting, due_date=days_from_today(-1), status="done")
    PrgActionFactory(action="Later", owner="Janet Holloway", due_date=days_from_today(5))
    client = api_clients["prg"]

    def actions(**params):
        response = client.get(url("prg-action-list"), params)
        assert response.status_code == 200, response.content
        return [(row["action"], row["is_overdue"]) for row in response.json()["results"]]

    assert actions(overdue="true") == [("Late", True)]
    assert actions(owner="Dr Amara Osei") == [("Late", True), ("Done", False)]
    assert actions(status="done") == [("Done", False)]
    assert actions(meeting=meeting.pk, status="open") == [("Late", True)]
    assert client.get(url("prg-action-list"), {"status": "lost"}).status_code == 400


def test_member_filters(api_clients):
    PrgMemberFactory(name="Current", role="chair")
    PrgMemberFactory(name="Former", term_start=days_from_today(-900), term_end=days_from_today(-1))

    current = api_clients["prg"].get(url("prg-member-list"), {"current": "true"}).json()["results"]
    chairs = api_clients["prg"].get(url("prg-member-list"), {"role": "chair"}).json()["results"]

    assert [row["name"] for row in current] == ["Current"]
    assert [row["name"] for row in chairs] == ["Current"]


def test_groups_show_whether_closed(api_clients):
    TaskAndFinishGroupFactory(name="Old", start_date=days_from_today(-90), end_date=days_from_today(-1))

    data = api_clients["prg"].get(url("prg-group-list")).json()["results"]

    assert [(row["name"], row["is_closed"]) for row in data] == [("Old", True)]


def test_a_prg_member_is_asked_for_nothing_more_than_reading(api_clients, meeting):
    decision = DecisionFactory(recommendation__paper=meeting.papers.get())

    response = api_clients["prg"].put(
        url("prg-recommendation-detail", decision.recommendation_id),
        {"paper": meeting.papers.get().pk, "kind": "agree", "text": "Changed"},
        format="json",
    )

    assert response.status_code == 403
