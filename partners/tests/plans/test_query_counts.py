"""Each plan page runs the same number of SQL queries with a few plans, actions and updates as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import PlanAssessment, PlanStatus
from partners.tests.plans.conftest import client_for
from partners.tests.plans.factories import (
    ActionUpdateFactory,
    BoroughPlanFactory,
    PlanActionFactory,
    PlanAssessmentFactory,
    ready_plan,
    theme,
    this_year,
)

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 30
BOROUGHS = ["Croydon", "Southwark", "Hackney", "Newham", "Haringey", "Westminster", "Tower Hamlets", "Brent"]


def grow(plan, boroughs: slice, actions: int):
    """More boroughs' accepted plans, each with actions and quarterly updates; more of the same on ``plan``."""
    year = plan.financial_year
    for name in BOROUGHS[boroughs]:
        other = BoroughPlanFactory(borough_name=name, financial_year=year, status=PlanStatus.ACCEPTED)
        for number in range(actions):
            action = PlanActionFactory(plan=other, theme=theme(number % 8 + 1), rag="amber")
            ActionUpdateFactory(action=action, quarter=1, rag="red")
    for number in range(actions):
        action = PlanActionFactory(plan=plan, theme=theme(number % 8 + 1))
        ActionUpdateFactory(action=action, quarter=1, rag="green")
        action.rag = "red"
        action.save()  # more history to read
    PlanAssessmentFactory(plan=plan, decision="return", changes_required="More on victims.")


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(queries)


PAGES = {
    "list": ("staff", lambda plan: reverse("partners:plan-list")),
    "london": ("staff", lambda plan: reverse("partners:london-plans") + f"?year={plan.financial_year}"),
    "detail-staff": ("staff", lambda plan: plan.get_absolute_url()),
    "detail-partner": ("partner", lambda plan: plan.get_absolute_url()),
    "export": ("staff", lambda plan: reverse("partners:plan-export", args=[plan.pk])),
    "check": ("partner", lambda plan: reverse("partners:plan-check", args=[plan.pk])),
    "theme": ("partner", lambda plan: reverse("partners:plan-theme", args=[plan.pk, 3])),
    "peer-sessions": ("staff", lambda plan: reverse("partners:peer-sessions")),
    "api-plans": ("staff", lambda plan: reverse("api:plan-list")),
    "api-actions": ("staff", lambda plan: reverse("api:plan-action-list")),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_queries_do_not_grow_with_rows(people, lambeth_csp, django_assert_max_num_queries, name):
    role, url_of = PAGES[name]
    plan = ready_plan(organisation=lambeth_csp, financial_year=this_year())
    client = APIClient() if name.startswith("api") else client_for(people[role])
    if name.startswith("api"):
        client.force_login(people[role])
    url = url_of(plan)
    grow(plan, boroughs=slice(0, 1), actions=2)
    client.get(url)  # warm the session and the content-type cache
    small = count(client, url)

    grow(plan, boroughs=slice(1, 8), actions=12)

    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(client, url)
    assert small == large


def test_assess_and_progress_pages_do_not_grow_with_rows(people, lambeth_csp):
    staff, partner = client_for(people["staff"]), client_for(people["partner"])
    submitted = ready_plan(organisation=lambeth_csp, status=PlanStatus.SUBMITTED, financial_year=this_year() - 1)
    accepted = ready_plan(organisation=lambeth_csp, status=PlanStatus.ACCEPTED)
    assess_url = reverse("partners:plan-assess", args=[submitted.pk])
    progress_url = reverse("partners:plan-progress", args=[accepted.pk])
    PlanAssessmentFactory(plan=submitted, decision="return", changes_required="More on victims.")
    staff.get(assess_url)
    partner.get(progress_url)
    small = (count(staff, assess_url), count(partner, progress_url))

    for plan in (submitted, accepted):
        for number in range(16):
            ActionUpdateFactory(action=PlanActionFactory(plan=plan, theme=theme(number % 8 + 1)), quarter=1)
    PlanAssessmentFactory(plan=submitted, decision="return", changes_required="More on victims.")
    assert PlanAssessment.objects.count() == 2

    assert (count(staff, assess_url), count(partner, progress_url)) == small
