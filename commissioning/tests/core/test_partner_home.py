"""The partner's home page shows their applications, grants and returns due, in the same number of
queries however many they have, and nothing of another organisation's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.tests.factories import ApplicationFactory, FundingRoundFactory, awarded_grant
from partners.tests.factories import OrganisationFactory, partner_of

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_lists_the_partners_own_applications_and_grants(client):
    mine, theirs = OrganisationFactory(name="Southside Youth Trust"), OrganisationFactory(name="Northside Boxing")
    partner = partner_of(mine, username="partner-a")
    ApplicationFactory(organisation=mine, project_title="Evening detached youth work")
    awarded_grant(organisation=mine, project_title="Summer holiday programme")
    ApplicationFactory(organisation=theirs, project_title="Their draft")
    awarded_grant(organisation=theirs, project_title="Their grant")
    client.force_login(partner)

    page = client.get(reverse("partners:home")).content.decode()

    assert "Funding applications" in page
    assert "Evening detached youth work" in page
    assert "Grants and monitoring returns" in page
    assert "Summer holiday programme" in page
    assert "Their draft" not in page
    assert "Their grant" not in page


def test_home_does_not_grow_with_applications_and_grants(client):
    organisation = OrganisationFactory()
    partner = partner_of(organisation, username="busy")
    client.force_login(partner)
    url = reverse("partners:home")

    def grow_to(count):
        while organisation.applications.count() < count:
            ApplicationFactory(organisation=organisation, round=FundingRoundFactory())
            awarded_grant(organisation=organisation)

    grow_to(2)
    client.get(url)
    small = _queries(client, url)
    grow_to(12)
    assert _queries(client, url) == small
