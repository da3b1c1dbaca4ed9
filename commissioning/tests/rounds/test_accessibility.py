"""axe-core finds no violation on any funds, rounds or public funding page, with and without errors shown."""

import pytest

from commissioning.tests.factories import FundingRoundFactory
from commissioning.tests.rounds.factories import FundAllocationFactory, closed_round, draft_round, upcoming_round
from partners.tests.factories import MembershipFactory
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def test_every_page_is_accessible(live_server, page, axe):
    UserFactory(username="rounds-staff", role="staff")
    MembershipFactory(user=UserFactory(username="rounds-partner", role="partner"))
    funding_round = FundingRoundFactory()
    fund = funding_round.fund
    FundAllocationFactory(fund=fund)
    draft = draft_round()
    upcoming_round()
    closed = closed_round()
    base = live_server.url

    for path in ("/funding/", f"/funding/{funding_round.pk}/", f"/funding/{closed.pk}/"):
        page.goto(base + path)
        axe(page)

    sign_in(page, base, "rounds-staff")
    for path in (
        "/commissioning/funds/",
        "/commissioning/funds/new/",
        f"/commissioning/funds/{fund.pk}/",
        f"/commissioning/funds/{fund.pk}/edit/",
        f"/commissioning/funds/{fund.pk}/allocations/",
        "/commissioning/rounds/",
        "/commissioning/rounds/new/",
        f"/commissioning/rounds/{funding_round.pk}/",
        f"/commissioning/rounds/{draft.pk}/",
        f"/commissioning/rounds/{funding_round.pk}/edit/",
        f"/commissioning/rounds/{funding_round.pk}/criteria/",
        f"/commissioning/rounds/{funding_round.pk}/questions/",
    ):
        page.goto(base + path)
        axe(page)

    # The same pages showing their errors.
    page.goto(f"{base}/commissioning/rounds/?status=sideways")
    axe(page)
    page.goto(f"{base}/commissioning/funds/new/")
    page.click("button:has-text('Save the fund')")
    axe(page)
    page.goto(f"{base}/commissioning/funds/{fund.pk}/allocations/")
    page.fill("input[name^=objective_]", "99999999")
    page.click("button:has-text('Save the allocations')")
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)
    page.goto(f"{base}/commissioning/rounds/new/")
    page.click("button:has-text('Save the round')")
    axe(page)
    page.goto(f"{base}/commissioning/rounds/{funding_round.pk}/criteria/")
    page.fill("#id_criteria-0-weight", "10")
    page.click("button:has-text('Save the criteria')")
    assert "The weights add up to 60" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.click("button:has-text('Add another criterion')")
    assert page.locator("legend:has-text('Criterion 5')").is_visible()
    axe(page)
    page.goto(f"{base}/commissioning/rounds/{funding_round.pk}/questions/")
    page.fill("#id_questions-2-hint", "A hint with no question")
    page.click("button:has-text('Save the questions')")
    axe(page)
    page.goto(f"{base}/commissioning/rounds/{draft.pk}/")
    axe(page)

    sign_in(page, base, "rounds-partner")
    page.goto(f"{base}/funding/{funding_round.pk}/")
    assert page.locator("button:has-text('Start an application')").is_visible()
    axe(page)
