"""The organisations API as a client sees it: who sees what, who changes what, bad input and filters."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import BasicCommandUnit, Borough, Organisation

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("api:organisation-list")


def url(organisation):
    return reverse("api:organisation-detail", args=[organisation.pk])


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def payload(**changes):
    data = {
        "name": "Peckham Mothers Against Violence",
        "type": "grassroots",
        "boroughs_served": [Borough.objects.get(name="Southwark").pk],
        "postcode": "se15 5qn",
        "website": "https://peckham-mothers.example.org",
    }
    return data | changes


# role → (list, Lambeth, create, update Lambeth); anonymous clients are asked for a token (401).
EXPECTED = {
    "admin": (200, 200, 201, 200),
    "staff": (200, 200, 201, 200),
    "manager": (200, 200, 201, 200),
    "prg": (403, 403, 403, 403),
    "org_admin": (200, 200, 403, 200),
    "contributor": (200, 200, 403, 403),
    "other_partner": (200, 404, 403, 404),
    "anonymous": (401, 401, 401, 401),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_organisations_by_role(role, people, lambeth):
    listed, read, create, update = EXPECTED[role]
    client = client_for(people[role])

    assert client.get(ORGANISATIONS).status_code == listed
    assert client.get(url(lambeth)).status_code == read
    response = client.post(ORGANISATIONS, payload(), format="json")
    assert response.status_code == create
    assert Organisation.objects.filter(name="Peckham Mothers Against Violence").exists() == (create == 201)
    response = client.patch(url(lambeth), {"website": "https://lambeth.example.org"}, format="json")
    assert response.status_code == update
    lambeth.refresh_from_db()
    assert lambeth.website == ("https://lambeth.example.org" if update == 200 else "")


def test_a_partner_lists_only_their_own_organisations(lambeth, southside, southside_admin):
    body = client_for(southside_admin).get(ORGANISATIONS).json()

    assert [row["name"] for row in body["results"]] == ["Southside Youth Trust"]
    assert body["results"][0]["people"] == 1


def test_partner_b_gets_404_for_partner_as_organisation(lambeth, southside_admin):
    response = client_for(southside_admin).get(url(lambeth))

    assert response.status_code == 404
    assert lambeth.name not in response.content.decode()


def test_staff_create_through_the_service(staff_user):
    response = client_for(staff_user).post(ORGANISATIONS, payload(company_number="sc 123456"), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["postcode"] == "SE15 5QN"
    assert body["company_number"] == "SC123456"
    assert body["people"] == 0
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.history.get().history_user == staff_user


def test_bad_numbers_are_400_with_field_errors_and_nothing_is_saved(staff_user):
    response = client_for(staff_user).post(
        ORGANISATIONS, payload(charity_number="12-34", company_number="123", postcode="SE15 QQQ"), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "charity_number": ["Enter a charity number such as 1123456, 1123456-1, SC012345 or NIC100001."],
        "company_number": ["Enter a company number of 8 characters, such as 01234567 or SC123456."],
        "postcode": ["Enter a real postcode, like SE11 5QY."],
    }
    assert not Organisation.objects.exists()


def test_an_organisation_admin_cannot_set_the_csp_borough(lambeth_admin, lambeth):
    croydon = Borough.objects.get(name="Croydon")

    response = client_for(lambeth_admin).patch(url(lambeth), {"csp_borough": croydon.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "csp_borough": ["Only VRU staff can change which borough's Community Safety Partnership this is."]
    }
    lambeth.refresh_from_db()
    assert lambeth.csp_borough.name == "Lambeth"


def test_staff_filter_as_the_directory_does(staff_user, lambeth, southside):
    client = client_for(staff_user)
    central_south = BasicCommandUnit.objects.get(code="CS")

    by_bcu = client.get(ORGANISATIONS, {"bcu": central_south.pk, "sort": "-name"}).json()
    by_type = client.get(ORGANISATIONS, {"type": "local_authority"}).json()
    by_text = client.get(ORGANISATIONS, {"q": "1187654"}).json()

    assert [row["name"] for row in by_bcu["results"]] == [southside.name, lambeth.name]
    assert [row["name"] for row in by_type["results"]] == [lambeth.name]
    assert [row["name"] for row in by_text["results"]] == [southside.name]


def test_an_invalid_filter_is_a_400_naming_it(staff_user):
    response = client_for(staff_user).get(ORGANISATIONS, {"borough": "999999"})

    assert response.status_code == 400
    assert "borough" in response.json()


def test_organisations_cannot_be_deleted(staff_user, lambeth):
    assert client_for(staff_user).delete(url(lambeth)).status_code == 405
