"""Personas for the plan tests: the shared ones, with ``partner_user`` acting for Lambeth's
Community Safety Partnership and ``other_partner`` for Croydon's."""

import pytest
from django.test import Client

from partners.models import Membership, MembershipRole
from partners.tests.factories import partner_of
from partners.tests.plans.factories import csp_of

ROLES = ["admin", "staff", "manager", "prg", "partner", "other_partner", "anonymous"]


@pytest.fixture
def lambeth_csp(db):
    return csp_of("Lambeth")


@pytest.fixture
def partner_user(partner_user, lambeth_csp):
    Membership.objects.create(user=partner_user, organisation=lambeth_csp, role=MembershipRole.ADMIN)
    return partner_user


@pytest.fixture
def other_partner(db):
    return partner_of(csp_of("Croydon"), username="croydon-partner")


@pytest.fixture
def people(personas, partner_user, other_partner):
    """Every role by name, ``None`` for someone not signed in."""
    return {**personas, "partner": partner_user, "other_partner": other_partner, "anonymous": None}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def partner_client(partner_user):
    return client_for(partner_user)
