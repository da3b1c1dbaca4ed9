"""The panels other pages show: what a partner owes on plans (their home page), an organisation's plans."""

from datetime import date

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from partners.models import PlanStatus
from partners.selectors.plans import plans_due
from partners.tests.factories import OrganisationFactory
from partners.tests.plans.factories import (
    ActionUpdateFactory,
    BoroughPlanFactory,
    PlanActionFactory,
    this_year,
)

pytestmark = pytest.mark.django_db

TODAY = date(2025, 11, 1)  # 2025-26 Q3: the Q2 update is due


def render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load plan_tags %}" + source).render(Context({"request": request, "user": user, **context}))


def test_nothing_started_yet_offers_to_start(partner_user, lambeth_csp):
    due = plans_due(user=partner_user, today=TODAY)

    assert due.to_start == [lambeth_csp]
    assert not due.to_finish and not due.updates_due and not due.submitted


def test_a_draft_or_returned_plan_is_to_finish(partner_user, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2025, status=PlanStatus.RETURNED)
    plan.submitted_at = plan.created_at
    plan.save()

    due = plans_due(user=partner_user, today=TODAY)

    assert due.to_start == []
    assert due.to_finish == [plan]
    assert due.submitted == [plan]


def test_the_last_quarters_update_is_due_on_an_accepted_plan(partner_user, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2025, status=PlanStatus.ACCEPTED)
    done = PlanActionFactory(plan=plan)
    PlanActionFactory(plan=plan)
    ActionUpdateFactory(action=done, quarter=2)
    ActionUpdateFactory(action=done, quarter=1)

    [item] = plans_due(user=partner_user, today=TODAY).updates_due

    assert (item.plan, item.quarter.label, item.updated, item.actions) == (plan, "2025-26 Q2", 1, 2)


def test_no_update_is_due_once_every_action_has_one(partner_user, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2025, status=PlanStatus.ACCEPTED)
    ActionUpdateFactory(action=PlanActionFactory(plan=plan), quarter=2)

    assert plans_due(user=partner_user, today=TODAY).updates_due == []


def test_a_partner_of_no_partnership_owes_nothing(other_partner):
    from partners.models import Membership

    Membership.objects.filter(user=other_partner).delete()
    Membership.objects.create(user=other_partner, organisation=OrganisationFactory())

    assert not plans_due(user=other_partner, today=TODAY).anything
    assert render("{% plans_due_panel %}", other_partner).strip() == ""


def test_the_due_panel_links_to_start_and_to_continue(partner_user, lambeth_csp):
    html = render("{% plans_due_panel %}", partner_user)

    assert "Borough violence reduction plans" in html
    assert f"/partners/plans/start/{lambeth_csp.pk}/" in html


def _accepted_plans(organisation, years):
    for year in years:
        plan = BoroughPlanFactory(organisation=organisation, financial_year=year, status=PlanStatus.ACCEPTED)
        plan.submitted_at = plan.created_at
        plan.save()
        for _ in range(3):
            PlanActionFactory(plan=plan)


def _count(source, user, **context) -> int:
    user._vru_roles = None
    with CaptureQueriesContext(connection) as queries:
        render(source, user, **context)
    return len(queries)


def test_the_due_panel_runs_as_many_queries_with_one_plan_as_with_seven(partner_user, lambeth_csp):
    year = this_year()
    _accepted_plans(lambeth_csp, [year - 1, year])
    small = _count("{% plans_due_panel %}", partner_user)
    _accepted_plans(lambeth_csp, range(year - 7, year - 1))

    assert _count("{% plans_due_panel %}", partner_user) == small <= 3


def test_the_organisation_panel_lists_its_plans(staff_user, lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2024, status=PlanStatus.ACCEPTED)

    html = render("{% organisation_plans_panel organisation %}", staff_user, organisation=lambeth_csp)

    assert plan.reference in html
    assert "Accepted" in html
    assert "Start the" not in html, "VRU staff do not start a borough's plan"


def test_the_organisation_panel_offers_its_member_to_start(partner_user, lambeth_csp):
    html = render("{% organisation_plans_panel organisation %}", partner_user, organisation=lambeth_csp)

    assert "No plans yet." in html
    assert f"/partners/plans/start/{lambeth_csp.pk}/" in html


def test_the_organisation_panel_is_empty_for_an_organisation_without_plans(staff_user):
    html = render("{% organisation_plans_panel organisation %}", staff_user, organisation=OrganisationFactory())

    assert html.strip() == ""


def test_the_organisation_panel_runs_as_many_queries_with_one_plan_as_with_seven(partner_user, lambeth_csp):
    year = this_year()
    BoroughPlanFactory(organisation=lambeth_csp, financial_year=year - 1)
    source = "{% organisation_plans_panel organisation %}"
    small = _count(source, partner_user, organisation=lambeth_csp)
    for past in range(year - 7, year - 1):
        BoroughPlanFactory(organisation=lambeth_csp, financial_year=past)

    assert _count(source, partner_user, organisation=lambeth_csp) == small <= 3
