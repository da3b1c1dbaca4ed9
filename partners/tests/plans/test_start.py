"""Starting this year's plan: a section for every theme, a reference, and the April–June copy of last year's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import BoroughPlan, GovernanceAnswer, PlanSection, PlanStatus
from partners.services.plans import plan_start
from partners.tests.plans.factories import (
    BoroughPlanFactory,
    GovernanceAnswerFactory,
    PlanActionFactory,
    csp_of,
    theme,
    this_year,
)
from programmes.models import Rag
from programmes.periods import financial_year_label

pytestmark = pytest.mark.django_db


def test_a_new_plan_has_a_reference_and_a_section_for_each_theme(partner_user, lambeth_csp):
    plan = plan_start(organisation=lambeth_csp, user=partner_user, financial_year=2025)

    assert plan.reference == "VRP-2025-26-E09000022"
    assert plan.status == PlanStatus.DRAFT
    assert plan.copied_from is None
    assert list(plan.sections.values_list("theme__number", "completed")) == [(n, False) for n in range(1, 9)]
    assert plan.history.get().history_user == partner_user


def test_last_years_plan_is_copied_with_rags_back_to_green(partner_user, lambeth_csp):
    last_year = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2024, status=PlanStatus.ACCEPTED)
    red = PlanActionFactory(plan=last_year, theme=theme(3), rag=Rag.RED, action="Knife arches at two stations")
    PlanActionFactory(plan=last_year, theme=theme(7), rag=Rag.AMBER, action="Summer holiday football")
    GovernanceAnswerFactory(plan=last_year, met=GovernanceAnswer.Met.PARTLY, evidence="Board agreed it in May.")
    PlanSection.objects.filter(plan=last_year).update(completed=True)

    plan = plan_start(organisation=lambeth_csp, user=partner_user, financial_year=2025)

    assert plan.copied_from == last_year
    copied = list(plan.actions.order_by("theme__number").values_list("action", "rag", "theme__number", "lead"))
    assert copied == [
        ("Knife arches at two stations", Rag.GREEN, 3, red.lead),
        ("Summer holiday football", Rag.GREEN, 7, red.lead),
    ]
    assert list(plan.governance_answers.values_list("met", "evidence")) == [("partly", "Board agreed it in May.")]
    assert not plan.sections.filter(completed=True).exists()
    assert last_year.actions.get(pk=red.pk).rag == Rag.RED, "last year's plan is left as it was"


def test_a_second_plan_for_the_same_year_is_refused(partner_user, lambeth_csp):
    plan_start(organisation=lambeth_csp, user=partner_user, financial_year=2025)

    with pytest.raises(ValidationError, match="Lambeth already has a plan for 2025-26"):
        plan_start(organisation=lambeth_csp, user=partner_user, financial_year=2025)
    assert BoroughPlan.objects.count() == 1


def test_only_a_community_safety_partnership_starts_a_plan(partner_user):
    from partners.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError, match="Community Safety Partnership"):
        plan_start(organisation=OrganisationFactory(), user=partner_user, financial_year=2025)


def test_partner_starts_this_years_plan_from_the_start_page(partner_client, lambeth_csp):
    url = reverse("partners:plan-start", args=[lambeth_csp.pk])
    page = partner_client.get(url).content.decode()
    assert f"Start the {financial_year_label(this_year())} violence reduction plan for Lambeth" in page

    response = partner_client.post(url)

    plan = BoroughPlan.objects.get()
    assert plan.financial_year == this_year()
    assert response.url == plan.get_absolute_url()
    page = partner_client.get(response.url).content.decode()
    assert f"Its reference is {plan.reference}" in page
    assert "govuk-task-list" in page


def test_starting_again_goes_to_the_plan_already_there(partner_client, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp)

    response = partner_client.post(reverse("partners:plan-start", args=[lambeth_csp.pk]))

    assert response.url == plan.get_absolute_url()
    assert BoroughPlan.objects.count() == 1


def test_the_start_page_says_last_years_plan_is_copied(partner_client, lambeth_csp):
    BoroughPlanFactory(organisation=lambeth_csp, financial_year=this_year() - 1)

    page = partner_client.get(reverse("partners:plan-start", args=[lambeth_csp.pk])).content.decode()

    assert "starts as a copy of your" in page
    assert "RAG status set back to green" in page


def test_partner_of_another_borough_cannot_start_lambeths_plan(other_partner, lambeth_csp):
    from partners.tests.plans.conftest import client_for

    response = client_for(other_partner).post(reverse("partners:plan-start", args=[lambeth_csp.pk]))

    assert response.status_code == 404
    assert not BoroughPlan.objects.exists()


def test_croydon_partner_starts_croydons(other_partner):
    from partners.tests.plans.conftest import client_for

    croydon = csp_of("Croydon")
    client_for(other_partner).post(reverse("partners:plan-start", args=[croydon.pk]))

    assert BoroughPlan.objects.get().reference == f"VRP-{financial_year_label(this_year())}-E09000008"
