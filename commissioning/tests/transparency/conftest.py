"""Every role that might ask for a public page: the personas, the two sides of a grant, and nobody."""

import pytest

from partners.tests.factories import OrganisationFactory, partner_of

ROLES = ["anonymous", "admin", "staff", "manager", "prg", "partner", "recipient", "other-partner"]


@pytest.fixture
def as_role(client, personas):
    """``as_role(role, grant)``: the test client signed in as someone in that role (or no one)."""

    def sign_in(role, grant=None):
        if role == "anonymous":
            return client
        if role == "recipient":
            user = partner_of(grant.organisation, username="recipient")
        elif role == "other-partner":
            user = partner_of(OrganisationFactory(), username="other-partner")
        else:
            user = personas[role]
        client.force_login(user)
        return client

    return sign_in
