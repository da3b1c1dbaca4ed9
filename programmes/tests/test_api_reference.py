"""The strategy and tag reference data through the API: readable by every signed-in role, never writable."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from programmes.models import ContextualLayer, InterventionType, Objective, PriorityArea

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "aim": 3,
    "objective": 8,
    "contextual-layer": 7,
    "priority-area": 5,
    "intervention-type": None,
    "prevention-level": None,
    "target-group": None,
}
ROLES = ["admin", "staff", "manager", "prg", "partner"]


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_every_signed_in_role_reads_reference_data(name, role, personas):
    client = client_for(personas[role])
    rows = results(client.get(reverse(f"api:{name}-list")))
    assert rows, f"{name} is empty"
    expected = ENDPOINTS[name]
    if isinstance(expected, int):
        assert len(rows) == expected
    detail = client.get(reverse(f"api:{name}-detail", args=[rows[0]["id"]]))
    assert detail.status_code == 200
    assert detail.json() == rows[0]


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_anonymous_gets_401(name):
    assert APIClient().get(reverse(f"api:{name}-list")).status_code == 401


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_reference_data_is_read_only(name, admin_user):
    client = client_for(admin_user)
    first = results(client.get(reverse(f"api:{name}-list")))[0]
    detail = reverse(f"api:{name}-detail", args=[first["id"]])
    assert client.post(reverse(f"api:{name}-list"), {"name": "New"}, format="json").status_code == 405
    assert client.patch(detail, {"name": "Changed"}, format="json").status_code == 405
    assert client.delete(detail).status_code == 405
    assert client.get(detail).json() == first


def test_objective_shape(partner_user):
    objective = Objective.objects.get(number=6)
    body = client_for(partner_user).get(reverse("api:objective-detail", args=[objective.pk])).json()
    assert body["number"] == 6
    assert body["title"] == "Giving young people every chance to succeed"
    assert body["contextual_layer"] == ContextualLayer.objects.get(name="Institutions and systems").pk
    assert body["contextual_layer_name"] == "Institutions and systems"
    assert body["key_activities"] == objective.key_activity_list
    assert len(body["key_activities"]) == 2
    assert body["rationale"] == objective.rationale
    assert body["rationale_paragraphs"] == objective.rationale_paragraphs
    assert sorted(body["priority_areas"]) == sorted(
        PriorityArea.objects.filter(number__in=[1, 2]).values_list("pk", flat=True)
    )


def test_objectives_are_in_strategy_order(prg_user):
    rows = results(client_for(prg_user).get(reverse("api:objective-list")))
    assert [row["number"] for row in rows] == list(range(1, 9))


@pytest.mark.parametrize("band", ["high", "moderate", "low", "insufficient"])
def test_intervention_types_filter_by_impact_band(band, staff_user):
    rows = results(client_for(staff_user).get(reverse("api:intervention-type-list"), {"impact_band": band}))
    assert {row["name"] for row in rows} == set(
        InterventionType.objects.filter(impact_band=band).values_list("name", flat=True)
    )
    assert all(row["impact_band"] == band for row in rows)


def test_intervention_types_reject_an_unknown_band(staff_user):
    response = client_for(staff_user).get(reverse("api:intervention-type-list"), {"impact_band": "huge"})
    assert response.status_code == 400
    assert "impact_band" in response.json()


def test_an_unknown_objective_is_404(staff_user):
    assert client_for(staff_user).get(reverse("api:objective-detail", args=[999999])).status_code == 404
