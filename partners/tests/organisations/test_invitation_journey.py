"""In a real browser: an organisation admin invites a colleague, who opens the emailed link signed out,
chooses a password and lands on their home page. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Borough, Membership, MembershipRole
from partners.tests.factories import CspFactory
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_admin_invites_a_colleague_who_joins_from_the_emailed_link(live_server, page, axe, mailoutbox):
    lambeth = CspFactory(csp_borough=Borough.objects.get(name="Lambeth"))
    admin = UserFactory(username="joanna", first_name="Joanna", last_name="Fletcher", role="partner")
    admin.set_password("vru-demo-2026")
    admin.save()
    Membership.objects.create(user=admin, organisation=lambeth, role=MembershipRole.ADMIN)
    visited = []

    def check(page):
        axe(page)
        visited.append(page.url)

    page.goto(f"{live_server.url}/partners/home/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check(page)
    page.get_by_label("Username").fill("joanna")
    page.get_by_label("Password").fill("vru-demo-2026")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Your home page", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="Lambeth Community Safety Partnership").click()
    expect(page.get_by_role("heading", name="Lambeth Community Safety Partnership", level=1)).to_be_visible()
    check(page)
    page.get_by_role("button", name="Invite a colleague").click()
    expect(page.get_by_role("heading", name="Invite a colleague")).to_be_visible()
    check(page)

    # A first try without an email address is refused, with the problem beside the field.
    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Nwosu")
    page.get_by_role("button", name="Send the invitation").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter their email address.")
    check(page)
    summary.get_by_role("link", name="Enter their email address.").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    page.get_by_label("Email address").fill("amara.nwosu@lambeth.example.org")
    page.get_by_role("button", name="Send the invitation").click()

    expect(page.get_by_role("heading", name="Invitation sent")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Back to Lambeth Community Safety Partnership").click()
    expect(page.get_by_role("cell", name="amara.nwosu@lambeth.example.org", exact=True)).to_be_visible()
    check(page)

    [email] = mailoutbox
    link = re.search(r"https?://\S+/partners/invitations/\S+/", email.body).group(0)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a password to join")).to_be_visible()
    check(page)
    page.get_by_label("Create a password").fill("password")
    page.get_by_label("Confirm your password").fill("password")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("This password is too common.")
    check(page)
    page.get_by_label("Create a password").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Confirm your password").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="Your home page", level=1)).to_be_visible()
    expect(
        page.get_by_text("Your account is ready. You now act for Lambeth Community Safety Partnership.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Lambeth Community Safety Partnership")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_contain_text("Amara Nwosu")
    check(page)

    page.goto(link)
    expect(page.get_by_role("heading", name="Sign out to accept this invitation")).to_have_count(0)
    expect(page.get_by_role("heading", name="This invitation link has expired or been used")).to_be_visible()
    check(page)
    assert len(visited) >= 10
