"""An application's page: the task list while the applicant writes it; afterwards, and for VRU staff, a
read-only summary with the status, the decision once made, the next steps and the change history."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from commissioning.models import ApplicationStatus, FundingRound
from commissioning.services import applications as services
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import (
    complete_application,
    draft_application,
    fill_in,
    submitted_application,
    with_status,
)
from commissioning.tests.factories import awarded_grant

pytestmark = pytest.mark.django_db


def status_of(html: str, section: str) -> str:
    match = re.search(rf'id="{section}-status">\s*(.*?)\s*</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_a_new_application_shows_the_task_list(partner_client, partner_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert '<ul class="govuk-task-list">' in html
    assert [status_of(html, section) for section in ("organisation", "project", "area", "budget")] == [
        "In progress",
        "Not started",
        "In progress",
        "Not started",
    ]
    assert "Filled in from your organisation&#x27;s record: check it." in html
    assert "You have completed 0 of 7 sections." in html
    local = timezone.localtime(funding_round.closes_at)
    assert f"{local.day} {local:%B %Y}" in html
    assert "Check your answers" not in html
    assert "Withdraw this application" in html


def test_every_section_complete_offers_check_your_answers(partner_client, partner_user, organisation, funding_round):
    application = complete_application(round=funding_round, organisation=organisation, user=partner_user)

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert all(status_of(html, s) == "Completed" for s in ("organisation", "project", "reach", "questions"))
    assert "You have completed 7 of 7 sections." in html
    assert reverse("commissioning:application-check", args=[application.pk]) in html


def test_a_draft_whose_round_has_closed_says_so(partner_client, partner_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    FundingRound.objects.filter(pk=funding_round.pk).update(closes_at=timezone.now() - timedelta(minutes=5))

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert "You can no longer submit this application." in html


def test_after_submitting_the_applicant_sees_a_read_only_summary(
    partner_client, partner_user, organisation, funding_round
):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert "govuk-task-list" not in html
    assert "You submitted this application at" in html
    assert "Evening detached youth work" in html
    assert "Two part-time youth workers" in html
    assert "Change<span" not in html
    assert "Change history" not in html
    assert "Withdraw this application" in html


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (ApplicationStatus.DECLINED, "The application was not successful"),
        (ApplicationStatus.INELIGIBLE, "The application is not eligible"),
    ],
)
def test_the_applicant_sees_the_decision_and_its_reasons(
    partner_client, partner_user, organisation, funding_round, status, heading
):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    with_status(application, status, decision_reasons="Too little on evaluation.", decided_at=timezone.now())

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert heading in html
    assert "Too little on evaluation." in html
    assert "Withdraw this application" not in html


def test_reasons_stay_hidden_from_the_applicant_until_the_decision(
    partner_client, partner_user, organisation, funding_round
):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    with_status(
        application,
        ApplicationStatus.RECOMMENDED,
        moderation_notes="Panel worried about costs.",
        decision_reasons="Draft reasons",
        decided_at=timezone.now(),
    )

    html = partner_client.get(application.get_absolute_url()).content.decode()

    assert "Draft reasons" not in html
    assert "Panel worried about costs." not in html


def test_an_awarded_applicant_is_linked_to_the_grant(partner_user, organisation, manager_user):
    grant = awarded_grant(manager=manager_user, organisation=organisation, amount=Decimal("30000.00"))

    html = client_for(partner_user).get(grant.application.get_absolute_url()).content.decode()

    assert "The application was successful" in html
    assert "£30,000.00" in html
    try:
        assert reverse("commissioning:grant-detail", args=[grant.pk]) in html
    except NoReverseMatch:
        pytest.skip("the grant pages are not installed")


def test_staff_see_the_summary_the_next_step_and_the_history(staff_user, partner_user, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)

    html = client_for(staff_user).get(application.get_absolute_url()).content.decode()

    assert "govuk-task-list" not in html
    assert "Change history" in html
    assert "Partner Persona" in html
    try:
        eligibility = reverse("commissioning:application-eligibility", args=[application.pk])
    except NoReverseMatch:
        pytest.skip("the assessment pages are not installed")
    assert eligibility in html


def test_only_managers_are_offered_the_decision(staff_user, manager_user, partner_user, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    with_status(application, ApplicationStatus.RECOMMENDED)
    try:
        decide = reverse("commissioning:application-decide", args=[application.pk])
    except NoReverseMatch:
        pytest.skip("the assessment pages are not installed")

    assert decide in client_for(manager_user).get(application.get_absolute_url()).content.decode()
    assert decide not in client_for(staff_user).get(application.get_absolute_url()).content.decode()


def test_a_draft_is_read_only_for_staff(staff_user, partner_user, organisation, funding_round):
    application = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    fill_in(application, partner_user, complete=False)

    html = client_for(staff_user).get(application.get_absolute_url()).content.decode()

    assert "govuk-task-list" not in html
    assert "Evening detached youth work" in html


def test_withdrawing_needs_confirming_and_is_shown_afterwards(
    partner_client, partner_user, organisation, funding_round
):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    url = reverse("commissioning:application-withdraw", args=[application.pk])

    page = partner_client.get(url).content.decode()
    assert "Are you sure you want to withdraw this application?" in page

    response = partner_client.post(url)

    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdrawn_by == partner_user
    assert application.withdrawn_at is not None
    html = partner_client.get(application.get_absolute_url()).content.decode()
    assert f"Application {application.reference} has been withdrawn." in html
    assert "This application was withdrawn on" in html
    again = partner_client.get(url)
    assert again.status_code == 403
    assert "This application has already been withdrawn." in again.content.decode()


def test_a_decided_application_cannot_be_withdrawn(partner_client, partner_user, organisation, funding_round):
    application = submitted_application(round=funding_round, organisation=organisation, user=partner_user)
    with_status(application, ApplicationStatus.DECLINED)

    response = partner_client.post(reverse("commissioning:application-withdraw", args=[application.pk]))

    assert response.status_code == 403
    assert "can no longer be withdrawn" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


def test_the_withdraw_service_refuses_a_decided_application(partner_user, organisation, funding_round):
    application = with_status(
        complete_application(round=funding_round, organisation=organisation, user=partner_user),
        ApplicationStatus.AWARDED,
    )
    with pytest.raises(ValidationError) as error:
        services.application_withdraw(application=application, user=partner_user)
    assert error.value.messages == ["A decision has been made on this application, so it can no longer be withdrawn."]


def test_a_draft_can_be_withdrawn_and_the_round_started_again(
    partner_client, partner_user, organisation, funding_round
):
    draft = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    url = reverse("commissioning:application-withdraw", args=[draft.pk])
    assert "will not be submitted" in partner_client.get(url).content.decode()

    partner_client.post(url)

    response = partner_client.post(reverse("commissioning:application-start", args=[funding_round.pk]))
    fresh = funding_round.applications.exclude(pk=draft.pk).get()
    assert response.url == fresh.get_absolute_url()
    assert fresh.status == ApplicationStatus.DRAFT
