"""The funding rounds' pages as staff use them: the list, a round's page, its settings and publishing it."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.models import FundingRound, GeographyLevel
from commissioning.tests.factories import ApplicationFactory, FundFactory, FundingRoundFactory
from commissioning.tests.rounds.factories import (
    closed_round,
    days_from_now,
    draft_round,
    london,
    submitted_application,
    upcoming_round,
)
from commissioning.tests.rounds.pages import error_anchors, error_summary, text_of
from programmes.models import Objective

pytestmark = pytest.mark.django_db


def round_data(fund, **changes) -> dict:
    """What staff type into the round form, valid as it is: opening 1 April 2026 9am, closing 30 June 5pm."""
    data = {
        "fund": fund.pk,
        "title": "Safer summers",
        "summary": "Holiday activities for 10 to 17 year olds.",
        "objectives": [Objective.objects.get(number=7).pk],
        "geography_level": GeographyLevel.BOROUGH,
        "budget_envelope": "100,000",
        "minimum_request": "5000",
        "maximum_request": "£25,000",
        "opens_on_day": "1",
        "opens_on_month": "4",
        "opens_on_year": "2026",
        "opens_time": "9am",
        "closes_on_day": "30",
        "closes_on_month": "6",
        "closes_on_year": "2026",
        "closes_time": "17:00",
        "guidance": "Who can apply.\r\n\r\nHow we decide.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- The list ------------------------------------------------------------------------------------------------


def test_the_rounds_list_shows_each_rounds_status_fund_closing_time_and_applications(staff_client):
    fund = FundFactory(name="Core")
    open_round = FundingRoundFactory(fund=fund, title="Open one", closes_at=london(2099, 1, 30, 17))
    submitted_application(round=open_round)
    ApplicationFactory(round=open_round)
    upcoming_round(fund=fund, title="Later one")
    closed_round(fund=fund, title="Past one")
    draft_round(fund=fund, title="Draft one")
    text = text_of(staff_client.get(reverse("commissioning:round-list")))
    assert "4 rounds" in text
    assert "Open one Core Open 5pm on 30 January 2099 £500,000.00 1 1" in text
    assert "Later one Core Opening soon" in text
    assert "Past one Core Closed" in text
    assert "Draft one Core Unpublished" in text


@pytest.mark.parametrize(
    ("status", "titles"),
    [("open", ["Open one"]), ("upcoming", ["Later one"]), ("closed", ["Past one"]), ("unpublished", ["Draft one"])],
)
def test_the_rounds_list_filters_by_status(staff_client, status, titles):
    FundingRoundFactory(title="Open one")
    upcoming_round(title="Later one")
    closed_round(title="Past one")
    draft_round(title="Draft one")
    response = staff_client.get(reverse("commissioning:round-list"), {"status": status})
    shown = [round.title for round in response.context["rounds"]]
    assert shown == titles


def test_the_rounds_list_filters_by_fund_and_says_when_a_filter_is_wrong(staff_client):
    mine = FundingRoundFactory(title="Mine")
    FundingRoundFactory(title="Theirs")
    response = staff_client.get(reverse("commissioning:round-list"), {"fund": mine.fund_id})
    assert [r.title for r in response.context["rounds"]] == ["Mine"]
    response = staff_client.get(reverse("commissioning:round-list"), {"status": "sideways"})
    assert list(response.context["rounds"]) == []
    assert error_summary(response) == ["Select a valid choice. sideways is not one of the available choices."]


# --- A round's page ----------------------------------------------------------------------------------------------


def test_a_rounds_page_shows_everything_about_it(staff_client):
    funding_round = FundingRoundFactory(title="Schools", closes_at=london(2099, 7, 1, 12))
    submitted_application(round=funding_round)
    text = text_of(staff_client.get(reverse("commissioning:round-detail", args=[funding_round.pk])))
    assert "Schools" in text and "Open" in text
    assert "Closes midday on 1 July 2099" in text
    assert "Need 50% Evidence 30% Value for money 20%" in text
    assert "The weights add up to 100." in text
    assert "How will young people shape the project?" in text
    assert "Who are your partners? (optional)" in text
    assert "Received 1" in text and "Submitted: 1" in text
    assert "Applications have been submitted, so the criteria cannot change" in text
    assert "Change the criteria" not in text
    assert "Unpublish the round" in text
    assert "See the public page" in text


def test_an_unpublished_rounds_page_says_what_it_needs_before_publishing(staff_client):
    funding_round = draft_round(objectives=[])
    text = text_of(staff_client.get(reverse("commissioning:round-detail", args=[funding_round.pk])))
    assert "This round is not published" in text
    assert "Choose at least one objective: a round cannot be published without one." in text
    assert "weights adding up to 0, not 100" in text
    assert "Publish the round" not in text
    assert "Set the criteria" in text
    assert "Add questions" in text


def test_staff_publish_and_unpublish_a_round_from_its_page(staff_client, staff_user):
    funding_round = FundingRoundFactory(is_published=False)
    url = reverse("commissioning:round-publish", args=[funding_round.pk])
    assert "Publish the round" in text_of(staff_client.get(funding_round.get_absolute_url()))
    response = staff_client.post(url, {"published": "1"})
    assert response.status_code == 302
    funding_round.refresh_from_db()
    assert funding_round.is_published
    assert funding_round.history.latest().history_user == staff_user
    staff_client.post(url, {"published": "0"})
    funding_round.refresh_from_db()
    assert not funding_round.is_published
    assert staff_client.get(url).status_code == 405


def test_publishing_a_round_that_is_not_ready_is_refused_with_the_reasons_in_the_summary(staff_client):
    funding_round = draft_round()
    response = staff_client.post(reverse("commissioning:round-publish", args=[funding_round.pk]), {"published": "1"})
    assert response.status_code == 200
    assert error_summary(response) == [
        "The round's criteria have weights adding up to 0, not 100. Set its criteria before publishing it."
    ]
    assert error_anchors(response) == ["#publishing"]
    funding_round.refresh_from_db()
    assert not funding_round.is_published


def test_a_missing_round_is_a_404(staff_client):
    for name in ("round-detail", "round-edit", "round-criteria", "round-questions", "round-publish"):
        assert staff_client.get(reverse(f"commissioning:{name}", args=[999999])).status_code in (404, 405)
    assert (
        staff_client.post(reverse("commissioning:round-publish", args=[999999]), {"published": "1"}).status_code == 404
    )


# --- Adding and changing a round --------------------------------------------------------------------------------


def test_staff_add_a_round_entered_in_london_time(staff_client, staff_user):
    """17:00 on a summer (BST) date is stored as 16:00 UTC, and shown again as 5pm."""
    fund = FundFactory(total=Decimal("200000.00"))
    response = staff_client.post(reverse("commissioning:round-create"), round_data(fund))
    funding_round = FundingRound.objects.get(title="Safer summers")
    assert response.status_code == 302
    assert response.url == funding_round.get_absolute_url()
    assert funding_round.closes_at == datetime(2026, 6, 30, 16, 0, tzinfo=UTC)
    assert funding_round.opens_at == datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    assert (funding_round.budget_envelope, funding_round.maximum_request) == (Decimal("100000"), Decimal("25000"))
    assert not funding_round.is_published
    assert funding_round.history.get().history_user == staff_user
    text = text_of(staff_client.get(funding_round.get_absolute_url()))
    assert "Closes 5pm on 30 June 2026" in text
    assert "Opens 9am on 1 April 2026" in text
    html = staff_client.get(reverse("commissioning:round-edit", args=[funding_round.pk])).content.decode()
    assert 'name="closes_time" value="17:00"' in html
    assert 'name="closes_on_day" value="30"' in html


def test_a_winter_closing_time_is_stored_as_it_is_in_utc(staff_client):
    fund = FundFactory(total=Decimal("200000.00"))
    data = round_data(fund, closes_on_day="29", closes_on_month="1", closes_on_year="2027", closes_time="5pm")
    staff_client.post(reverse("commissioning:round-create"), data)
    assert FundingRound.objects.get().closes_at == datetime(2027, 1, 29, 17, 0, tzinfo=UTC)


def test_the_create_form_starts_on_the_fund_it_was_opened_from(staff_client):
    fund = FundFactory()
    html = staff_client.get(reverse("commissioning:round-create"), {"fund": fund.pk}).content.decode()
    assert f'<option value="{fund.pk}" selected>' in html
    assert 'name="is_published"' not in html


def test_the_round_form_shows_each_problem_beside_its_field_and_in_the_summary(staff_client):
    fund = FundFactory(total=Decimal("200000.00"))
    data = round_data(
        fund,
        title="",
        maximum_request="150000",
        closes_on_day="31",
        closes_on_month="2",
        opens_time="17",
    )
    response = staff_client.post(reverse("commissioning:round-create"), data)
    assert error_summary(response) == [
        "Enter the round's title.",
        "Enter the opening time on the 24-hour clock, like 17:00, or as 5pm.",
        "Closing date must be a real date.",
    ]
    assert error_anchors(response) == ["#id_title", "#id_opens_time", "#id_closes_on_day"]
    html = response.content.decode()
    assert 'name="maximum_request" value="150000"' in html
    assert 'name="closes_on_day" value="31"' in html
    assert not FundingRound.objects.exists()


def test_the_services_rules_come_back_beside_the_fields(staff_client):
    fund = FundFactory(total=Decimal("200000.00"))
    data = round_data(fund, maximum_request="150000", closes_on_day="1", closes_on_month="4", closes_time="09:00")
    response = staff_client.post(reverse("commissioning:round-create"), data)
    assert error_summary(response) == [
        "The largest request cannot be more than the budget envelope of £100,000.00.",
        "The closing time must be after the opening time.",
    ]
    assert error_anchors(response) == ["#id_maximum_request", "#id_closes_on_day"]
    assert not FundingRound.objects.exists()


def test_a_time_the_clocks_skip_is_refused_beside_the_time(staff_client):
    fund = FundFactory(total=Decimal("200000.00"))
    data = round_data(fund, opens_on_day="29", opens_on_month="3", opens_time="1:30am")
    response = staff_client.post(reverse("commissioning:round-create"), data)
    assert error_summary(response) == [
        "There is no 01:30 on 29 March 2026 in London: the clocks go forward an hour then. Choose another time."
    ]
    assert error_anchors(response) == ["#id_opens_time"]


def test_staff_edit_a_round_and_publish_it_from_the_form(staff_client):
    funding_round = FundingRoundFactory(is_published=False)
    data = round_data(funding_round.fund, title="Renamed", is_published="on")
    response = staff_client.post(reverse("commissioning:round-edit", args=[funding_round.pk]), data)
    assert response.status_code == 302
    funding_round.refresh_from_db()
    assert (funding_round.title, funding_round.is_published) == ("Renamed", True)
    assert list(funding_round.objectives.values_list("number", flat=True)) == [7]


def test_publishing_from_the_form_without_objectives_is_refused_beside_them(staff_client):
    funding_round = FundingRoundFactory(is_published=False)
    data = round_data(funding_round.fund, objectives=None, is_published="on")
    response = staff_client.post(reverse("commissioning:round-edit", args=[funding_round.pk]), data)
    assert error_summary(response) == ["Choose at least one objective: a round cannot be published without one."]
    assert error_anchors(response) == ["#id_objectives_0"]
    funding_round.refresh_from_db()
    assert not funding_round.is_published


def test_the_edit_form_starts_with_the_rounds_settings(staff_client):
    funding_round = FundingRoundFactory(opens_at=london(2026, 9, 1, 9, 30), closes_at=days_from_now(30))
    html = staff_client.get(reverse("commissioning:round-edit", args=[funding_round.pk])).content.decode()
    assert 'name="opens_on_day" value="1"' in html
    assert 'name="opens_on_month" value="9"' in html
    assert 'name="opens_time" value="09:30"' in html
    assert 'name="budget_envelope" value="500000.00"' in html
    assert re.search(r'<input type="checkbox" name="is_published"[^>]* checked', html)


def test_a_rounds_page_shows_who_changed_it_and_its_criteria(staff_client, staff_user):
    funding_round = draft_round(title="First title")
    staff_client.post(
        reverse("commissioning:round-edit", args=[funding_round.pk]), round_data(funding_round.fund, title="Renamed")
    )
    staff_client.post(
        reverse("commissioning:round-criteria", args=[funding_round.pk]),
        {
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-title": "Need",
            "criteria-0-weight": "100",
        },
    )
    text = text_of(staff_client.get(funding_round.get_absolute_url()))
    history = text[text.index("Change history") :]
    who = staff_user.get_full_name()
    assert f"{who} Created: Criterion “Need”" in history
    assert f"{who} Changed: Round Title: First title → Renamed" in history
    assert "Closes: " in history and "→ 5pm on 30 June 2026" in history
    assert "Largest request: £100,000.00 → £25,000.00" in history
