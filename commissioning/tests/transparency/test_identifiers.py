"""Organisation identifiers from org-id.guide, and the ONS geography code types."""

import pytest
from django.test import override_settings

from commissioning.giving360 import geo_code_type, org_id
from partners.models import Borough, OrganisationType
from partners.tests.factories import CspFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_boroughs_community_safety_partnership_takes_the_councils_code():
    csp = CspFactory(csp_borough=Borough.objects.get(name="Lambeth"), charity_number="1187654")
    assert org_id(csp) == "GB-LAE-LBH"


def test_every_london_council_has_a_register_code():
    assert not Borough.objects.filter(lae_code="").exists()
    assert Borough.objects.get(name="City of London").lae_code == "LND"


def test_a_partnership_whose_borough_has_no_code_falls_back_to_its_numbers():
    borough = Borough.objects.get(name="Croydon")
    borough.lae_code = ""
    borough.save()
    csp = CspFactory(csp_borough=borough, charity_number="", company_number="01234567")
    assert org_id(csp) == "GB-COH-01234567"


@pytest.mark.parametrize(
    "charity_number, expected",
    [
        ("1187654", "GB-CHC-1187654"),
        ("212345", "GB-CHC-212345"),
        ("1123456-1", "GB-CHC-1123456"),
        ("SC012345", "GB-SC-SC012345"),
        ("NIC100001", "GB-NIC-100001"),
    ],
)
def test_a_charity_number_gives_its_regulators_identifier(charity_number, expected):
    organisation = OrganisationFactory(charity_number=charity_number, company_number="01234567")
    assert org_id(organisation) == expected


@pytest.mark.parametrize("company_number", ["01234567", "SC123456", "OC301234"])
def test_a_company_without_a_charity_number_gives_its_companies_house_identifier(company_number):
    organisation = OrganisationFactory(charity_number="", company_number=company_number)
    assert org_id(organisation) == f"GB-COH-{company_number}"


def test_a_local_authority_without_a_partnership_borough_is_known_by_its_numbers():
    organisation = OrganisationFactory(type=OrganisationType.LOCAL_AUTHORITY, charity_number="", company_number="")
    assert org_id(organisation) == f"360G-londonvru-org-{organisation.pk}"


@override_settings(GRANTS_ID_PREFIX="360G-anothervru")
def test_an_organisation_in_no_register_gets_the_publishers_own_identifier():
    organisation = OrganisationFactory(charity_number="", company_number="")
    assert org_id(organisation) == f"360G-anothervru-org-{organisation.pk}"


def test_a_number_no_register_issues_is_not_used():
    # Written straight to the row, as an old record might be: the validators would refuse it today.
    organisation = OrganisationFactory(charity_number="")
    type(organisation).objects.filter(pk=organisation.pk).update(charity_number="CH12", company_number="123")
    organisation.refresh_from_db()
    assert org_id(organisation) == f"360G-londonvru-org-{organisation.pk}"


@pytest.mark.parametrize(
    "code, expected",
    [("E09000022", "LONB"), ("E05014085", "WD"), ("E08000025", None), ("S13002976", None), ("", None)],
)
def test_geo_code_types_come_from_the_codes_prefix(code, expected):
    assert geo_code_type(code) == expected
