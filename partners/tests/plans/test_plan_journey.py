"""A borough's plan in a real browser: the partnership starts it, fills in two themes, comes back
later, finishes and submits it; VRU staff return it with what to change; the partnership sees why.
axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import BoroughPlan, Membership, MembershipRole, PlanAssessment, PlanStatus, PlanTheme
from partners.tests.plans.factories import csp_of, this_year
from programmes.periods import financial_year_label
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"


def person(username, role, first_name, last_name):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_partnership_submits_its_plan_and_staff_return_it_for_changes(live_server, page, axe):
    partner = person("partner-a", "partner", "Joanna", "Fletcher")
    Membership.objects.create(user=partner, organisation=csp_of("Lambeth"), role=MembershipRole.ADMIN)
    person("staff", "staff", "Daniel", "Reid")
    year = this_year()
    label = financial_year_label(year)
    visited = []

    def check(page):
        axe(page)
        visited.append(page.url)

    def sign_in(username):
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    def sign_out():
        page.get_by_role("button", name="Sign out").click()

    def fill_action(number, action, *, start=f"{year}-04-01", end=f"{year + 1}-03-31"):
        row = page.get_by_role("group", name=f"Action {number}", exact=True)
        row.get_by_label("Action", exact=True).fill(action)
        row.get_by_label("Outcome").fill("Fewer young people hurt by violence in the borough")
        row.get_by_label("Named lead").fill("Head of community safety")
        row.get_by_label("Lead organisations").fill("Lambeth Council; Metropolitan Police")
        row.get_by_label("Start date").fill(start)
        row.get_by_label("End date").fill(end)

    def open_task(title):
        page.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The partnership starts this year's plan.
    page.goto(f"{live_server.url}/partners/plans/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check(page)
    sign_in("partner-a")
    expect(page.get_by_role("heading", name="Borough violence reduction plans", level=1)).to_be_visible()
    check(page)
    page.get_by_role("button", name=f"Start the {label} plan").click()
    expect(page.get_by_role("heading", name=f"Start the {label} violence reduction plan for Lambeth")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Start the plan").click()
    plan = BoroughPlan.objects.get()
    expect(page.get_by_text(f"Its reference is {plan.reference}")).to_be_visible()
    expect(page.locator("#theme-1-status")).to_have_text("Not started")
    check(page)

    # Theme 1: a first try with the dates the wrong way round is refused and explained.
    open_task("1. Governance")
    check(page)
    fill_action(
        1, "Partnership board reviews the plan's RAG statuses every quarter", start=f"{year}-09-01", end=f"{year}-06-30"
    )
    page.get_by_role("button", name="Save and mark as complete").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Action 1: The end date must be the same as or after the start date.")
    check(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_role("group", name="Action 1", exact=True).get_by_label("End date")).to_be_focused()
    page.get_by_role("group", name="Action 1", exact=True).get_by_label("End date").fill(f"{year + 1}-03-31")
    page.get_by_role("button", name="Save and mark as complete").click()
    expect(page.get_by_text("“Governance” saved and marked as complete.")).to_be_visible()
    expect(page.locator("#theme-1-status")).to_have_text("Completed")

    # Theme 2: two actions, the second on a row added without JavaScript; saved for later.
    open_task("2. Analysis and enforcement")
    fill_action(1, "Refresh the serious violence needs assessment with A&E data")
    page.get_by_role("button", name="Add another action").click()
    expect(page.get_by_role("group", name="Action 2", exact=True)).to_be_visible()
    check(page)
    fill_action(2, "Targeted patrols in the three town-centre hotspots at weekends")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("It is not marked as complete yet.")).to_be_visible()
    expect(page.locator("#theme-2-status")).to_have_text("In progress")
    check(page)
    sign_out()

    # Back later: finish every section.
    page.goto(f"{live_server.url}/partners/plans/{plan.pk}/")
    sign_in("partner-a")
    expect(page.locator("#theme-1-status")).to_have_text("Completed")
    expect(page.locator("#theme-2-status")).to_have_text("In progress")
    open_task("2. Analysis and enforcement")
    expect(page.get_by_role("group", name="Action 2", exact=True).get_by_label("Action", exact=True)).to_have_value(
        "Targeted patrols in the three town-centre hotspots at weekends"
    )
    page.get_by_role("button", name="Save and mark as complete").click()
    for theme in PlanTheme.objects.filter(number__gte=3):
        open_task(f"{theme.number}. {theme.title}")
        fill_action(1, f"First action on {theme.title.lower()}")
        page.get_by_role("button", name="Save and mark as complete").click()
        expect(page.locator(f"#theme-{theme.number}-status")).to_have_text("Completed")

    open_task("Minimum governance standards")
    check(page)
    for title in ("Senior ownership", "Evidence-led", "Community and youth voice"):
        page.get_by_role("group", name=f"Does the partnership meet “{title}”?").get_by_label("Yes").check()
        page.get_by_label(f"Evidence for “{title}”").fill(f"How we meet {title.lower()}: board minutes, March.")
    page.get_by_role("button", name="Save and mark as complete").click()
    expect(page.locator("#governance-status")).to_have_text("Completed")
    expect(page.get_by_text("You have completed 9 of 9 sections.")).to_be_visible()
    check(page)

    page.get_by_role("button", name="Check your answers").click()
    expect(page.get_by_role("heading", name="Check your answers before submitting the plan")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.get_by_role("heading", name="Plan submitted")).to_be_visible()
    expect(page.locator(".govuk-panel__body")).to_contain_text(plan.reference)
    check(page)
    sign_out()

    # VRU staff find the plan in the London view and return it with what to change.
    page.goto(f"{live_server.url}/partners/plans/london/")
    sign_in("staff")
    expect(page.get_by_role("heading", name=f"London view {label}")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Submitted plan of Lambeth").click()
    check(page)
    page.get_by_role("button", name="Assess this plan").click()
    expect(page.get_by_role("heading", name=f"Assess the Lambeth plan {label}")).to_be_visible()
    check(page)
    for name in (
        "Evidence",
        "Partnership",
        "Outcomes",
        "Voice",
        "Deliverability",
        *PlanTheme.objects.values_list("title", flat=True),
    ):
        page.get_by_role("group", name=f"Rating for “{name}”").get_by_label("Good", exact=True).check()
    page.get_by_role("group", name="Overall rating of the plan").get_by_label("Requires improvement").check()
    page.get_by_label("Feedback for the partnership").fill("Clear leads and dates; victims' support is thin.")
    page.get_by_role("group", name="Decision").get_by_label("Return it for changes").check()
    page.get_by_label("What the partnership must change").fill("Add an action for families bereaved by violence.")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("The plan is returned to Lambeth Community Safety Partnership")).to_be_visible()
    check(page)
    sign_out()

    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    assert PlanAssessment.objects.get().decision == "return"

    # The partnership sees the feedback and can change the plan again.
    page.goto(f"{live_server.url}/partners/plans/")
    sign_in("partner-a")
    page.get_by_role("link", name=re.compile(f"Lambeth plan {label}")).click()
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Returned for changes")
    expect(banner).to_contain_text("Add an action for families bereaved by violence.")
    expect(page.get_by_text("Clear leads and dates; victims' support is thin.")).to_be_visible()
    expect(page.locator(".govuk-task-list")).to_be_visible()
    check(page)
    assert len(visited) >= 15


def test_every_other_plan_page_passes_axe(live_server, page, axe):
    """The pages the journey above does not reach, filled with the demo plans."""
    from django.utils import timezone

    from partners.tests.plans.test_demo import BOROUGHS
    from vru.demo import plans as demo_plans
    from vru.demo import seed as demo_seed

    accounts, _ = demo_seed.ensure_accounts()
    staff_accounts, _ = demo_seed.ensure_extra_staff()
    users = {user.username: user for user in [*accounts, *staff_accounts]}
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    for name in BOROUGHS:
        csp_of(name)
    Membership.objects.create(user=users["partner-a"], organisation=csp_of("Lambeth"), role=MembershipRole.ADMIN)
    today = timezone.localdate()
    demo_plans.seed(users, today)
    lambeth_last = BoroughPlan.objects.get(borough__name="Lambeth", financial_year=this_year() - 1)
    lambeth_now = BoroughPlan.objects.get(borough__name="Lambeth", financial_year=this_year())
    croydon = BoroughPlan.objects.get(borough__name="Croydon", financial_year=this_year())
    southwark = BoroughPlan.objects.get(borough__name="Southwark", financial_year=this_year())

    def visit(path, heading):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        axe(page)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visit("/partners/plans/", "Borough violence reduction plans")
    visit(f"/partners/plans/london/?year={this_year() - 1}", "London view")
    visit(f"/partners/plans/{lambeth_last.pk}/", "Change history")
    visit(f"/partners/plans/{southwark.pk}/", "Latest assessment")
    visit(f"/partners/plans/{croydon.pk}/assess/", "Assess the Croydon plan")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
    visit("/partners/plans/peer-sessions/", "Peer-to-peer sessions")
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Sign out").click()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("partner-a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    visit(f"/partners/plans/{lambeth_now.pk}/", "Sections")
    visit(f"/partners/plans/{lambeth_now.pk}/check/", "Check your answers")
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
    visit(f"/partners/plans/{lambeth_now.pk}/governance/", "Minimum governance standards")
    visit(f"/partners/plans/{lambeth_now.pk}/themes/3/", "Reducing access to weapons")
    visit(f"/partners/plans/{lambeth_last.pk}/", "Feedback from the VRU")
    visit(f"/partners/plans/{lambeth_last.pk}/progress/?quarter=4", "Quarterly update")
    page.get_by_role("group", name="RAG status of action 1", exact=True).get_by_label("Red").check()
    page.get_by_label("Progress on action 1 this quarter").fill("")
    page.get_by_role("button", name=re.compile("Save the .* update")).click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
    visit(f"/partners/plans/{lambeth_last.pk}/themes/3/", "You cannot change this plan")
    visit(f"/partners/plans/start/{lambeth_now.organisation_id}/", "Sections")  # already started: its task list
