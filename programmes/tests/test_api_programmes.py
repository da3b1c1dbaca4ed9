"""The programmes API as a client sees it: who may do what, writes through the services, bad input, filters."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api_tokens.services import api_token_create
from partners.models import Borough
from programmes.models import (
    Indicator,
    IndicatorValue,
    InterventionType,
    Milestone,
    Objective,
    PreventionLevel,
    Programme,
    ProgrammeStatus,
    TargetGroup,
)
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PROGRAMMES = reverse("api:programme-list")
MILESTONES = reverse("api:milestone-list")
INDICATORS = reverse("api:indicator-list")


def programme_url(programme):
    return reverse("api:programme-detail", args=[programme.pk])


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def objective(number):
    return Objective.objects.get(number=number)


def programme_payload(lead_officer, **changes):
    payload = {
        "title": "Safer school gates",
        "description": "Mentors at the school gates after school.",
        "objectives": [objective(5).pk, objective(6).pk],
        "lead_officer": lead_officer.pk,
        "status": "active",
        "start_date": "2025-04-01",
        "end_date": "2026-03-31",
        "budget": "125000.50",
        "boroughs": list(Borough.objects.filter(name__in=["Hackney", "Lambeth"]).values_list("pk", flat=True)),
        "target_cohort": "Pupils aged 11 to 16",
    }
    payload.update(changes)
    return payload


# --- Who may do what ------------------------------------------------------------------

EXPECTED = {
    # role: (read, create, update)
    "admin": (200, 201, 200),
    "staff": (200, 201, 200),
    "manager": (200, 201, 200),
    "prg": (403, 403, 403),
    "partner": (403, 403, 403),
    "anonymous": (401, 401, 401),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_programmes_by_role(role, personas, staff_user):
    read, create, update = EXPECTED[role]
    programme = ProgrammeFactory(title="Existing")
    client = client_for(personas.get(role))

    assert client.get(PROGRAMMES).status_code == read
    assert client.get(programme_url(programme)).status_code == read

    response = client.post(PROGRAMMES, programme_payload(staff_user), format="json")
    assert response.status_code == create
    assert Programme.objects.count() == (2 if create == 201 else 1)

    response = client.patch(programme_url(programme), {"title": "Renamed"}, format="json")
    assert response.status_code == update
    programme.refresh_from_db()
    assert programme.title == ("Renamed" if update == 200 else "Existing")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_milestones_and_indicators_by_role(role, personas):
    read, create, _ = EXPECTED[role]
    programme = ProgrammeFactory()
    client = client_for(personas.get(role))

    assert client.get(MILESTONES).status_code == read
    assert client.get(INDICATORS).status_code == read
    milestone = {
        "programme": programme.pk,
        "title": "Launch",
        "due_date": "2025-06-30",
        "owner": programme.lead_officer_id,
    }
    assert client.post(MILESTONES, milestone, format="json").status_code == create
    indicator = {"programme": programme.pk, "name": "Pupils reached", "unit": "pupils"}
    assert client.post(INDICATORS, indicator, format="json").status_code == create
    assert Milestone.objects.count() == Indicator.objects.count() == (1 if create == 201 else 0)


def test_anonymous_is_asked_for_a_token():
    response = APIClient().get(PROGRAMMES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_programmes_cannot_be_deleted_through_the_api(staff_user):
    programme = ProgrammeFactory()
    response = client_for(staff_user).delete(programme_url(programme))
    assert response.status_code == 405
    assert Programme.objects.filter(pk=programme.pk).exists()


# --- Token authentication ---------------------------------------------------------------


def test_token_authentication_reads_and_writes(staff_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=staff_user, name='Sync').value}")

    assert client.get(PROGRAMMES).status_code == 200
    response = client.post(PROGRAMMES, programme_payload(staff_user), format="json")
    assert response.status_code == 201
    assert Programme.objects.get().history.first().history_user == staff_user


def test_a_wrong_token_is_401(staff_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert client.get(PROGRAMMES).status_code == 401


def test_a_partners_token_is_403(partner_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=partner_user, name='Sync').value}")
    assert client.get(PROGRAMMES).status_code == 403


# --- Writing a programme with its milestone and indicator ------------------------------------


def test_create_programme_milestone_and_indicator(staff_user, manager_user):
    client = client_for(staff_user)

    response = client.post(PROGRAMMES, programme_payload(manager_user), format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    programme = Programme.objects.get(pk=body["id"])
    assert body["budget"] == "125000.50"
    assert body["start_date"] == "2025-04-01"
    assert body["lead_officer"] == manager_user.pk
    assert body["lead_officer_name"] == "Manager Persona"
    assert sorted(body["objectives"]) == sorted([objective(5).pk, objective(6).pk])
    assert programme.budget == Decimal("125000.50")
    assert programme.lead_officer == manager_user
    assert set(programme.objectives.values_list("number", flat=True)) == {5, 6}
    assert set(programme.boroughs.values_list("name", flat=True)) == {"Hackney", "Lambeth"}
    assert programme.history.first().history_user == staff_user

    response = client.post(
        MILESTONES,
        {"programme": programme.pk, "title": "Mentors recruited", "due_date": "2025-07-31", "owner": staff_user.pk},
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.json()["owner_name"] == "Staff Persona"
    assert response.json()["rag"] == "green"
    milestone = programme.milestones.get()
    assert (milestone.title, milestone.due_date.isoformat(), milestone.owner) == (
        "Mentors recruited",
        "2025-07-31",
        staff_user,
    )

    response = client.post(
        INDICATORS,
        {
            "programme": programme.pk,
            "name": "Pupils mentored",
            "unit": "pupils",
            "direction": "up",
            "baseline": "12.5",
            "values": [
                {"period": "2025-26 Q2", "target": "40", "actual": "35.5"},
                {"period": "2025-26 Q1", "target": "20"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.json()["values"] == [
        {"period": "2025-26 Q1", "target": "20.00", "actual": None},
        {"period": "2025-26 Q2", "target": "40.00", "actual": "35.50"},
    ]
    indicator = programme.indicators.get()
    assert indicator.baseline == Decimal("12.50")
    assert list(indicator.values.values_list("financial_year", "quarter", "target", "actual")) == [
        (2025, 1, Decimal("20.00"), None),
        (2025, 2, Decimal("40.00"), Decimal("35.50")),
    ]


def test_read_a_programme(staff_user):
    programme = ProgrammeFactory(
        title="Holiday clubs", budget=Decimal("5000"), boroughs=[Borough.objects.get(name="Brent")]
    )
    programme.intervention_types.set(InterventionType.objects.all()[:2])
    programme.prevention_levels.set(PreventionLevel.objects.all()[:1])
    programme.target_groups.set(TargetGroup.objects.all()[:1])

    body = client_for(staff_user).get(programme_url(programme)).json()

    assert body["title"] == "Holiday clubs"
    assert body["budget"] == "5000.00"
    assert body["end_date"] == "2027-03-31"
    assert body["objectives"] == [objective(5).pk]
    assert body["boroughs"] == [Borough.objects.get(name="Brent").pk]
    assert sorted(body["intervention_types"]) == sorted(t.pk for t in InterventionType.objects.all()[:2])
    assert len(body["prevention_levels"]) == len(body["target_groups"]) == 1
    assert body["lead_officer_name"] == programme.lead_officer.get_full_name()


def test_update_programme_through_the_service(staff_user):
    programme = ProgrammeFactory(title="Old title", status=ProgrammeStatus.PLANNED)
    response = client_for(staff_user).patch(
        programme_url(programme), {"status": "active", "objectives": [objective(2).pk]}, format="json"
    )
    assert response.status_code == 200, response.data
    assert response.json()["objectives"] == [objective(2).pk]
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.ACTIVE
    assert programme.title == "Old title"
    assert list(programme.objectives.values_list("number", flat=True)) == [2]
    assert programme.history.first().history_user == staff_user


def test_indicator_values_are_read_nested_and_replaced(staff_user):
    indicator = IndicatorFactory()
    IndicatorValueFactory(
        indicator=indicator, financial_year=2025, quarter=1, target=Decimal("100"), actual=Decimal("90")
    )
    IndicatorValueFactory(indicator=indicator, financial_year=2025, quarter=2, target=Decimal("100"), actual=None)
    client = client_for(staff_user)
    url = reverse("api:indicator-detail", args=[indicator.pk])

    assert client.get(url).json()["values"] == [
        {"period": "2025-26 Q1", "target": "100.00", "actual": "90.00"},
        {"period": "2025-26 Q2", "target": "100.00", "actual": None},
    ]

    response = client.patch(
        url,
        {
            "values": [
                {"period": "2025-26 Q2", "target": "100", "actual": "80"},
                {"period": "2025-26 Q3", "target": "50"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.json()["values"] == [
        {"period": "2025-26 Q2", "target": "100.00", "actual": "80.00"},
        {"period": "2025-26 Q3", "target": "50.00", "actual": None},
    ]
    assert list(indicator.values.values_list("quarter", "actual")) == [(2, Decimal("80.00")), (3, None)]

    # Leaving ``values`` out keeps them.
    assert client.patch(url, {"name": "Renamed"}, format="json").status_code == 200
    assert indicator.values.count() == 2


def test_delete_milestone_and_indicator(staff_user):
    milestone = MilestoneFactory()
    indicator = IndicatorValueFactory().indicator
    client = client_for(staff_user)

    assert client.delete(reverse("api:milestone-detail", args=[milestone.pk])).status_code == 204
    assert client.delete(reverse("api:indicator-detail", args=[indicator.pk])).status_code == 204
    assert not Milestone.objects.exists()
    assert not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_filter_by_programme(staff_user):
    mine, other = ProgrammeFactory(), ProgrammeFactory()
    kept = MilestoneFactory(programme=mine)
    MilestoneFactory(programme=other)
    indicator = IndicatorFactory(programme=mine)
    IndicatorFactory(programme=other)
    client = client_for(staff_user)

    milestones = client.get(MILESTONES, {"programme": mine.pk}).json()["results"]
    indicators = client.get(INDICATORS, {"programme": mine.pk}).json()["results"]
    assert [row["id"] for row in milestones] == [kept.pk]
    assert [row["id"] for row in indicators] == [indicator.pk]


# --- Bad input: 400 naming the field, nothing changed ------------------------------------------


def counts():
    return (
        Programme.objects.count(),
        Milestone.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_date": "2026-04-01", "end_date": "2026-03-31"}, "end_date"),
        ({"budget": "-1.00"}, "budget"),
        ({"objectives": []}, "objectives"),
        ({"objectives": None}, "objectives"),
        ({"start_date": "31 March"}, "start_date"),
        ({"status": "finished"}, "status"),
    ],
    ids=["end-before-start", "negative-budget", "no-objectives", "objectives-null", "bad-date", "bad-status"],
)
def test_bad_programme_is_400(changes, field, staff_user):
    before = counts()
    response = client_for(staff_user).post(PROGRAMMES, programme_payload(staff_user, **changes), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert counts() == before


def test_programme_without_objectives_field_is_400(staff_user):
    payload = programme_payload(staff_user)
    del payload["objectives"]
    response = client_for(staff_user).post(PROGRAMMES, payload, format="json")
    assert response.status_code == 400
    assert "objectives" in response.json()
    assert not Programme.objects.exists()


def test_lead_officer_must_be_vru_staff(staff_user, partner_user):
    response = client_for(staff_user).post(PROGRAMMES, programme_payload(partner_user), format="json")
    assert response.status_code == 400
    assert response.json()["lead_officer"] == [f"User {partner_user.pk} is not an active member of VRU staff."]
    assert not Programme.objects.exists()


def test_changing_end_before_start_is_400_from_the_service(staff_user):
    programme = ProgrammeFactory()
    response = client_for(staff_user).patch(programme_url(programme), {"end_date": "2025-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"end_date": ["The end date must be the same as or after the start date."]}
    programme.refresh_from_db()
    assert programme.end_date.isoformat() == "2027-03-31"


def test_removing_all_objectives_is_400(staff_user):
    programme = ProgrammeFactory()
    response = client_for(staff_user).patch(programme_url(programme), {"objectives": []}, format="json")
    assert response.status_code == 400
    assert "objectives" in response.json()
    assert list(programme.objectives.values_list("number", flat=True)) == [5]


def test_dates_that_leave_values_outside_are_400(staff_user):
    value = IndicatorValueFactory(financial_year=2026, quarter=4)
    programme = value.indicator.programme
    response = client_for(staff_user).patch(programme_url(programme), {"end_date": "2026-03-31"}, format="json")
    assert response.status_code == 400
    assert "2026-27 Q4" in response.json()["end_date"][0]
    programme.refresh_from_db()
    assert programme.end_date.isoformat() == "2027-03-31"


def indicator_payload(programme, values):
    return {"programme": programme.pk, "name": "Pupils mentored", "unit": "pupils", "values": values}


def test_indicator_value_outside_the_programme_is_400_on_its_row(staff_user):
    programme = ProgrammeFactory()
    before = counts()
    values = [{"period": "2025-26 Q1", "target": "10"}, {"period": "2030-31 Q1", "target": "10"}]
    response = client_for(staff_user).post(INDICATORS, indicator_payload(programme, values), format="json")
    assert response.status_code == 400
    errors = response.json()["values"]
    assert list(errors) == ["1"]
    assert errors["1"]["period"][0].startswith("2030-31 Q1 is outside the programme, which runs from")
    assert counts() == before


def test_row_errors_point_at_the_row_sent_even_after_empty_rows(staff_user):
    programme = ProgrammeFactory()
    values = [
        {"period": "2025-26 Q1"},
        {"period": "2025-26 Q2", "target": "5"},
        {"period": "2025-26 Q2", "actual": "4"},
    ]
    response = client_for(staff_user).post(INDICATORS, indicator_payload(programme, values), format="json")
    assert response.status_code == 400
    assert response.json()["values"] == {"2": {"period": ["2025-26 Q2 is entered more than once."]}}
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("period", ["2025/26 Q1", "2025-27 Q1", "2025-26 Q5", "", 202501])
def test_malformed_period_is_400(period, staff_user):
    programme = ProgrammeFactory()
    values = [{"period": "2025-26 Q1", "target": "1"}, {"period": period, "target": "1"}]
    response = client_for(staff_user).post(INDICATORS, indicator_payload(programme, values), format="json")
    assert response.status_code == 400
    assert response.json()["values"] == {"1": {"period": ["Enter a financial quarter such as 2025-26 Q1."]}}
    assert not Indicator.objects.exists()


def test_bad_values_leave_an_indicator_as_it_was(staff_user):
    value = IndicatorValueFactory(target=Decimal("100"), actual=Decimal("90"))
    url = reverse("api:indicator-detail", args=[value.indicator.pk])
    values = [{"period": "2025-26 Q1", "target": "1", "actual": "1"}, {"period": "2019-20 Q1", "target": "1"}]
    response = client_for(staff_user).patch(url, {"name": "Renamed", "values": values}, format="json")
    assert response.status_code == 400
    assert "outside the programme" in response.json()["values"]["1"]["period"][0]
    value.refresh_from_db()
    assert (value.target, value.actual, value.indicator.name) == (
        Decimal("100.00"),
        Decimal("90.00"),
        value.indicator.name,
    )
    assert Indicator.objects.get().name != "Renamed"
    assert IndicatorValue.objects.count() == 1


def test_milestone_done_in_the_future_is_400(staff_user):
    milestone = MilestoneFactory()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    url = reverse("api:milestone-detail", args=[milestone.pk])
    response = client_for(staff_user).patch(url, {"done_date": tomorrow}, format="json")
    assert response.status_code == 400
    assert response.json() == {"done_date": ["The done date cannot be in the future."]}
    milestone.refresh_from_db()
    assert milestone.done_date is None


def test_parts_cannot_move_to_another_programme(staff_user):
    milestone, indicator, other = MilestoneFactory(), IndicatorFactory(), ProgrammeFactory()
    client = client_for(staff_user)
    for url, part in (
        (reverse("api:milestone-detail", args=[milestone.pk]), milestone),
        (reverse("api:indicator-detail", args=[indicator.pk]), indicator),
    ):
        response = client.patch(url, {"programme": other.pk}, format="json")
        assert response.status_code == 400
        assert "programme" in response.json()
        part.refresh_from_db()
        assert part.programme_id != other.pk


# --- Filters ------------------------------------------------------------------------------------


@pytest.fixture
def three_programmes():
    return {
        "knife": ProgrammeFactory(title="Knife crime education", objectives=[objective(1)]),
        "closed": ProgrammeFactory(
            title="After-school boxing",
            description="Talks about knife carrying.",
            objectives=[objective(5)],
            status=ProgrammeStatus.CLOSED,
        ),
        "clubs": ProgrammeFactory(title="Youth clubs", objectives=[objective(5), objective(7)]),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"objective": 5}, {"closed", "clubs"}),
        ({"status": "active"}, {"knife", "clubs"}),
        ({"q": "knife"}, {"knife", "closed"}),
        ({"objective": 5, "status": "active"}, {"clubs"}),
        ({}, {"knife", "closed", "clubs"}),
    ],
)
def test_programme_filters(filters, expected, three_programmes, staff_user):
    if "objective" in filters:
        filters = {**filters, "objective": objective(filters["objective"]).pk}
    response = client_for(staff_user).get(PROGRAMMES, filters)
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == {three_programmes[name].title for name in expected}


def test_programme_sort(three_programmes, staff_user):
    results = client_for(staff_user).get(PROGRAMMES, {"sort": "-title"}).json()["results"]
    assert [row["title"] for row in results] == ["Youth clubs", "Knife crime education", "After-school boxing"]


def test_an_unknown_filter_value_is_400(staff_user):
    response = client_for(staff_user).get(PROGRAMMES, {"objective": 999999})
    assert response.status_code == 400
    assert "objective" in response.json()


# --- Queries do not grow with rows ---------------------------------------------------------------


def make_programmes(n):
    boroughs = list(Borough.objects.all()[:3])
    types = list(InterventionType.objects.all()[:2])
    for _ in range(n):
        programme = ProgrammeFactory(objectives=[objective(1), objective(5)], boroughs=boroughs)
        programme.priority_areas.set(objective(5).priority_areas.all())
        programme.intervention_types.set(types)
        programme.prevention_levels.set(PreventionLevel.objects.all()[:1])
        programme.target_groups.set(TargetGroup.objects.all()[:2])


def list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PROGRAMMES)
    assert response.status_code == 200
    return len(queries), response.json()


def test_programme_list_queries_do_not_grow_with_rows(staff_user):
    client = client_for(staff_user)
    make_programmes(5)
    client.get(PROGRAMMES)  # the first request warms per-process caches
    with_five, body = list_queries(client)
    assert body["count"] == 5

    make_programmes(45)
    with_fifty, body = list_queries(client)
    assert body["count"] == len(body["results"]) == 50
    assert len(body["results"][0]["boroughs"]) == 3

    assert with_fifty == with_five, f"{with_five} queries for 5 programmes, {with_fifty} for 50"
