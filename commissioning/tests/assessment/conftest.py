"""Personas for the assessment tests: the shared ones, with ``partner_user`` acting for the applicant
organisation and ``other_partner`` for another one."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from partners.models import Membership, MembershipRole
from partners.tests.factories import OrganisationFactory, partner_of

ROLES = ["admin", "staff", "manager", "prg", "partner", "other_partner", "anonymous"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Southside Youth Trust")


@pytest.fixture
def partner_user(partner_user, organisation):
    Membership.objects.create(user=partner_user, organisation=organisation, role=MembershipRole.ADMIN)
    return partner_user


@pytest.fixture
def other_partner(db):
    return partner_of(OrganisationFactory(name="Northside Boxing Club"), username="northside-partner")


@pytest.fixture
def people(personas, partner_user, other_partner):
    """Every role by name, ``None`` for someone not signed in."""
    return {**personas, "partner": partner_user, "other_partner": other_partner, "anonymous": None}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def page_text(response) -> str:
    return response.content.decode()
