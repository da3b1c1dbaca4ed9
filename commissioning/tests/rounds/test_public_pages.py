"""The public funding pages at /funding/: open to anyone, showing only published rounds, in London time."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commissioning.tests.factories import FundFactory, FundingRoundFactory
from commissioning.tests.rounds.factories import closed_round, days_from_now, draft_round, london, upcoming_round
from commissioning.tests.rounds.pages import text_of
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FUNDING = "/funding/"


def test_funding_lives_at_slash_funding():
    assert reverse("commissioning:funding") == FUNDING
    assert reverse("commissioning:funding-round", args=[7]) == "/funding/7/"


def test_anyone_sees_the_open_rounds_with_what_they_offer_and_when_they_close(client):
    FundingRoundFactory(
        title="Safer schools",
        summary="Mentoring in schools.",
        fund=FundFactory(name="MOPAC safer schools"),
        budget_envelope=Decimal("250000.00"),
        minimum_request=Decimal("5000.00"),
        maximum_request=Decimal("50000.00"),
        opens_at=days_from_now(-5),
        closes_at=london(2099, 1, 30, 17),
    )
    response = client.get(FUNDING)
    assert response.status_code == 200
    text = text_of(response)
    assert "Safer schools" in text and "Mentoring in schools." in text
    assert "Fund MOPAC safer schools" in text
    assert "Budget £250,000.00 in all" in text
    assert "You can ask for £5,000.00 to £50,000.00" in text
    assert "Closes 5pm on 30 January 2099" in text
    assert "5. Keeping schools safe" in text


def test_a_summer_closing_time_shows_in_london_time(client):
    FundingRoundFactory(title="Summer", opens_at=days_from_now(-5), closes_at=london(2099, 6, 30, 17))
    assert "Closes 5pm on 30 June 2099" in text_of(client.get(FUNDING))


def test_nothing_unpublished_closed_or_not_yet_open_is_listed_as_open(client):
    FundingRoundFactory(title="Open round")
    draft_round(title="Secret draft")
    draft_round(title="Secret upcoming", opens_at=days_from_now(3), closes_at=days_from_now(30))
    closed_round(title="Past round")
    upcoming_round(title="Next round", opens_at=london(2099, 9, 1, 9), closes_at=london(2099, 10, 1, 9))
    response = client.get(FUNDING)
    text = text_of(response)
    assert [r.title for r in response.context["page"].open_rounds] == ["Open round"]
    assert "Secret" not in text
    assert "Past round" not in text
    assert "Opening soon" in text
    assert "Next round : opens 9am on 1 September 2099" in text


def test_with_no_open_rounds_the_page_says_so(client):
    assert "No rounds are open for applications at the moment." in text_of(client.get(FUNDING))


def test_a_rounds_public_page_shows_its_guidance_criteria_questions_and_dates(client):
    funding_round = FundingRoundFactory(
        title="Safer schools",
        guidance="Who can apply.\n\nHow we decide.",
        opens_at=london(2026, 1, 5, 9),
        closes_at=london(2099, 1, 30, 17),
    )
    funding_round.priority_areas.set(funding_round.objectives.first().priority_areas.all()[:1])
    response = client.get(funding_round.get_public_url())
    html = response.content.decode()
    text = text_of(response)
    assert '<p class="govuk-body">Who can apply.</p><p class="govuk-body">How we decide.</p>' in html
    assert "Closes 5pm on 30 January 2099 (London time)" in text
    assert "Opens 9am on 5 January 2026" in text
    assert "Geography level Borough" in text
    assert "6. Giving young people every chance to succeed" in text
    assert "Need 50% Evidence 30% Value for money 20%" in text
    assert "How will young people shape the project?" in text
    assert "Who are your partners? (optional)" in text


def test_an_unpublished_round_is_a_404_on_the_public_page_even_for_staff(client, staff_client):
    funding_round = draft_round()
    assert client.get(funding_round.get_public_url()).status_code == 404
    assert staff_client.get(funding_round.get_public_url()).status_code == 404
    assert client.get("/funding/999999/").status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in_to_apply_and_comes_back(client):
    funding_round = FundingRoundFactory()
    response = client.get(funding_round.get_public_url())
    html = response.content.decode()
    assert f'href="/accounts/login/?next=%2Ffunding%2F{funding_round.pk}%2F">Sign in to apply</a>' in html
    assert "Start an application" not in html


def test_a_partner_who_acts_for_an_organisation_can_start_an_application(clients):
    funding_round = FundingRoundFactory()
    html = clients["partner"].get(funding_round.get_public_url()).content.decode()
    start = reverse("commissioning:application-start", args=[funding_round.pk])
    assert f'<form method="post" action="{start}" novalidate>' in html
    assert "Start an application" in html
    assert "Sign in to apply" not in html


def test_a_partner_with_no_organisation_is_told_how_to_get_one():
    funding_round = FundingRoundFactory()
    client = Client()
    client.force_login(UserFactory(role="partner"))
    text = text_of(client.get(funding_round.get_public_url()))
    assert "Start an application" not in text
    assert "Ask your organisation's admin to invite you." in text


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg"])
def test_people_who_do_not_apply_see_no_start_button(clients, role):
    funding_round = FundingRoundFactory()
    text = text_of(clients[role].get(funding_round.get_public_url()))
    assert "Start an application" not in text
    assert ("See the round's staff page" in text) is (role != "prg")


def test_a_closed_round_says_when_it_closed_and_offers_no_way_to_apply(clients):
    funding_round = closed_round(opens_at=london(2026, 1, 5, 9), closes_at=london(2026, 6, 30, 17))
    response = clients["partner"].get(funding_round.get_public_url())
    text = text_of(response)
    assert "This round closed on 30 June 2026 at 5pm." in text
    assert "Start an application" not in text
    assert "Sign in to apply" not in text_of(Client().get(funding_round.get_public_url()))


def test_an_upcoming_round_says_when_it_opens(clients):
    funding_round = upcoming_round(opens_at=london(2099, 3, 1, 9), closes_at=london(2099, 4, 30, 12))
    text = text_of(clients["partner"].get(funding_round.get_public_url()))
    assert "This round opens 9am on 1 March 2099 and closes midday on 30 April 2099" in text
    assert "Start an application" not in text
