"""A VRU officer's journey in a real browser: sign in, add a programme, find it, see it under its objective."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Borough
from programmes.models import Programme
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_create_a_programme_find_it_and_see_it_on_its_objective(live_server, page, axe):
    staff = UserFactory(username="staff", first_name="Sam", last_name="Okoro", role="staff")
    staff.set_password("vru-demo-2026")
    staff.save()
    visited = []

    def check(page):
        axe(page)
        visited.append(page.url)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check(page)
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page)
    page.get_by_label("Password").fill("vru-demo-2026")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="Add a programme").first.click()
    expect(page.get_by_role("heading", name="Add a programme")).to_be_visible()
    check(page)

    # A first attempt with the dates the wrong way round is refused, with the problem explained.
    page.get_by_label("Title").fill("Safer Schools Partnership: Croydon")
    page.get_by_label("5. Keeping schools safe, keeping young people in school and improving alternatives").check()
    page.get_by_label("Inclusive education").check()
    page.get_by_label("Lead officer").select_option(label="Sam Okoro")
    page.get_by_label("Active").check()
    page.get_by_label("Start date").fill("2025-09-01")
    page.get_by_label("End date").fill("2025-01-31")
    page.get_by_label("Budget (£)").fill("180000")
    page.get_by_label("Croydon").check()
    page.get_by_label("Mentoring (moderate impact)").check()
    page.get_by_role("button", name="Save the programme").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The end date must be the same as or after the start date.")
    check(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("End date")).to_be_focused()
    page.get_by_label("End date").fill("2027-07-31")
    page.get_by_role("button", name="Save the programme").click()

    expect(page.get_by_text("Programme “Safer Schools Partnership: Croydon” created.")).to_be_visible()
    check(page)
    programme = Programme.objects.get(title="Safer Schools Partnership: Croydon")
    assert list(programme.boroughs.all()) == [Borough.objects.get(name="Croydon")]

    page.get_by_role("link", name="Add a milestone").click()
    check(page)
    page.get_by_label("Title").fill("Safety standard agreed with 12 schools")
    page.get_by_label("Due date").fill("2026-03-31")
    page.get_by_label("Owner").select_option(label="Sam Okoro")
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save the milestone").click()
    expect(page.get_by_role("cell", name="Safety standard agreed with 12 schools", exact=True)).to_be_visible()
    expect(page.get_by_text("Milestone saved.")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Add an indicator").click()
    check(page)
    page.get_by_label("Name").fill("Pupils taking part")
    page.get_by_label("Unit").fill("pupils")
    page.get_by_label("Target, row 1", exact=True).fill("400")
    page.get_by_label("Actual, row 1", exact=True).fill("385")
    page.get_by_role("button", name="Save the indicator").click()
    expect(page.get_by_text("Indicator saved.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"2025-26 Q2 .* 400 385"))).to_be_visible()
    expect(page.locator("#history + table, #history ~ table").first).to_contain_text("Sam Okoro")
    check(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Programmes").click()
    check(page)
    page.get_by_label("Objective").select_option(
        label="5. Keeping schools safe, keeping young people in school and improving alternatives"
    )
    page.get_by_label("Borough").select_option(label="Croydon")
    page.get_by_label("Search").fill("safer schools")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 programme ·")
    results = page.locator("table.govuk-table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Safer Schools Partnership: Croydon")
    check(page)

    page.goto(f"{live_server.url}/objectives/5/")
    expect(page.get_by_role("heading", name="Programmes under this objective")).to_be_visible()
    expect(page.get_by_role("link", name="Safer Schools Partnership: Croydon")).to_be_visible()
    check(page)
    assert len(visited) >= 10
