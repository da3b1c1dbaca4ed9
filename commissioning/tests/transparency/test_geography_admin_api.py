"""Wards and council codes in the admin and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.tests.transparency.factories import WardFactory, grant_in
from partners.models import Borough, Ward

pytestmark = pytest.mark.django_db

WARDS = reverse("api:ward-list")


@pytest.fixture
def wards():
    lambeth, southwark = Borough.objects.get(name="Lambeth"), Borough.objects.get(name="Southwark")
    return [
        WardFactory(name="Stockwell West & Larkhall", ons_code="E05014111", borough=lambeth),
        WardFactory(name="Brixton Acre Lane", ons_code="E05014085", borough=lambeth),
        WardFactory(name="Peckham", ons_code="E05011110", borough=southwark),
    ]


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


# --- API -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg", "partner"])
def test_every_signed_in_role_reads_the_wards(personas, wards, role):
    response = api_client(personas[role]).get(WARDS)
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [
        "Brixton Acre Lane",
        "Stockwell West & Larkhall",
        "Peckham",
    ]


def test_anonymous_gets_401_with_a_token_challenge(wards):
    response = api_client().get(WARDS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_ward_shape(partner_user, wards):
    ward = wards[1]
    response = api_client(partner_user).get(reverse("api:ward-detail", args=[ward.pk]))
    assert response.json() == {
        "id": ward.pk,
        "name": "Brixton Acre Lane",
        "ons_code": "E05014085",
        "borough": Borough.objects.get(name="Lambeth").pk,
        "borough_name": "Lambeth",
    }


def test_filter_wards_by_borough(staff_user, wards):
    southwark = Borough.objects.get(name="Southwark")
    rows = api_client(staff_user).get(WARDS, {"borough": southwark.pk}).json()["results"]
    assert [row["ons_code"] for row in rows] == ["E05011110"]
    assert api_client(staff_user).get(WARDS, {"borough": 999999}).status_code == 400


def test_wards_are_read_only(admin_user, wards):
    client = api_client(admin_user)
    lambeth = Borough.objects.get(name="Lambeth")
    created = client.post(WARDS, {"name": "New", "ons_code": "E05000001", "borough": lambeth.pk}, format="json")
    assert created.status_code == 405
    assert client.delete(reverse("api:ward-detail", args=[wards[0].pk])).status_code == 405
    assert Ward.objects.count() == 3


def test_the_wards_api_does_not_grow_with_wards(staff_user, django_assert_max_num_queries):
    client = api_client(staff_user)
    lambeth = Borough.objects.get(name="Lambeth")
    for _ in range(3):
        WardFactory(borough=lambeth)
    client.get(WARDS)
    with django_assert_max_num_queries(6) as small:
        client.get(WARDS)
    for _ in range(27):
        WardFactory(borough=lambeth)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(WARDS).json()["results"]) == 30


def test_boroughs_carry_their_council_code(partner_user):
    rows = {row["name"]: row for row in api_client(partner_user).get(reverse("api:borough-list")).json()["results"]}
    assert rows["Lambeth"]["lae_code"] == "LBH"
    assert rows["City of London"]["lae_code"] == "LND"


# --- Admin -----------------------------------------------------------------------------------------


def admin_url(model, view, *args):
    return reverse(f"admin:partners_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_ward_admin_searches_and_filters_by_borough(admin_client, wards):
    listed = admin_client.get(admin_url(Ward, "changelist"), {"q": "E05014085"})
    assert [ward.name for ward in listed.context["cl"].result_list] == ["Brixton Acre Lane"]
    listed = admin_client.get(admin_url(Ward, "changelist"), {"q": "peckham"})
    assert [ward.name for ward in listed.context["cl"].result_list] == ["Peckham"]
    lambeth = Borough.objects.get(name="Lambeth")
    listed = admin_client.get(admin_url(Ward, "changelist"), {"borough__id__exact": lambeth.pk})
    assert [ward.name for ward in listed.context["cl"].result_list] == [
        "Brixton Acre Lane",
        "Stockwell West & Larkhall",
    ]


def test_a_ward_is_corrected_in_the_admin(admin_client, wards):
    ward = wards[2]
    response = admin_client.post(
        admin_url(Ward, "change", ward.pk),
        {"name": "Peckham Central", "ons_code": "E05011110", "borough": ward.borough_id},
    )
    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.name == "Peckham Central"


def test_a_bad_ward_code_is_refused_in_the_admin(admin_client, wards):
    ward = wards[2]
    response = admin_client.post(
        admin_url(Ward, "change", ward.pk), {"name": "Peckham", "ons_code": "E09000028", "borough": ward.borough_id}
    )
    assert response.status_code == 200
    assert "Enter an ONS ward code such as E05014099." in response.content.decode()


def test_a_ward_an_application_names_cannot_be_deleted(admin_client, wards):
    used, unused = wards[0], wards[1]
    grant_in(wards=[used])
    assert admin_client.get(admin_url(Ward, "delete", used.pk)).status_code == 403
    assert admin_client.post(admin_url(Ward, "delete", unused.pk), {"post": "yes"}).status_code == 302
    assert list(Ward.objects.values_list("pk", flat=True).order_by("pk")) == sorted([used.pk, wards[2].pk])
    changelist = admin_client.get(admin_url(Ward, "changelist"))
    assert 'value="delete_selected"' not in changelist.content.decode()


def test_the_council_code_is_edited_in_the_borough_admin(admin_client):
    lambeth = Borough.objects.get(name="Lambeth")
    page = admin_client.get(admin_url(Borough, "change", lambeth.pk)).content.decode()
    assert 'name="lae_code"' in page
    response = admin_client.post(
        admin_url(Borough, "change", lambeth.pk),
        {"name": "Lambeth", "ons_code": "E09000022", "lae_code": "lbh", "bcu": lambeth.bcu_id},
    )
    assert response.status_code == 200
    assert "Enter the three-letter code of the local-authority-eng register, such as LBH." in response.content.decode()
    response = admin_client.post(
        admin_url(Borough, "change", lambeth.pk),
        {"name": "Lambeth", "ons_code": "E09000022", "lae_code": "LAM", "bcu": lambeth.bcu_id},
    )
    assert response.status_code == 302
    lambeth.refresh_from_db()
    assert lambeth.lae_code == "LAM"


def test_the_borough_admin_lists_codes_and_wards(admin_client, wards):
    listed = admin_client.get(admin_url(Borough, "changelist"), {"q": "LBH"})
    boroughs = list(listed.context["cl"].result_list)
    assert [borough.name for borough in boroughs] == ["Lambeth"]
    assert boroughs[0].ward_count == 2
