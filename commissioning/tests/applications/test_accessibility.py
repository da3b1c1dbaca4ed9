"""Every application page in a real browser, checked with axe-core: the task list and each section (with its
errors showing), check your answers, the confirmation, the read-only and decision views, withdrawing, the list
and the pipeline (with a filter error)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import ApplicationStatus
from commissioning.services import applications as services
from commissioning.tests.applications.factories import (
    WardFactory,
    applicant_organisation,
    borough,
    draft_application,
    fill_in,
    with_status,
)
from commissioning.tests.factories import FundingRoundFactory
from partners.models import Membership
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def person(username, role):
    user = UserFactory(username=username, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def submitted(title, organisation, partner):
    application = draft_application(round=FundingRoundFactory(title=title), organisation=organisation, user=partner)
    fill_in(application, partner)
    return services.application_submit(application=application, user=partner)


def test_every_application_page_passes_axe(live_server, page, axe):
    partner = person("partner-a", "partner")
    staff = person("staff", "staff")
    organisation = applicant_organisation(name="Southside Youth Trust")
    Membership.objects.create(user=partner, organisation=organisation)
    Membership.objects.create(user=partner, organisation=applicant_organisation(name="Brixton Youth Forum"))
    WardFactory(name="Brixton Acre Lane", borough=borough("Lambeth"))
    funding_round = FundingRoundFactory(title="Safer Streets")
    draft = draft_application(round=funding_round, organisation=organisation, user=partner)
    ready = fill_in(draft_application(round=FundingRoundFactory(title="Schools"), organisation=organisation), partner)
    sent = submitted("Summer", organisation, partner)
    declined = with_status(
        submitted("Winter", organisation, partner),
        ApplicationStatus.DECLINED,
        decision_reasons="The budget does not show how young people will be reached.",
        decided_at=timezone.now(),
    )
    open_round = FundingRoundFactory(title="Open now")

    def sign_in(user):
        page.context.clear_cookies()
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    def visit(path):
        page.goto(live_server.url + path)
        axe(page)

    sign_in(partner)
    visit(reverse("commissioning:application-start", args=[open_round.pk]))
    page.get_by_role("button", name="Start the application").click()
    assert page.get_by_text("There is a problem").is_visible()
    axe(page)
    visit(draft.get_absolute_url())
    for section in ("organisation", "project", "area", "objectives", "budget", "reach", "questions"):
        visit(reverse("commissioning:application-section", args=[draft.pk, section]))
        page.get_by_role("button", name="Save and mark as complete").click()
        axe(page)
    visit(reverse("commissioning:application-check", args=[draft.pk]))
    page.get_by_role("button", name="Accept and submit").click()
    axe(page)
    visit(reverse("commissioning:application-check", args=[ready.pk]))
    visit(reverse("commissioning:application-submitted", args=[sent.pk]))
    visit(sent.get_absolute_url())
    visit(declined.get_absolute_url())
    visit(reverse("commissioning:application-withdraw", args=[sent.pk]))
    visit(reverse("commissioning:application-section", args=[sent.pk, "budget"]))
    visit(reverse("commissioning:application-list"))

    sign_in(staff)
    visit(sent.get_absolute_url())
    visit(reverse("commissioning:application-list"))
    visit(reverse("commissioning:round-pipeline", args=[funding_round.pk]))
    visit(reverse("commissioning:round-pipeline", args=[funding_round.pk]) + "?amount_min=50&amount_max=1")
