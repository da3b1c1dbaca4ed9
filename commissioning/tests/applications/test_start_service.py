"""Starting an application: its reference, what is pre-filled, and when it is refused."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning.models import Application, ApplicationStatus
from commissioning.services import applications as services
from commissioning.tests.applications.factories import borough, draft_application
from commissioning.tests.factories import FundingRoundFactory

pytestmark = pytest.mark.django_db


def test_a_draft_gets_a_reference_from_its_id_and_is_pre_filled(partner_user, organisation, funding_round):
    organisation.company_number = "01234567"
    organisation.save()

    application = services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    application.refresh_from_db()
    assert application.reference == f"APP-{application.pk:06d}"
    assert re.fullmatch(r"APP-\d{6}", application.reference)
    assert application.status == ApplicationStatus.DRAFT
    assert application.sections_completed == []
    assert application.contact_name == "Partner Persona"
    assert application.contact_email == "partner@example.org"
    assert application.address == "1 Kennington Road\nLondon"
    assert application.postcode == "SE11 5QY"
    assert application.charity_number == "1123456"
    assert application.company_number == "01234567"
    assert list(application.boroughs.all()) == [borough("Lambeth")]
    assert application.created_by == partner_user
    assert application.history.earliest().history_user == partner_user


def test_references_differ_for_each_application(organisation, other_organisation, funding_round):
    first = draft_application(round=funding_round, organisation=organisation)
    second = draft_application(round=funding_round, organisation=other_organisation)
    assert {first.reference, second.reference} == {f"APP-{first.pk:06d}", f"APP-{second.pk:06d}"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"is_published": False}, "This round is not open for applications."),
        (
            {"opens_at": timezone.now() + timedelta(days=1), "closes_at": timezone.now() + timedelta(days=30)},
            "This round opens at ",
        ),
        (
            {"opens_at": timezone.now() - timedelta(days=30), "closes_at": timezone.now() - timedelta(minutes=1)},
            "This round closed at ",
        ),
    ],
)
def test_a_round_that_is_not_open_refuses_to_start(partner_user, organisation, changes, message):
    funding_round = FundingRoundFactory(**changes)

    with pytest.raises(ValidationError) as error:
        services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    assert error.value.message_dict["round"][0].startswith(message)
    assert not Application.objects.exists()


def test_the_closing_message_says_when_in_london_time(partner_user, organisation):
    funding_round = FundingRoundFactory(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    closes = timezone.localtime(funding_round.closes_at)

    with pytest.raises(ValidationError) as error:
        services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    assert closes.strftime("%B %Y") in error.value.message_dict["round"][0]
    assert error.value.message_dict["round"][0].endswith("Applications can no longer be started.")


def test_an_organisation_has_one_live_application_per_round(partner_user, organisation, funding_round):
    first = services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    with pytest.raises(services.ApplicationExists) as error:
        services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    assert error.value.application == first
    assert first.reference in error.value.message_dict["organisation"][0]
    assert Application.objects.count() == 1


def test_after_withdrawing_the_organisation_may_start_again(partner_user, organisation, funding_round):
    first = services.application_start(round=funding_round, organisation=organisation, user=partner_user)
    services.application_withdraw(application=first, user=partner_user)

    second = services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    assert second.pk != first.pk
    assert second.status == ApplicationStatus.DRAFT
