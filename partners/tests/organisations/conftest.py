"""People and organisations for the organisations tests, on top of the project's personas.

Lambeth's Community Safety Partnership has an organisation admin and a
contributor; Southside Youth Trust has its own admin, who must never see Lambeth's
records.
"""

import pytest

from partners.models import Borough, MembershipRole
from partners.tests.factories import CspFactory, OrganisationFactory, partner_of


@pytest.fixture
def lambeth(db):
    borough = Borough.objects.get(name="Lambeth")
    organisation = CspFactory(csp_borough=borough)
    organisation.boroughs_served.set([borough])
    return organisation


@pytest.fixture
def southside(db):
    organisation = OrganisationFactory(name="Southside Youth Trust", charity_number="1187654")
    organisation.boroughs_served.set(Borough.objects.filter(name__in=["Lambeth", "Southwark"]))
    return organisation


@pytest.fixture
def lambeth_admin(lambeth):
    return partner_of(lambeth, username="joanna", role=MembershipRole.ADMIN)


@pytest.fixture
def lambeth_contributor(lambeth):
    return partner_of(lambeth, username="ola", role=MembershipRole.CONTRIBUTOR)


@pytest.fixture
def southside_admin(southside):
    return partner_of(southside, username="kwame", role=MembershipRole.ADMIN)


@pytest.fixture
def people(personas, lambeth_admin, lambeth_contributor, southside_admin):
    """Every kind of visitor to Lambeth's records, by name; ``anonymous`` is None."""
    return {
        "admin": personas["admin"],
        "staff": personas["staff"],
        "manager": personas["manager"],
        "prg": personas["prg"],
        "org_admin": lambeth_admin,
        "contributor": lambeth_contributor,
        "other_partner": southside_admin,
        "anonymous": None,
    }
