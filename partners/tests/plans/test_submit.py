"""Check your answers, then submit: refused while a section is incomplete; then read-only with a confirmation."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import PlanSection, PlanStatus
from partners.services.plans import plan_submit
from partners.tests.plans.factories import BoroughPlanFactory, PlanActionFactory, ready_plan, theme
from partners.tests.plans.test_theme_page import summary_links

pytestmark = pytest.mark.django_db


def check_url(plan):
    return reverse("partners:plan-check", args=[plan.pk])


def test_check_your_answers_shows_every_section_with_change_links(partner_client, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp)

    page = partner_client.get(check_url(plan)).content.decode()

    assert "Check your answers before submitting the plan" in page
    for number in range(1, 9):
        assert reverse("partners:plan-theme", args=[plan.pk, number]) in page
    assert reverse("partners:plan-governance", args=[plan.pk]) in page
    assert page.count('>Change<span class="govuk-visually-hidden">') == 9
    assert "Reducing access to weapons: first action" in page
    assert "not ready to submit" not in page


def test_submit_is_refused_while_sections_are_incomplete(partner_client, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp)
    PlanActionFactory(plan=plan, theme=theme(1))
    PlanSection.objects.filter(plan=plan, theme__number=1).update(completed=True)
    PlanActionFactory(plan=plan, theme=theme(2))

    response = partner_client.post(check_url(plan))

    html = response.content.decode()
    assert response.status_code == 200
    links = summary_links(html)
    assert links[0] == ("#theme-2", "Mark “Analysis and enforcement” as complete.")
    assert links[1] == ("#theme-3", "Add at least one action to “Reducing access to weapons” and mark it as complete.")
    assert links[-1] == ("#governance", "Answer every minimum governance standard (0 of 3 answered).")
    assert len(links) == 8
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert plan.submitted_at is None


def test_a_theme_marked_complete_without_actions_cannot_be_submitted(partner_user, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp)
    plan.actions.filter(theme__number=5).delete()

    with pytest.raises(ValidationError) as refused:
        plan_submit(plan=plan, user=partner_user)

    assert refused.value.messages == ["Add at least one action to “Communities and neighbourhoods”."]


def test_submitting_a_complete_plan_shows_the_confirmation_with_its_reference(
    partner_client, partner_user, lambeth_csp
):
    plan = ready_plan(organisation=lambeth_csp)

    response = partner_client.post(check_url(plan))

    assert response.url == reverse("partners:plan-submitted", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_by == partner_user
    page = partner_client.get(response.url).content.decode()
    assert "Plan submitted" in page
    assert f"<strong>{plan.reference}</strong>" in page
    assert "What happens next" in page


def test_a_submitted_plan_is_read_only_to_the_partnership(partner_client, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp, status=PlanStatus.SUBMITTED)

    page = partner_client.get(plan.get_absolute_url()).content.decode()
    assert "govuk-task-list" not in page
    assert "The VRU is assessing it" in page
    assert reverse("partners:plan-theme", args=[plan.pk, 3]) not in page

    for url in (
        reverse("partners:plan-theme", args=[plan.pk, 3]),
        reverse("partners:plan-governance", args=[plan.pk]),
        check_url(plan),
    ):
        response = partner_client.post(
            url, {"step": "complete", "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0"}
        )
        assert response.status_code == 403
        assert "This plan has been submitted and can no longer be changed." in response.content.decode()
    assert plan.actions.count() == 8


def test_submitting_twice_is_refused(partner_user, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp)
    plan_submit(plan=plan, user=partner_user)

    with pytest.raises(ValidationError, match="has been submitted and can no longer be changed"):
        plan_submit(plan=plan, user=partner_user)


def test_the_task_list_counts_completed_sections(partner_client, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp)
    PlanSection.objects.filter(plan=plan, theme__number=8).update(completed=False)

    page = partner_client.get(plan.get_absolute_url()).content.decode()

    assert "You have completed 8 of 9 sections." in page
    assert len(re.findall(r"govuk-task-list__item ", page)) == 9
