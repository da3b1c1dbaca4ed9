"""Every role against every plan page: what each may open, and 404 (never the record) for a partner
of another borough."""

import pytest
from django.urls import reverse

from partners.models import PlanStatus
from partners.tests.plans.conftest import ROLES, client_for
from partners.tests.plans.factories import BoroughPlanFactory, PlanActionFactory, csp_of, ready_plan

pytestmark = pytest.mark.django_db

VRU = {"admin", "staff", "manager"}


def expect(vru, prg, partner, other):
    return {**dict.fromkeys(VRU, vru), "prg": prg, "partner": partner, "other_partner": other, "anonymous": 302}


# page: (plan status it needs, url of plan and Lambeth's partnership, status by role)
PAGES = {
    "plan-list": (None, lambda plan, csp: reverse("partners:plan-list"), expect(200, 403, 200, 200)),
    "london-plans": (None, lambda plan, csp: reverse("partners:london-plans"), expect(200, 403, 403, 403)),
    "peer-sessions": (None, lambda plan, csp: reverse("partners:peer-sessions"), expect(200, 403, 403, 403)),
    "plan-start": (None, lambda plan, csp: reverse("partners:plan-start", args=[csp.pk]), expect(403, 404, 200, 404)),
    "plan-detail": ("draft", lambda plan, csp: plan.get_absolute_url(), expect(200, 404, 200, 404)),
    "plan-theme": (
        "draft",
        lambda plan, csp: reverse("partners:plan-theme", args=[plan.pk, 3]),
        expect(403, 404, 200, 404),
    ),
    "plan-governance": (
        "draft",
        lambda plan, csp: reverse("partners:plan-governance", args=[plan.pk]),
        expect(403, 404, 200, 404),
    ),
    "plan-check": (
        "draft",
        lambda plan, csp: reverse("partners:plan-check", args=[plan.pk]),
        expect(403, 404, 200, 404),
    ),
    "plan-submitted": (
        "submitted",
        lambda plan, csp: reverse("partners:plan-submitted", args=[plan.pk]),
        expect(403, 404, 200, 404),
    ),
    "plan-assess": (
        "submitted",
        lambda plan, csp: reverse("partners:plan-assess", args=[plan.pk]),
        expect(200, 404, 403, 404),
    ),
    "plan-progress": (
        "accepted",
        lambda plan, csp: reverse("partners:plan-progress", args=[plan.pk]),
        expect(403, 404, 200, 404),
    ),
    "plan-export": (
        "draft",
        lambda plan, csp: reverse("partners:plan-export", args=[plan.pk]),
        expect(200, 404, 200, 404),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_plan_page(people, lambeth_csp, name, role):
    status, url_of, expected = PAGES[name]
    plan = None
    if status:
        plan = ready_plan(organisation=lambeth_csp, status=status)
        if status != "draft":
            plan.submitted_at = plan.created_at
            plan.save()
    BoroughPlanFactory(organisation=csp_of("Croydon"))  # the other partner has a plan of their own

    response = client_for(people[role]).get(url_of(plan, lambeth_csp))

    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response.url.startswith(reverse("login"))
    if expected[role] == 404 and plan is not None:
        assert plan.reference not in response.content.decode()


def test_a_partner_of_another_borough_gets_404_for_every_page_of_lambeths_plan(other_partner, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp, status=PlanStatus.ACCEPTED)
    PlanActionFactory(plan=plan, action="Secret Lambeth action")
    client = client_for(other_partner)

    for name in (
        "plan-detail",
        "plan-check",
        "plan-submitted",
        "plan-assess",
        "plan-progress",
        "plan-export",
        "plan-governance",
    ):
        response = client.get(reverse(f"partners:{name}", args=[plan.pk]))
        assert response.status_code == 404, name
        assert "Secret Lambeth action" not in response.content.decode()
    assert client.post(reverse("partners:plan-theme", args=[plan.pk, 3])).status_code == 404


def test_the_plan_list_shows_a_partner_only_their_own_plans(partner_client, lambeth_csp):
    lambeth = BoroughPlanFactory(organisation=lambeth_csp)
    croydon = BoroughPlanFactory(organisation=csp_of("Croydon"))

    page = partner_client.get(reverse("partners:plan-list")).content.decode()

    assert "1 plan" in page
    assert lambeth.reference in page and croydon.reference not in page


def test_the_plan_list_offers_to_start_this_years_plan(partner_client, lambeth_csp):
    page = partner_client.get(reverse("partners:plan-list")).content.decode()

    assert reverse("partners:plan-start", args=[lambeth_csp.pk]) in page


def test_staff_filter_the_plan_list(staff_client):
    BoroughPlanFactory(borough_name="Lambeth", financial_year=2025, status=PlanStatus.ACCEPTED)
    BoroughPlanFactory(borough_name="Croydon", financial_year=2025)

    page = staff_client.get(reverse("partners:plan-list"), {"status": "accepted"}).content.decode()

    assert "1 plan" in page
    assert "VRP-2025-26-E09000022" in page


def test_the_staff_view_of_a_plan_has_the_history_and_no_task_list(staff_client, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp, status=PlanStatus.SUBMITTED)

    page = staff_client.get(plan.get_absolute_url()).content.decode()

    assert "govuk-task-list" not in page
    assert "Assess this plan" in page
    assert "Change history" in page
