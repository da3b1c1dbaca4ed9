"""The reads behind the pages: a round's status, its application counts, the funding page and the time tags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commissioning.filters.rounds import RoundStatus
from commissioning.models import ApplicationStatus, FundingRound
from commissioning.selectors import rounds as selectors
from commissioning.templatetags.rounds_tags import london_time, london_when, paragraphs
from commissioning.tests.factories import ApplicationFactory, FundingRoundFactory
from commissioning.tests.rounds.factories import (
    closed_round,
    days_from_now,
    draft_round,
    london,
    submitted_application,
    upcoming_round,
)

pytestmark = pytest.mark.django_db


def test_the_status_in_sql_and_in_python_agree_at_the_boundaries():
    now = timezone.now()
    rounds = {
        "open": FundingRoundFactory(opens_at=now, closes_at=now + timedelta(seconds=1)),
        "closed": FundingRoundFactory(opens_at=now - timedelta(days=1), closes_at=now),
        "upcoming": FundingRoundFactory(opens_at=now + timedelta(seconds=1), closes_at=now + timedelta(days=1)),
        "unpublished": draft_round(opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1)),
    }
    annotated = {r.pk: r.round_status for r in selectors.with_status(FundingRound.objects.all(), now)}
    for expected, funding_round in rounds.items():
        assert annotated[funding_round.pk] == expected
        assert selectors.round_status(funding_round, now) == RoundStatus(expected)
    assert rounds["open"].is_open(now) and rounds["closed"].has_closed(now)


def test_round_rows_count_received_applications_and_drafts():
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    withdrawn_after_submitting = submitted_application(round=funding_round)
    withdrawn_after_submitting.status = ApplicationStatus.WITHDRAWN
    withdrawn_after_submitting.save()
    ApplicationFactory(round=funding_round)  # a draft
    ApplicationFactory(round=funding_round, status=ApplicationStatus.WITHDRAWN)  # a draft given up
    row = selectors.round_rows().get(pk=funding_round.pk)
    assert (row.received_count, row.draft_count) == (2, 1)
    assert selectors.round_has_submissions(funding_round)
    assert not selectors.round_has_submissions(FundingRoundFactory())


def test_the_funding_page_lists_open_rounds_closing_soonest_first_and_five_opening_soon():
    later = FundingRoundFactory(title="Later", closes_at=days_from_now(20))
    sooner = FundingRoundFactory(title="Sooner", closes_at=days_from_now(2))
    closed_round()
    draft_round()
    upcoming = [upcoming_round(title=f"Next {n}", opens_at=days_from_now(n + 1)) for n in range(7)]
    page = selectors.funding_page()
    assert page.open_rounds == [sooner, later]
    assert page.upcoming == upcoming[:5]


@pytest.mark.parametrize(
    ("when", "time_text", "when_text"),
    [
        (london(2027, 1, 30, 17), "5pm", "5pm on 30 January 2027"),
        (london(2026, 6, 30, 17), "5pm", "5pm on 30 June 2026"),
        (london(2026, 6, 30, 9, 5), "9:05am", "9:05am on 30 June 2026"),
        (london(2026, 6, 30, 12), "midday", "midday on 30 June 2026"),
        (london(2026, 6, 30, 23, 59), "11:59pm", "11:59pm on 30 June 2026"),
        (london(2026, 7, 1, 0), "midnight", "midnight at the start of 1 July 2026"),
    ],
)
def test_london_times_are_written_the_gov_uk_way(when, time_text, when_text):
    assert london_time(when) == time_text
    assert london_when(when) == when_text
    assert london_when(None) == ""


def test_guidance_splits_into_paragraphs_at_blank_lines():
    assert paragraphs("One.\r\n\r\nTwo,\nstill two.\n\n\n") == ["One.", "Two,\nstill two."]
    assert paragraphs("") == []
