"""The applications panel on a partner's home page: drafts to finish, what was submitted, and open rounds
their organisations have not applied to; in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.services import applications as services
from commissioning.tests.applications.factories import (
    applicant_organisation,
    draft_application,
    submitted_application,
)
from commissioning.tests.factories import FundingRoundFactory
from partners.models import Membership

pytestmark = pytest.mark.django_db


def render_panel(user) -> str:
    request = RequestFactory().get("/partners/home/")
    request.user = user
    return Template("{% load application_tags %}{% applications_panel %}").render(Context({"request": request}))


def test_the_panel_lists_drafts_submissions_and_open_rounds(partner_user, organisation, funding_round):
    draft = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    earlier = FundingRoundFactory(title="Summer of safety")
    sent = submitted_application(round=earlier, organisation=organisation, user=partner_user)
    also_open = FundingRoundFactory(title="Schools round")
    FundingRoundFactory(title="Unpublished round", is_published=False)
    FundingRoundFactory(
        title="Closed round", opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )

    html = render_panel(partner_user)

    assert "Funding applications" in html
    assert draft.get_absolute_url() in html
    assert sent.reference in html
    assert reverse("commissioning:application-start", args=[also_open.pk]) in html
    assert reverse("commissioning:application-start", args=[funding_round.pk]) not in html, "already applied"
    assert "Unpublished round" not in html
    assert "Closed round" not in html


def test_a_round_stays_open_to_a_second_organisation_that_has_not_applied(partner_user, organisation, funding_round):
    draft_application(round=funding_round, organisation=organisation, user=partner_user)
    Membership.objects.create(user=partner_user, organisation=applicant_organisation(name="Brixton Youth Forum"))

    html = render_panel(partner_user)

    assert reverse("commissioning:application-start", args=[funding_round.pk]) in html


def test_a_withdrawn_application_frees_the_round_again(partner_user, organisation, funding_round):
    draft = draft_application(round=funding_round, organisation=organisation, user=partner_user)
    services.application_withdraw(application=draft, user=partner_user)

    assert reverse("commissioning:application-start", args=[funding_round.pk]) in render_panel(partner_user)


def test_someone_with_no_organisation_sees_nothing(staff_user, funding_round):
    assert "Funding applications" not in render_panel(staff_user)


def test_the_panel_runs_the_same_queries_with_3_and_30_applications(partner_user, django_assert_max_num_queries):
    def grow(count, start):
        for number in range(start, start + count):
            organisation = applicant_organisation(name=f"Club {number:03d}")
            Membership.objects.create(user=partner_user, organisation=organisation)
            round = FundingRoundFactory()
            if number % 2:
                submitted_application(round=round, organisation=organisation, user=partner_user)
            else:
                draft_application(round=round, organisation=organisation, user=partner_user)

    def queries():
        partner_user.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            render_panel(partner_user)
        return len(captured)

    grow(3, 0)
    with django_assert_max_num_queries(6):
        small = queries()
    grow(27, 3)
    with django_assert_max_num_queries(6):
        large = queries()
    assert small == large
