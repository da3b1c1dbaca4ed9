"""Fixtures for the funds and rounds tests: a signed-in client for every role, and one for nobody."""

import pytest
from django.test import Client

from partners.tests.factories import MembershipFactory, OrganisationFactory, partner_of

# Every role the pages and API are checked for. "partner" acts for an organisation; so does
# "other_partner", for another one: neither may see anything of commissioning but the public pages.
ROLES = ["admin", "staff", "manager", "prg", "partner", "other_partner", "anonymous"]
VRU_ROLES = {"admin", "staff", "manager"}


@pytest.fixture
def org_partner(partner_user):
    MembershipFactory(user=partner_user)
    return partner_user


@pytest.fixture
def users(personas, org_partner):
    return {**personas, "other_partner": partner_of(OrganisationFactory(), username="other-partner")}


@pytest.fixture
def clients(users):
    signed_in = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        signed_in[role] = client
    signed_in["anonymous"] = Client()
    return signed_in
