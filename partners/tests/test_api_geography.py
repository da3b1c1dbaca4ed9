"""London's boroughs and Basic Command Units through the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import BasicCommandUnit, Borough

pytestmark = pytest.mark.django_db

BOROUGHS = reverse("api:borough-list")
BCUS = reverse("api:bcu-list")


def client_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_every_signed_in_role_reads_the_geography(role, personas):
    client = client_for(personas[role])
    boroughs = client.get(BOROUGHS)
    bcus = client.get(BCUS)
    assert boroughs.status_code == bcus.status_code == 200
    assert boroughs.json()["count"] == 33
    assert bcus.json()["count"] == 12


def test_anonymous_gets_401():
    assert APIClient().get(BOROUGHS).status_code == 401
    assert APIClient().get(BCUS).status_code == 401


def test_borough_shape(partner_user):
    rows = {row["name"]: row for row in client_for(partner_user).get(BOROUGHS).json()["results"]}
    hackney = Borough.objects.get(name="Hackney")
    assert rows["Hackney"] == {
        "id": hackney.pk,
        "name": "Hackney",
        "ons_code": "E09000012",
        "lae_code": "HCK",
        "bcu": BasicCommandUnit.objects.get(code="CE").pk,
        "bcu_name": "Central East",
    }
    assert rows["City of London"]["bcu"] is None
    assert rows["City of London"]["bcu_name"] is None


def test_filter_boroughs_by_bcu(staff_user):
    south_west = BasicCommandUnit.objects.get(code="SW")
    rows = client_for(staff_user).get(BOROUGHS, {"bcu": south_west.pk}).json()["results"]
    assert [row["name"] for row in rows] == ["Kingston upon Thames", "Merton", "Richmond upon Thames", "Wandsworth"]


def test_an_unknown_bcu_filter_is_400(staff_user):
    response = client_for(staff_user).get(BOROUGHS, {"bcu": 999999})
    assert response.status_code == 400
    assert "bcu" in response.json()


def test_bcus_list_their_boroughs(prg_user):
    rows = {row["code"]: row for row in client_for(prg_user).get(BCUS).json()["results"]}
    central_west = BasicCommandUnit.objects.get(code="CW")
    assert rows["CW"]["name"] == "Central West"
    assert sorted(rows["CW"]["boroughs"]) == sorted(central_west.boroughs.values_list("pk", flat=True))
    assert len(rows["CW"]["boroughs"]) == 3
    assert sum(len(row["boroughs"]) for row in rows.values()) == 32


def test_geography_is_read_only(admin_user):
    client = client_for(admin_user)
    hackney = Borough.objects.get(name="Hackney")
    assert client.post(BOROUGHS, {"name": "Atlantis", "ons_code": "E09000099"}, format="json").status_code == 405
    assert (
        client.patch(reverse("api:borough-detail", args=[hackney.pk]), {"name": "X"}, format="json").status_code == 405
    )
    assert Borough.objects.count() == 33
