"""Personas for the grant and return tests: the shared ones, with ``partner_user`` acting for
organisation A (which holds the grants) and ``other_partner`` for organisation B."""

import pytest
from django.test import Client

from partners.models import Membership, MembershipRole
from partners.tests.factories import OrganisationFactory, partner_of

ROLES = ["admin", "staff", "manager", "prg", "partner", "other_partner", "anonymous"]
VRU = ("admin", "staff", "manager")


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Southside Youth Trust")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Northside Boxing Club")


@pytest.fixture
def partner_user(partner_user, org_a):
    Membership.objects.create(user=partner_user, organisation=org_a, role=MembershipRole.ADMIN)
    return partner_user


@pytest.fixture
def other_partner(org_b):
    return partner_of(org_b, username="other-partner")


@pytest.fixture
def people(personas, partner_user, other_partner):
    """Every role by name; ``None`` for someone not signed in."""
    return {**personas, "partner": partner_user, "other_partner": other_partner, "anonymous": None}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def expect(vru, prg, partner, other, anonymous=302):
    """The status each role gets: VRU roles alike, then PRG, the grantee, another partner, anonymous."""
    return {**dict.fromkeys(VRU, vru), "prg": prg, "partner": partner, "other_partner": other, "anonymous": anonymous}
