"""A plan's actions as CSV: the partnership's own, any for VRU staff, 404 for another borough."""

import csv
import io

import pytest
from django.urls import reverse

from partners.models import PlanStatus
from partners.tests.plans.conftest import client_for
from partners.tests.plans.factories import ActionUpdateFactory, BoroughPlanFactory, PlanActionFactory, theme

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.fixture
def plan(lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2025, status=PlanStatus.ACCEPTED)
    action = PlanActionFactory(
        plan=plan,
        theme=theme(3),
        action='=HYPERLINK("http://example.org")',
        lead="Head of community safety",
        rag="green",
    )
    ActionUpdateFactory(action=action, quarter=1, rag="red", progress="Sweeps delayed by staffing")
    PlanActionFactory(plan=plan, theme=theme(1), action="Board reviews the plan each quarter")
    return plan


def test_the_partnership_downloads_its_plans_actions(partner_client, plan):
    response = partner_client.get(reverse("partners:plan-export", args=[plan.pk]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="VRP-2025-26-E09000022-actions.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:6] == ["Plan reference", "Borough", "Financial year", "Plan status", "Theme number", "Theme"]
    assert [row[5] for row in rows[1:]] == ["Governance", "Reducing access to weapons"]
    weapons = rows[2]
    assert weapons[6] == '\'=HYPERLINK("http://example.org")', "a formula is written as text"
    assert weapons[10:] == ["2025-04-01", "2026-03-31", "Green", "2025-26 Q1", "Red", "Sweeps delayed by staffing"]


def test_staff_download_any_plans_actions(staff_client, plan):
    response = staff_client.get(reverse("partners:plan-export", args=[plan.pk]))

    assert response.status_code == 200
    assert len(rows_of(response)) == 3


def test_a_partner_of_another_borough_gets_404(other_partner, plan):
    response = client_for(other_partner).get(reverse("partners:plan-export", args=[plan.pk]))

    assert response.status_code == 404
    assert b"Sweeps delayed" not in response.getvalue()
