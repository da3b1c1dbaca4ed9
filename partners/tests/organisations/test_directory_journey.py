"""In a real browser: VRU staff find an organisation in the directory, correct its details and manage its
people. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Borough, MembershipRole, Organisation
from partners.tests.factories import CspFactory, OrganisationFactory, partner_of
from partners.tests.organisations.factories import InvitationFactory
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_find_edit_and_manage_an_organisation(live_server, page, axe):
    staff = UserFactory(username="staff", first_name="Sam", last_name="Okoro", role="staff")
    staff.set_password("vru-demo-2026")
    staff.save()
    lambeth = CspFactory(csp_borough=Borough.objects.get(name="Lambeth"))
    lambeth.boroughs_served.set(Borough.objects.filter(name="Lambeth"))
    trust = OrganisationFactory(name="Southside Youth Trust", charity_number="1187654")
    trust.boroughs_served.set(Borough.objects.filter(name__in=["Lambeth", "Southwark"]))
    OrganisationFactory(name="Croydon Faith Forum", type="faith")
    partner_of(trust, username="kwame", role=MembershipRole.ADMIN)
    partner_of(trust, username="efua", role=MembershipRole.CONTRIBUTOR)
    InvitationFactory(organisation=trust, email="amara@southside-youth.example.org")
    InvitationFactory(organisation=lambeth, email="ola@lambeth.example.org", token="for-ola")

    page.goto(f"{live_server.url}/accounts/login/?next=/partners/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("vru-demo-2026")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Partner directory", level=1)).to_be_visible()
    axe(page)
    page.get_by_label("Basic Command Unit").select_option(label="Central South")
    page.get_by_label("Type").select_option(label="Voluntary and community sector")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 organisation ·")
    axe(page)
    page.get_by_label("Type").select_option(label="Police")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No organisations match these filters.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="Southside Youth Trust").click()

    expect(page.get_by_role("heading", name="Southside Youth Trust", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Edit the organisation's details").click()
    axe(page)
    page.get_by_label("Company number").fill("123")
    page.get_by_label("Postcode (optional)").fill("se59nr")
    page.get_by_role("button", name="Save the organisation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a company number of 8 characters")
    axe(page)
    page.get_by_label("Company number").fill("11876543")
    page.get_by_role("button", name="Save the organisation").click()
    expect(page.get_by_text("Organisation details saved.")).to_be_visible()
    expect(page.get_by_text("SE5 9NR")).to_be_visible()
    assert Organisation.objects.get(name="Southside Youth Trust").company_number == "11876543"

    page.get_by_role("link", name=re.compile(r"Change role of")).last.click()
    expect(page.get_by_role("heading", name=re.compile(r"Change the role of"))).to_be_visible()
    axe(page)
    page.get_by_label("Organisation admin").check()
    page.get_by_role("button", name="Save the role").click()
    expect(page.get_by_text(re.compile(r"is now organisation admin\."))).to_be_visible()
    axe(page)

    page.get_by_role("link", name=re.compile(r"^Remove")).last.click()
    axe(page)
    page.get_by_role("button", name=re.compile(r"^Remove")).click()
    expect(page.get_by_text(re.compile(r"no longer acts for Southside Youth Trust\."))).to_be_visible()

    page.get_by_role("link", name=re.compile(r"Cancel the invitation to")).click()
    axe(page)
    page.get_by_role("button", name="Cancel the invitation").click()
    expect(page.get_by_text("No invitations waiting.")).to_be_visible()

    page.goto(f"{live_server.url}/partners/organisations/new/")
    expect(page.get_by_role("heading", name="Add an organisation")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/partners/invitations/for-ola/")
    expect(page.get_by_role("heading", name="Sign out to accept this invitation")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/partners/invitations/not-a-real-token/")
    expect(page.get_by_role("heading", name="Sign out to accept this invitation")).to_have_count(0)
    axe(page)
