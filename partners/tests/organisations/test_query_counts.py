"""The directory, its export, the API, a partner's home and an organisation's page run the same number of
SQL queries with 5 and with 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import BasicCommandUnit, Borough, Membership, MembershipRole, Organisation
from partners.tests.factories import OrganisationFactory, partner_of
from partners.tests.organisations.factories import InvitationFactory

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 20


def _grow_directory_to(count):
    """Organisations serving two boroughs of one BCU, each with two people."""
    boroughs = list(Borough.objects.filter(name__in=["Lambeth", "Southwark"]))
    while Organisation.objects.count() < count:
        organisation = OrganisationFactory()
        organisation.boroughs_served.set(boroughs)
        partner_of(organisation, username=f"admin-{organisation.pk}", role=MembershipRole.ADMIN)
        partner_of(organisation, username=f"member-{organisation.pk}")


def _count(client, url, **query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [reverse("partners:directory"), reverse("partners:directory-export"), reverse("api:organisation-list")],
    ids=["directory", "csv", "api"],
)
def test_the_directory_does_not_grow_with_organisations(client, staff_user, django_assert_max_num_queries, url):
    client.force_login(staff_user)
    query = {"bcu": BasicCommandUnit.objects.get(code="CS").pk, "sort": "name", "q": "organisation"}
    _grow_directory_to(5)
    client.get(url, query)  # warm the session
    small = _count(client, url, **query)

    _grow_directory_to(50)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _count(client, url, **query)

    assert small == large
    assert Organisation.objects.count() == 50


def test_the_memberships_api_does_not_grow(staff_user, django_assert_max_num_queries):
    client = APIClient()
    client.force_login(staff_user)
    _grow_directory_to(5)
    client.get(reverse("api:membership-list"))
    small = _count(client, reverse("api:membership-list"))

    _grow_directory_to(25)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _count(client, reverse("api:membership-list"))

    assert small == large
    assert Membership.objects.count() == 50


def test_an_organisations_page_does_not_grow_with_people_or_invitations(client, staff_user):
    organisation = OrganisationFactory()
    client.force_login(staff_user)

    def grow_to(count):
        while organisation.memberships.count() < count:
            number = organisation.memberships.count()
            partner_of(organisation, username=f"person-{number}")
            InvitationFactory(organisation=organisation)

    grow_to(5)
    client.get(organisation.get_absolute_url())
    small = _count(client, organisation.get_absolute_url())
    grow_to(50)
    large = _count(client, organisation.get_absolute_url())

    assert small == large <= MAX_QUERIES


def test_a_partners_home_does_not_grow_with_their_organisations(client):
    person = partner_of(OrganisationFactory(), username="busy")
    client.force_login(person)

    def grow_to(count):
        while person.memberships.count() < count:
            Membership.objects.create(user=person, organisation=OrganisationFactory())

    grow_to(5)
    client.get(reverse("partners:home"))
    small = _count(client, reverse("partners:home"))
    grow_to(50)
    large = _count(client, reverse("partners:home"))

    assert small == large <= MAX_QUERIES
