"""Fixtures for the PRG tests: every paper lands in a temporary MEDIA_ROOT, never the real one."""

import pytest
from django.test import Client

from partners.tests.factories import MembershipFactory


@pytest.fixture
def media_root(private_media):
    """The temporary MEDIA_ROOT every test gets (see the root conftest)."""
    return private_media


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def org_partner(partner_user):
    """The partner persona, acting for an organisation of their own."""
    MembershipFactory(user=partner_user)
    return partner_user


@pytest.fixture
def clients(personas, org_partner):
    """A signed-in client for every role, and one for an anonymous visitor."""
    signed_in = {}
    for role, user in personas.items():
        client = Client()
        client.force_login(user)
        signed_in[role] = client
    signed_in["anonymous"] = Client()
    return signed_in
