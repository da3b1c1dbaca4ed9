"""Personas for the application tests: the shared ones, with ``partner_user`` acting for Southside Youth
Trust (which applies) and ``other_partner`` for another organisation."""

import pytest
from django.test import Client

from commissioning.tests.applications.factories import applicant_organisation
from commissioning.tests.factories import FundingRoundFactory
from partners.models import Membership, MembershipRole
from partners.tests.factories import partner_of

ROLES = ["admin", "staff", "manager", "prg", "partner", "other_partner", "anonymous"]


@pytest.fixture
def organisation(db):
    return applicant_organisation(name="Southside Youth Trust", charity_number="1123456")


@pytest.fixture
def partner_user(partner_user, organisation):
    Membership.objects.create(user=partner_user, organisation=organisation, role=MembershipRole.ADMIN)
    return partner_user


@pytest.fixture
def other_organisation(db):
    return applicant_organisation(name="Northside Boxing Club", boroughs=("Croydon",), charity_number="1134567")


@pytest.fixture
def other_partner(other_organisation):
    return partner_of(other_organisation, username="northside-partner")


@pytest.fixture
def people(personas, partner_user, other_partner):
    """Every role by name, ``None`` for someone not signed in."""
    return {**personas, "partner": partner_user, "other_partner": other_partner, "anonymous": None}


@pytest.fixture
def funding_round(db):
    return FundingRoundFactory(title="Safer Streets 2027")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def partner_client(partner_user):
    return client_for(partner_user)
