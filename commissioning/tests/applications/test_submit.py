"""Submitting: refused until every section is complete, and at or after the round's closing time (tested at the
boundary: a second before is accepted, the closing time itself is refused); read only afterwards."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Application, ApplicationStatus, RoundQuestion
from commissioning.services import applications as services
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import complete_application, draft_application, fill_in
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# 5pm on 30 January 2027, London time (GMT in winter).
CLOSES_AT = datetime(2027, 1, 30, 17, 0, tzinfo=LONDON)
BEFORE = CLOSES_AT - timedelta(days=7)
CLOSED = "This round closed at 5pm on 30 January 2027. Applications can no longer be submitted."


@pytest.fixture
def winter_round():
    return FundingRoundFactory(opens_at=datetime(2026, 11, 1, 9, 0, tzinfo=LONDON), closes_at=CLOSES_AT)


@pytest.fixture
def ready(partner_user, organisation, winter_round):
    application = draft_application(round=winter_round, organisation=organisation, user=partner_user, at=BEFORE)
    return fill_in(application, partner_user)


def test_one_second_before_the_closing_time_is_accepted(ready, partner_user):
    at = CLOSES_AT - timedelta(seconds=1)

    submitted = services.application_submit(application=ready, user=partner_user, at=at)

    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.submitted_at == at
    assert submitted.submitted_by == partner_user


def test_at_the_closing_time_it_is_refused_with_when_it_closed(ready, partner_user):
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=ready, user=partner_user, at=CLOSES_AT)

    assert error.value.messages == [CLOSED]
    assert Application.objects.get(pk=ready.pk).status == ApplicationStatus.DRAFT


def test_after_the_closing_time_it_is_refused(ready, partner_user):
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=ready, user=partner_user, at=CLOSES_AT + timedelta(days=3))
    assert error.value.messages == [CLOSED]


def test_a_summer_closing_time_is_given_in_british_summer_time(partner_user, organisation):
    funding_round = FundingRoundFactory(
        opens_at=datetime(2027, 5, 1, 9, 0, tzinfo=LONDON), closes_at=datetime(2027, 6, 30, 12, 0, tzinfo=LONDON)
    )
    application = draft_application(
        round=funding_round, organisation=organisation, at=datetime(2027, 6, 1, 9, 0, tzinfo=LONDON)
    )
    fill_in(application, partner_user)

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, user=partner_user, at=datetime(2027, 7, 1, tzinfo=LONDON))

    assert error.value.messages == [
        "This round closed at midday on 30 June 2027. Applications can no longer be submitted."
    ]


def test_every_incomplete_section_is_named(partner_user, organisation, winter_round):
    application = draft_application(round=winter_round, organisation=organisation, user=partner_user, at=BEFORE)

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, user=partner_user, at=CLOSES_AT - timedelta(days=1))

    assert error.value.messages == [
        "Mark “Organisation details” as complete.",
        "Fill in “The project” and mark it as complete.",
        "Mark “Boroughs and wards served” as complete.",
        "Fill in “Objectives addressed” and mark it as complete.",
        "Fill in “Budget” and mark it as complete.",
        "Fill in “Expected reach” and mark it as complete.",
        "Fill in “The round's questions” and mark it as complete.",
    ]


def test_a_section_completed_before_the_round_changed_is_checked_again(ready, partner_user, winter_round):
    RoundQuestion.objects.create(round=winter_round, order=5, text="How will you measure success?")

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=ready, user=partner_user, at=CLOSES_AT - timedelta(days=1))

    assert error.value.messages == ["The round's questions: Answer “How will you measure success?”."]


def test_a_submitted_application_cannot_be_submitted_again(ready, partner_user):
    services.application_submit(application=ready, user=partner_user, at=CLOSES_AT - timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=ready, user=partner_user, at=CLOSES_AT - timedelta(hours=1))

    assert error.value.messages == [services.APPLICATION_LOCKED]


# --- The pages --------------------------------------------------------------------------------------------------


def test_check_your_answers_lists_every_section_with_change_links(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)

    page = client_for(partner_user).get(reverse("commissioning:application-check", args=[application.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    for section in ("organisation", "project", "area", "objectives", "budget", "reach", "questions"):
        assert f'id="section-{section}"' in html
        assert reverse("commissioning:application-section", args=[application.pk, section]) in html
    assert "Evening detached youth work" in html
    assert "£40,000.00" in html
    assert "Accept and submit" in html
    assert "not ready to submit" not in html


def test_submitting_from_the_page_shows_the_confirmation_with_the_reference(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)
    client = client_for(partner_user)

    response = client.post(reverse("commissioning:application-submit", args=[application.pk]))

    assert response.url == reverse("commissioning:application-submitted", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert re.search(
        rf'<div class="govuk-panel__body">Your reference number<br><strong>{application.reference}</strong>', page
    )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_the_page_refuses_after_the_round_has_closed(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)
    closed_at = timezone.now() - timedelta(seconds=1)
    FundingRoundFactory._meta.model.objects.filter(pk=funding_round.pk).update(closes_at=closed_at)

    response = client_for(partner_user).post(reverse("commissioning:application-submit", args=[application.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Applications can no longer be submitted." in html
    assert "Accept and submit" not in html
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def test_the_page_refuses_an_incomplete_application_and_links_each_problem(partner_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)

    response = client_for(partner_user).post(reverse("commissioning:application-submit", args=[application.pk]))

    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="#section-budget">Fill in “Budget” and mark it as complete.</a>' in summary
    assert '<a href="#section-organisation">Mark “Organisation details” as complete.</a>' in summary
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def test_once_submitted_the_applicant_gets_the_locked_page(partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)
    services.application_submit(application=application, user=partner_user)
    client = client_for(partner_user)

    for url in (
        reverse("commissioning:application-section", args=[application.pk, "project"]),
        reverse("commissioning:application-check", args=[application.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "This application has been submitted and can no longer be changed." in response.content.decode()

    response = client.post(
        reverse("commissioning:application-section", args=[application.pk, "project"]),
        {"project_title": "Changed", "step": "later"},
    )
    assert response.status_code == 403
    assert Application.objects.get(pk=application.pk).project_title == "Evening detached youth work"


def test_the_confirmation_page_waits_for_a_submission(partner_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)

    response = client_for(partner_user).get(reverse("commissioning:application-submitted", args=[application.pk]))

    assert response.url == application.get_absolute_url()
