"""A grant from call to payment in a real browser: the partner applies (saves, comes back, submits),
two assessors score, the manager awards, the partner submits a monitoring return, staff accept it
and the payment waiting on it is released. axe-core checks every page visited."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from commissioning.models import Application, ApplicationStatus, Grant, ReturnStatus, TrancheStatus
from commissioning.tests.factories import FundFactory, FundingRoundFactory
from partners.models import Borough, Membership, MembershipRole
from partners.tests.factories import OrganisationFactory
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"


def person(username, role, first_name, last_name):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_partner_applies_is_assessed_awarded_and_paid_after_its_return(live_server, page, axe):
    partner = person("partner-a", "partner", "Joanna", "Fletcher")
    organisation = OrganisationFactory(
        name="Southside Youth Trust", charity_number="1123456", address="1 Acre Lane\nLondon", postcode="SW2 5SG"
    )
    organisation.boroughs_served.set([Borough.objects.get(name="Lambeth")])
    Membership.objects.create(user=partner, organisation=organisation, role=MembershipRole.ADMIN)
    person("staff", "staff", "Daniel", "Reid")
    person("analyst", "staff", "Priya", "Shah")
    person("manager", "manager", "Grace", "Okafor")
    funding_round = FundingRoundFactory(
        title="Safer evenings fund", fund=FundFactory(name="VRU core budget", total=Decimal("500000.00"))
    )
    today = date.today()
    url = live_server.url
    page.set_default_timeout(10_000)

    def check():
        axe(page)

    def sign_in(username):
        page.goto(f"{url}{reverse('login')}")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    def sign_out():
        page.get_by_role("button", name="Sign out").click()

    def heading(text):
        expect(page.get_by_role("heading", level=1)).to_contain_text(text)
        check()

    # The partner finds the open round and starts an application.
    page.goto(f"{url}/funding/")
    heading("Funding")
    page.get_by_role("link", name="Safer evenings fund").click()
    heading("Safer evenings fund")
    sign_in("partner-a")
    page.goto(f"{url}/funding/{funding_round.pk}/")
    page.get_by_role("button", name="Start an application").click()
    application = Application.objects.get()
    expect(page.get_by_text(application.reference).first).to_be_visible()
    check()

    # Organisation details are pre-filled: confirm them; describe the project; then stop for the day.
    page.get_by_role("link", name="Organisation details").click()
    check()
    expect(page.get_by_label("Registered charity number")).to_have_value("1123456")
    page.get_by_label("Their telephone number").fill("020 7946 0000")
    page.get_by_role("button", name="Save and mark as complete").click()
    # A section marked complete must be complete: the missing role is named beside the field and at the top.
    expect(page.get_by_role("alert")).to_contain_text("Enter the contact's role in your organisation.")
    check()
    page.get_by_label("Their role").fill("Director")
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="The project").click()
    page.get_by_label("Project title").fill("Evening detached youth work in Brixton")
    page.get_by_label("Summary").fill("Youth workers on the streets of Brixton on Friday and Saturday evenings.")
    page.get_by_label("Describe the project").fill("Two youth workers meet young people where they gather.")
    page.get_by_label("Start date").fill(f"{today.year if today.month >= 4 else today.year - 1}-04-01")
    page.get_by_label("End date").fill(f"{today.year + 1 if today.month >= 4 else today.year}-03-31")
    page.get_by_role("button", name="Save and come back later").click()
    check()
    sign_out()

    # Back the next day: the rest of the task list, check the answers and submit.
    sign_in("partner-a")
    page.goto(f"{url}{application.get_absolute_url()}")
    heading("")
    page.get_by_role("link", name="The project").click()
    expect(page.get_by_label("Project title")).to_have_value("Evening detached youth work in Brixton")
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="Boroughs and wards served").click()
    check()
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="Objectives addressed").click()
    check()
    page.locator("input[name=objectives]").first.check()
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="Budget").click()
    check()
    line = page.get_by_role("group", name="Line 1")
    line.get_by_label("Category").select_option(label="Staff")
    line.get_by_label("What it pays for").fill("Two part-time youth workers")
    line.get_by_label("Amount (£)").fill("36000")
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="Expected reach").click()
    check()
    page.get_by_label("Young people aged 15 to 17").fill("60")
    page.get_by_label("Young people aged 18 to 24").fill("25")
    page.get_by_role("button", name="Save and mark as complete").click()
    page.get_by_role("link", name="The round's questions").click()
    check()
    page.get_by_label("How will young people shape the project?").fill("A youth panel meets every month.")
    page.get_by_role("button", name="Save and mark as complete").click()
    expect(page.get_by_text("You have completed 7 of 7 sections")).to_be_visible()
    page.get_by_role("button", name="Check your answers").click()
    heading("Check your answers")
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.get_by_text(application.reference).first).to_be_visible()
    check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.amount_requested == Decimal("36000.00")
    sign_out()

    # Staff check eligibility and assign two assessors; each declares no conflict and scores.
    sign_in("staff")
    page.goto(f"{url}{reverse('commissioning:round-pipeline', args=[funding_round.pk])}")
    check()
    page.get_by_role("link", name=application.reference).click()
    check()
    page.goto(f"{url}{reverse('commissioning:application-eligibility', args=[application.pk])}")
    heading("Check the eligibility")
    page.get_by_role("group", name="Is the application eligible?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save the eligibility check").click()
    page.goto(f"{url}{reverse('commissioning:application-assessors', args=[application.pk])}")
    heading("Assessors of")
    page.get_by_label("Daniel Reid").check()
    page.get_by_label("Priya Shah").check()
    page.get_by_role("button", name="Assign").click()
    check()

    def assess(scores, recommendation):
        page.goto(f"{url}{reverse('commissioning:assessment-list')}")
        check()
        page.get_by_role("link", name=re.compile("Declare")).first.click()
        heading("Declare any conflict of interest")
        page.get_by_label("No").check()
        page.get_by_role("button", name="Declare").click()
        page.goto(f"{url}{reverse('commissioning:assessment-list')}")
        page.get_by_role("link", name=re.compile("Score")).first.click()
        heading("Score")
        for title, score in scores:
            page.get_by_role("group", name=f"Score for “{title}”").get_by_label(str(score), exact=True).check()
            page.get_by_label(f"Comment on “{title}”").fill(f"Scored {score} against {title.lower()}.")
        page.get_by_role("group", name="Do you recommend funding the application?").get_by_label(recommendation).check()
        page.get_by_label("Overall comment").fill("A well-evidenced, local project.")
        page.get_by_role("button", name="Submit scores").click()
        check()

    assess([("Need", 4), ("Evidence", 3), ("Value for money", 5)], "Yes, fund it")
    sign_out()
    sign_in("analyst")
    assess([("Need", 3), ("Evidence", 3), ("Value for money", 4)], "Maybe")
    sign_out()

    # Staff see the weighted totals and their spread, and record the panel's recommendation.
    sign_in("staff")
    page.goto(f"{url}{reverse('commissioning:application-assessment', args=[application.pk])}")
    check()
    # Daniel: (4×50 + 3×30 + 5×20) / 5 = 78.0; Priya: (3×50 + 3×30 + 4×20) / 5 = 64.0.
    expect(page.get_by_text("78.0").first).to_be_visible()
    expect(page.get_by_text("64.0").first).to_be_visible()
    page.goto(f"{url}{reverse('commissioning:application-moderate', args=[application.pk])}")
    heading("Record the panel’s recommendation")
    page.get_by_role("group", name="The panel’s recommendation").get_by_label("Yes, fund it").check()
    page.get_by_label("The panel’s notes").fill("Strong need; fund in full.")
    page.get_by_role("button", name="Record the recommendation").click()
    check()
    sign_out()

    # The manager awards the grant with the proposed payment schedule.
    sign_in("manager")
    page.goto(f"{url}{reverse('commissioning:application-decide', args=[application.pk])}")
    check()
    page.get_by_label("Amount to award (£)").fill("36000")
    page.get_by_role("button", name="Award the grant").click()
    grant = Grant.objects.get()
    expect(page).to_have_url(re.compile(rf"/commissioning/grants/{grant.pk}/"))
    check()
    assert grant.amount == Decimal("36000.00")
    sign_out()

    # The partner submits the first quarter's return.
    first_return = grant.returns.order_by("financial_year", "quarter").first()
    sign_in("partner-a")
    page.goto(f"{url}{reverse('commissioning:grant-list')}")
    check()
    page.get_by_role("link", name=re.compile("Evening detached youth work")).first.click()
    check()
    page.goto(f"{url}{reverse('commissioning:return-edit', args=[first_return.pk])}")
    check()
    page.get_by_label(re.compile("^Spend on Staff")).fill("8500")
    page.get_by_label("Number of young people aged 15 to 17 reached in Lambeth").fill("22")
    page.get_by_label("Progress narrative").fill("Sessions ran every Friday and Saturday from May.")
    page.get_by_role("button", name="Submit return").click()
    check()
    first_return.refresh_from_db()
    assert first_return.status == ReturnStatus.SUBMITTED
    sign_out()

    # Staff accept it, and the payment waiting on it is released.
    sign_in("staff")
    page.goto(f"{url}{reverse('commissioning:return-list')}")
    check()
    page.goto(f"{url}{reverse('commissioning:return-review', args=[first_return.pk])}")
    check()
    page.get_by_label("Accept the return").check()
    page.get_by_role("button", name="Save the review").click()
    check()
    first_return.refresh_from_db()
    assert first_return.status == ReturnStatus.ACCEPTED
    released = grant.tranches.get(condition_return=first_return)
    assert released.status == TrancheStatus.RELEASED
    page.goto(f"{url}{grant.get_absolute_url()}")
    expect(page.get_by_text("Released").first).to_be_visible()
    check()
