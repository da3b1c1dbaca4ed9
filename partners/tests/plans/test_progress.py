"""Quarterly updates on an accepted plan: each action's RAG and progress, one update per action per quarter."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partners.models import ActionUpdate, PlanStatus
from partners.services.plans import UpdateRow, action_updates_save
from partners.tests.plans.factories import ActionUpdateFactory, BoroughPlanFactory, PlanActionFactory, theme
from partners.tests.plans.test_theme_page import summary_links
from programmes.periods import FinancialQuarter

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(lambeth_csp):
    plan = BoroughPlanFactory(organisation=lambeth_csp, status=PlanStatus.ACCEPTED)
    PlanActionFactory(plan=plan, theme=theme(3), action="Knife arches at stations", rag="green")
    PlanActionFactory(plan=plan, theme=theme(7), action="Holiday football", rag="amber")
    return plan


def url(plan):
    return reverse("partners:plan-progress", args=[plan.pk])


def now_quarter() -> FinancialQuarter:
    return FinancialQuarter.containing(timezone.localdate())


def update_data(plan, quarter=None, **overrides) -> dict:
    data = {"quarter": str((quarter or now_quarter()).quarter)}
    for action in plan.actions.all():
        data[f"rag_{action.pk}"] = "amber"
        data[f"progress_{action.pk}"] = f"Progress on {action.action}"
    return data | overrides


def test_the_page_offers_the_current_quarter_by_default(partner_client, plan):
    page = partner_client.get(url(plan)).content.decode()

    assert f"Quarterly update: {now_quarter().long_label}" in page
    assert "Knife arches at stations" in page and "Holiday football" in page


def test_partner_gives_the_quarterly_update(partner_client, partner_user, plan):
    response = partner_client.post(url(plan), update_data(plan))

    assert response.url == plan.get_absolute_url()
    quarter = now_quarter()
    updates = ActionUpdate.objects.order_by("action__theme__number")
    assert [(u.financial_year, u.quarter, u.rag, u.updated_by) for u in updates] == [
        (quarter.year, quarter.quarter, "amber", partner_user)
    ] * 2
    page = partner_client.get(response.url).content.decode()
    assert f"Your {quarter.label} update is saved." in page
    assert "Progress on Knife arches at stations" in page


def test_giving_it_again_changes_the_quarters_update_in_place(partner_client, plan):
    partner_client.post(url(plan), update_data(plan))
    action = plan.actions.get(action="Knife arches at stations")

    partner_client.post(url(plan), update_data(plan, **{f"rag_{action.pk}": "red"}))

    assert ActionUpdate.objects.count() == 2
    update = ActionUpdate.objects.get(action=action)
    assert update.rag == "red"
    assert [row.rag for row in update.history.order_by("history_date")] == ["amber", "red"]


def test_missing_progress_is_refused_and_nothing_is_saved(partner_client, plan):
    action = plan.actions.get(action="Holiday football")

    response = partner_client.post(url(plan), update_data(plan, **{f"progress_{action.pk}": ""}))

    assert summary_links(response.content.decode()) == [
        (f"#id_progress_{action.pk}", "Enter the progress on action 2 this quarter.")
    ]
    assert not ActionUpdate.objects.exists()


def test_a_quarter_that_has_not_started_is_refused(partner_client, partner_user, plan):
    future = now_quarter().next()
    action = plan.actions.first()

    with pytest.raises(ValidationError):
        action_updates_save(
            plan=plan,
            user=partner_user,
            quarter=FinancialQuarter(plan.financial_year, future.quarter)
            if future.year == plan.financial_year
            else future,
            rows=[UpdateRow(a, "green", "x") for a in plan.actions.all()],
            today=timezone.localdate(),
        )
    if future.year == plan.financial_year:
        response = partner_client.post(url(plan), update_data(plan, quarter=future))
        assert "Select a valid choice" in response.content.decode()
    assert not ActionUpdate.objects.filter(action=action).exists()


def test_an_earlier_quarter_of_the_year_can_be_chosen(partner_client, plan):
    page = partner_client.get(url(plan), {"quarter": "1"}).content.decode()

    assert f"Quarterly update: {FinancialQuarter(plan.financial_year, 1).long_label}" in page


def test_the_form_starts_from_the_latest_rag(partner_client, plan):
    action = plan.actions.get(action="Holiday football")
    ActionUpdateFactory(action=action, quarter=1, rag="red")
    quarter = now_quarter()
    if quarter.quarter == 1:
        pytest.skip("needs a quarter after the first")

    page = partner_client.get(url(plan)).content.decode()

    assert f'name="rag_{action.pk}" value="red" id="id_rag_{action.pk}_0" checked' in page


def test_updates_are_only_for_an_accepted_plan(partner_client, partner_user, lambeth_csp):
    draft = BoroughPlanFactory(organisation=lambeth_csp, financial_year=2020)
    action = PlanActionFactory(plan=draft)

    response = partner_client.get(url(draft))
    assert response.status_code == 403
    assert "Quarterly updates start once the VRU has accepted the plan." in response.content.decode()
    with pytest.raises(ValidationError, match="accepted plan"):
        action_updates_save(
            plan=draft,
            user=partner_user,
            quarter=FinancialQuarter(2020, 1),
            rows=[UpdateRow(action, "green", "x")],
            today=date(2020, 7, 1),
        )


def test_a_quarter_of_another_year_is_refused(partner_user, plan):
    with pytest.raises(ValidationError, match="Choose a quarter of"):
        action_updates_save(
            plan=plan,
            user=partner_user,
            quarter=FinancialQuarter(plan.financial_year - 1, 4),
            rows=[UpdateRow(a, "green", "x") for a in plan.actions.all()],
            today=timezone.localdate(),
        )
    assert not ActionUpdate.objects.exists()
