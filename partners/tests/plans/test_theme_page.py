"""A theme's page: its actions as rows, "Add another action", removing a row, the two ways to save,
and every problem beside its field and in the summary, with nothing saved."""

import re

import pytest
from django.urls import reverse

from partners.models import PlanAction, PlanSection
from partners.tests.plans.factories import BoroughPlanFactory, PlanActionFactory, theme

pytestmark = pytest.mark.django_db


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)


def row(index: int, **values) -> dict:
    fields = {
        "id": "",
        "action": "Weapons sweeps with Safer Schools officers in the six secondary schools with most knife incidents",
        "outcome": "No weapons found on school sites by the summer term",
        "lead": "Head of community safety",
        "lead_organisations": "Lambeth Council; Met Police Central South BCU",
        "start_date": "2026-04-01",
        "end_date": "2027-03-31",
        "rag": "green",
    } | values
    return {f"actions-{index}-{name}": value for name, value in fields.items()}


def formset(*rows, step="later") -> dict:
    data = {"actions-TOTAL_FORMS": str(len(rows)), "actions-INITIAL_FORMS": "0", "step": step}
    for values in rows:
        data |= values
    return data


def blank(index: int) -> dict:
    return row(index, action="", outcome="", lead="", lead_organisations="", start_date="", end_date="")


@pytest.fixture
def plan(lambeth_csp):
    return BoroughPlanFactory(organisation=lambeth_csp)


def url(plan, number=3):
    return reverse("partners:plan-theme", args=[plan.pk, number])


def section(plan, number=3):
    return PlanSection.objects.get(plan=plan, theme__number=number)


def test_the_page_shows_the_actions_and_a_blank_row(partner_client, plan):
    PlanActionFactory(plan=plan, theme=theme(3), action="Knife arches at Brixton station")

    page = partner_client.get(url(plan)).content.decode()

    assert '<h1 class="govuk-heading-l">Reducing access to weapons</h1>' in page
    assert "Knife arches at Brixton station" in page
    assert 'name="actions-TOTAL_FORMS" value="2"' in page
    assert "Save and come back later" in page
    assert "Save and mark as complete" in page
    assert "Add another action" in page


def test_save_and_come_back_later_keeps_the_section_incomplete(partner_client, plan):
    response = partner_client.post(url(plan), formset(row(0), blank(1), step="later"))

    assert response.url == plan.get_absolute_url()
    action = PlanAction.objects.get()
    assert action.theme.number == 3
    assert action.lead_organisations == "Lambeth Council; Met Police Central South BCU"
    assert not section(plan).completed
    page = partner_client.get(response.url).content.decode()
    assert "“Reducing access to weapons” saved. It is not marked as complete yet." in page
    assert re.search(r'id="theme-3-status">\s*<strong class="govuk-tag govuk-tag--teal">In progress', page)


def test_save_and_mark_as_complete(partner_client, plan):
    partner_client.post(
        url(plan), formset(row(0), row(1, action="Test purchases of knives in local shops"), step="complete")
    )

    assert section(plan).completed
    assert list(PlanAction.objects.values_list("order", "action")) == [
        (0, "Weapons sweeps with Safer Schools officers in the six secondary schools with most knife incidents"),
        (1, "Test purchases of knives in local shops"),
    ]
    page = partner_client.get(plan.get_absolute_url()).content.decode()
    assert re.search(r'id="theme-3-status">\s*Completed', page)


def test_marking_complete_needs_an_action(partner_client, plan):
    response = partner_client.post(url(plan), formset(blank(0), step="complete"))

    assert response.status_code == 200
    assert summary_links(response.content.decode()) == [
        ("#actions", "Add at least one action before you mark this theme as complete.")
    ]
    assert not section(plan).completed


def test_add_another_action_keeps_what_was_typed_and_adds_a_row(partner_client, plan):
    response = partner_client.post(url(plan), formset(row(0, lead="Ms A Lead"), step="add"))

    page = response.content.decode()
    assert 'name="actions-TOTAL_FORMS" value="2"' in page
    assert 'value="Ms A Lead"' in page
    assert "There is a problem" not in page
    assert not PlanAction.objects.exists(), "adding a row saves nothing"


def test_add_another_action_does_not_complain_about_a_half_filled_row(partner_client, plan):
    response = partner_client.post(url(plan), formset(row(0, outcome="", end_date=""), step="add"))

    page = response.content.decode()
    assert "There is a problem" not in page
    assert 'name="actions-TOTAL_FORMS" value="2"' in page


def test_an_end_date_before_the_start_is_refused_beside_the_field_and_nothing_is_saved(partner_client, plan):
    PlanActionFactory(plan=plan, theme=theme(3), action="Kept as it was")
    existing = PlanAction.objects.get()
    data = formset(
        row(0, id=str(existing.pk), action="Changed"),
        row(1, start_date="2026-09-01", end_date="2026-06-30"),
        step="complete",
    )

    response = partner_client.post(url(plan), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert summary_links(html) == [
        ("#id_actions-1-end_date", "Action 2: The end date must be the same as or after the start date.")
    ]
    assert 'id="id_actions-1-end_date-error"' in html
    assert 'value="2026-06-30"' in html, "what the user typed is kept"
    assert list(PlanAction.objects.values_list("action", flat=True)) == ["Kept as it was"]
    assert not section(plan).completed


def test_missing_fields_are_named_row_by_row(partner_client, plan):
    data = formset(row(0, outcome="", lead=""), row(1, start_date="not a date"), step="later")

    html = partner_client.post(url(plan), data).content.decode()

    assert summary_links(html) == [
        ("#id_actions-0-outcome", "Action 1: Enter the outcome."),
        ("#id_actions-0-lead", "Action 1: Enter the named lead."),
        ("#id_actions-1-start_date", "Action 2: Enter the start date as a real date."),
    ]
    assert not PlanAction.objects.exists()


def test_a_ticked_row_is_removed_when_saving(partner_client, plan):
    keep = PlanActionFactory(plan=plan, theme=theme(3), action="Keep me")
    drop = PlanActionFactory(plan=plan, theme=theme(3), action="Remove me")
    data = formset(
        row(0, id=str(keep.pk), action="Keep me"),
        row(1, id=str(drop.pk), action="Remove me", **{"DELETE": "on"}),
        step="later",
    )

    partner_client.post(url(plan), data)

    assert list(PlanAction.objects.values_list("action", flat=True)) == ["Keep me"]
    assert PlanAction.history.filter(id=drop.pk, history_type="-").get().history_user.username == "partner"


def test_a_ticked_row_with_problems_is_removed_without_complaint(partner_client, plan):
    drop = PlanActionFactory(plan=plan, theme=theme(3))
    data = formset(row(0, id=str(drop.pk), outcome="", **{"DELETE": "on"}), step="later")

    response = partner_client.post(url(plan), data)

    assert response.status_code == 302
    assert not PlanAction.objects.exists()


def test_an_action_of_another_theme_cannot_be_changed_from_this_page(partner_client, plan):
    elsewhere = PlanActionFactory(plan=plan, theme=theme(7), action="Summer football")

    response = partner_client.post(url(plan), formset(row(0, id=str(elsewhere.pk)), step="later"))

    assert "This action is no longer in the plan" in response.content.decode()
    assert PlanAction.objects.get().action == "Summer football"


def test_saving_unchanged_rows_writes_no_history(partner_client, plan):
    action = PlanActionFactory(plan=plan, theme=theme(3), order=0)
    before = PlanAction.history.count()
    data = formset(
        row(
            0,
            id=str(action.pk),
            action=action.action,
            outcome=action.outcome,
            lead=action.lead,
            lead_organisations=action.lead_organisations,
            start_date=action.start_date.isoformat(),
            end_date=action.end_date.isoformat(),
        ),
        step="later",
    )

    partner_client.post(url(plan), data)

    assert PlanAction.history.count() == before
