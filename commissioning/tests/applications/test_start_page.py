"""The page that starts an application: one organisation or a choice of several, a closed round's message,
and the application already started."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Application
from commissioning.services import applications as services
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import applicant_organisation
from commissioning.tests.factories import FundingRoundFactory
from partners.models import Membership
from partners.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(funding_round):
    return reverse("commissioning:application-start", args=[funding_round.pk])


def test_a_partner_of_one_organisation_starts_with_one_button(partner_client, organisation, funding_round):
    page = partner_client.get(url(funding_round)).content.decode()
    assert "You are applying for <strong>Southside Youth Trust</strong>." in page
    assert 'type="radio"' not in page

    response = partner_client.post(url(funding_round))

    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    assert application.organisation == organisation
    task_list = partner_client.get(response.url).content.decode()
    assert f"Your application is started. Its reference is {application.reference}." in task_list


def test_a_partner_of_several_organisations_chooses_one(partner_user, organisation, funding_round):
    second = applicant_organisation(name="Brixton Youth Forum", charity_number="1145678")
    Membership.objects.create(user=partner_user, organisation=second)
    client = client_for(partner_user)

    page = client.get(url(funding_round)).content.decode()
    assert "Which organisation is applying?" in page
    assert page.count('type="radio"') == 2

    refused = client.post(url(funding_round), {})
    assert refused.status_code == 200
    assert '<a href="#id_organisation_0">Choose the organisation that is applying.</a>' in refused.content.decode()
    assert not Application.objects.exists()

    client.post(url(funding_round), {"organisation": second.pk})
    assert Application.objects.get().organisation == second


def test_another_organisation_cannot_be_chosen(partner_user, organisation, other_organisation, funding_round):
    second = applicant_organisation(name="Brixton Youth Forum", charity_number="1145678")
    Membership.objects.create(user=partner_user, organisation=second)

    response = client_for(partner_user).post(url(funding_round), {"organisation": other_organisation.pk})

    assert response.status_code == 200
    assert "Choose one of the organisations you act for." in response.content.decode()
    assert not Application.objects.exists()


def test_starting_again_goes_to_the_application_already_started(
    partner_client, partner_user, organisation, funding_round
):
    application = services.application_start(round=funding_round, organisation=organisation, user=partner_user)

    assert partner_client.get(url(funding_round)).url == application.get_absolute_url()
    assert partner_client.post(url(funding_round)).url == application.get_absolute_url()
    assert Application.objects.count() == 1


def test_a_closed_round_says_when_it_closed(partner_client, organisation):
    closed = FundingRoundFactory(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(hours=1)
    )

    page = partner_client.get(url(closed)).content.decode()
    assert "This round closed at" in page
    assert "Start the application" not in page

    response = partner_client.post(url(closed))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Application.objects.exists()


def test_an_unpublished_round_is_not_found(partner_client, organisation):
    assert partner_client.get(url(FundingRoundFactory(is_published=False))).status_code == 404


def test_a_partner_without_an_organisation_is_told_how_to_get_one(funding_round):
    user = UserFactory(username="loner", role="partner")

    response = client_for(user).get(url(funding_round))

    assert response.status_code == 403
    assert "your account does not act for one" in response.content.decode()
