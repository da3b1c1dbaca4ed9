"""The plans API as a client sees it: who reads what, actions written by the partnership only while
the plan is editable, 404 for another borough's, 400 with the field for bad input."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import PlanAction, PlanStatus
from partners.tests.plans.factories import BoroughPlanFactory, PlanActionFactory, csp_of, ready_plan, theme

pytestmark = pytest.mark.django_db

PLANS = reverse("api:plan-list")
ACTIONS = reverse("api:plan-action-list")


def api(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def action_payload(plan, **changes):
    return {
        "plan": plan.pk,
        "theme": theme(3).pk,
        "action": "Test purchases of knives in shops near the six secondary schools",
        "outcome": "No shop sells a knife to an under-18 in a test purchase",
        "lead": "Trading standards manager",
        "lead_organisations": "Lambeth Trading Standards",
        "start_date": f"{plan.financial_year}-05-01",
        "end_date": f"{plan.financial_year + 1}-02-28",
        "rag": "green",
    } | changes


@pytest.fixture
def plan(lambeth_csp):
    return BoroughPlanFactory(organisation=lambeth_csp)


@pytest.fixture
def croydon_plan():
    return BoroughPlanFactory(organisation=csp_of("Croydon"))


READ = {
    # role: (list status, ids seen, detail of Lambeth's plan)
    "admin": (200, "both", 200),
    "staff": (200, "both", 200),
    "manager": (200, "both", 200),
    "prg": (403, None, 403),
    "partner": (200, "lambeth", 200),
    "other_partner": (200, "croydon", 404),
    "anonymous": (401, None, 401),
}


@pytest.mark.parametrize("role", list(READ))
def test_who_reads_which_plans(people, plan, croydon_plan, role):
    list_status, seen, detail_status = READ[role]
    client = api(people[role])

    response = client.get(PLANS)

    assert response.status_code == list_status
    if seen:
        ids = {row["id"] for row in response.json()["results"]}
        expected = {"both": {plan.pk, croydon_plan.pk}, "lambeth": {plan.pk}, "croydon": {croydon_plan.pk}}[seen]
        assert ids == expected
    assert client.get(reverse("api:plan-detail", args=[plan.pk])).status_code == detail_status


def test_a_plan_carries_its_sections_and_reference(plan, partner_user):
    body = api(partner_user).get(reverse("api:plan-detail", args=[plan.pk])).json()

    assert body["reference"] == plan.reference
    assert body["borough_name"] == "Lambeth"
    assert body["is_editable"] is True
    assert [section["theme_number"] for section in body["sections"]] == list(range(1, 9))


def test_plans_filter_by_year_and_status(staff_user, plan, croydon_plan):
    BoroughPlanFactory(organisation=csp_of("Hackney"), financial_year=2024, status=PlanStatus.ACCEPTED)
    client = api(staff_user)

    assert client.get(PLANS, {"financial_year": 2024}).json()["count"] == 1
    assert client.get(PLANS, {"status": "draft"}).json()["count"] == 2
    assert client.get(PLANS, {"status": "nonsense"}).status_code == 400


WRITE = {
    # role: status of creating an action on Lambeth's draft plan
    "admin": 403,
    "staff": 403,
    "manager": 403,
    "prg": 403,
    "partner": 201,
    "other_partner": 400,  # Lambeth's plan is "does not exist" to Croydon
    "anonymous": 401,
}


@pytest.mark.parametrize("role", list(WRITE))
def test_who_writes_a_plans_actions(people, plan, role):
    response = api(people[role]).post(ACTIONS, action_payload(plan), format="json")

    assert response.status_code == WRITE[role]
    assert PlanAction.objects.count() == (1 if WRITE[role] == 201 else 0)


def test_the_partnership_creates_changes_and_deletes_an_action(partner_user, plan):
    client = api(partner_user)

    created = client.post(ACTIONS, action_payload(plan), format="json")
    assert created.status_code == 201
    action = PlanAction.objects.get()
    assert action.history.get().history_user == partner_user
    url = reverse("api:plan-action-detail", args=[action.pk])

    changed = client.patch(url, {"rag": "amber"}, format="json")
    assert changed.status_code == 200 and changed.json()["rag"] == "amber"

    assert client.delete(url).status_code == 204
    assert not PlanAction.objects.exists()


def test_an_end_date_before_the_start_is_a_400_on_the_field(partner_user, plan):
    response = api(partner_user).post(
        ACTIONS, action_payload(plan, end_date=f"{plan.financial_year}-04-01"), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"end_date": ["The end date must be the same as or after the start date."]}
    assert not PlanAction.objects.exists()


def test_a_missing_field_is_a_400(partner_user, plan):
    payload = action_payload(plan)
    del payload["outcome"]

    response = api(partner_user).post(ACTIONS, payload, format="json")

    assert response.status_code == 400
    assert "outcome" in response.json()


def test_an_edit_to_a_submitted_plan_is_refused_and_nothing_changes(partner_user, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp, status=PlanStatus.SUBMITTED)
    action = plan.actions.get(theme__number=3)
    client = api(partner_user)
    url = reverse("api:plan-action-detail", args=[action.pk])
    locked = {"non_field_errors": ["This plan has been submitted and can no longer be changed."]}

    changed = client.patch(url, {"action": "Sneaked in after submission"}, format="json")
    created = client.post(ACTIONS, action_payload(plan), format="json")
    deleted = client.delete(url)

    assert (changed.status_code, changed.json()) == (400, locked)
    assert (created.status_code, created.json()) == (400, locked)
    assert (deleted.status_code, deleted.json()) == (400, locked)
    action.refresh_from_db()
    assert action.action == "Reducing access to weapons: first action"
    assert plan.actions.count() == 8
    assert action.history.count() == 1


def test_another_boroughs_actions_are_404(other_partner, plan):
    action = PlanActionFactory(plan=plan)
    client = api(other_partner)
    url = reverse("api:plan-action-detail", args=[action.pk])

    assert client.get(url).status_code == 404
    assert client.patch(url, {"rag": "red"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(ACTIONS).json()["count"] == 0
    action.refresh_from_db()
    assert action.rag == "green"


def test_staff_read_actions_but_cannot_change_them(staff_user, plan):
    action = PlanActionFactory(plan=plan)
    client = api(staff_user)

    assert client.get(reverse("api:plan-action-detail", args=[action.pk])).status_code == 200
    assert (
        client.patch(reverse("api:plan-action-detail", args=[action.pk]), {"rag": "red"}, format="json").status_code
        == 403
    )


def test_an_action_cannot_move_to_another_plan(partner_user, lambeth_csp, plan):
    other = BoroughPlanFactory(organisation=lambeth_csp, financial_year=plan.financial_year - 1)
    action = PlanActionFactory(plan=plan)

    response = api(partner_user).patch(
        reverse("api:plan-action-detail", args=[action.pk]), {"plan": other.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"plan": ["An action cannot move to another plan."]}


def test_actions_filter_by_plan_and_theme(staff_user, plan, croydon_plan):
    PlanActionFactory(plan=plan, theme=theme(3))
    PlanActionFactory(plan=plan, theme=theme(7))
    PlanActionFactory(plan=croydon_plan, theme=theme(3))
    client = api(staff_user)

    assert client.get(ACTIONS, {"plan": plan.pk}).json()["count"] == 2
    assert client.get(ACTIONS, {"plan": plan.pk, "theme": theme(7).pk}).json()["count"] == 1
    assert client.get(ACTIONS, {"theme": theme(3).pk}).json()["count"] == 2
