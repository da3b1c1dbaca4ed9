"""The London view's figures on a small hand-made set of plans."""

from datetime import date

import pytest
from django.urls import reverse

from partners.models import Borough, PlanStatus
from partners.selectors.plans import london_view
from partners.tests.plans.factories import (
    ActionUpdateFactory,
    BoroughPlanFactory,
    PlanActionFactory,
    theme,
    this_year,
)
from programmes.periods import FinancialQuarter, financial_year_label

pytestmark = pytest.mark.django_db

TODAY = date(2025, 11, 1)  # in 2025-26 Q3, so Q2 (July to September) is the update due


def plan_of(name, status, year=2025):
    return BoroughPlanFactory(borough_name=name, financial_year=year, status=status)


@pytest.fixture
def plans():
    lambeth = plan_of("Lambeth", PlanStatus.ACCEPTED)
    # Theme 3: A was red in Q1 but green in Q2 (its latest); B is amber and never updated: worst is amber.
    a = PlanActionFactory(plan=lambeth, theme=theme(3), rag="green")
    ActionUpdateFactory(action=a, quarter=1, rag="red")
    ActionUpdateFactory(action=a, quarter=2, rag="green")
    PlanActionFactory(plan=lambeth, theme=theme(3), rag="amber")
    # Theme 7: C is green in the plan, red in its Q2 update.
    c = PlanActionFactory(plan=lambeth, theme=theme(7), rag="green")
    ActionUpdateFactory(action=c, quarter=2, rag="red")

    croydon = plan_of("Croydon", PlanStatus.SUBMITTED)
    PlanActionFactory(plan=croydon, theme=theme(1), rag="green")
    southwark = plan_of("Southwark", PlanStatus.DRAFT)
    PlanActionFactory(plan=southwark, theme=theme(1), rag="red")
    plan_of("Hackney", PlanStatus.RETURNED)
    newham = plan_of("Newham", PlanStatus.ACCEPTED)
    d = PlanActionFactory(plan=newham, theme=theme(2), rag="green")
    ActionUpdateFactory(action=d, quarter=2, rag="green")
    plan_of("Westminster", PlanStatus.ACCEPTED, year=2024)
    return {"lambeth": lambeth, "croydon": croydon, "newham": newham}


def rows_by_name(view):
    return {row.borough.name: row for row in view.rows}


def test_each_theme_shows_the_worst_latest_rag(plans):
    view = london_view(year=2025, today=TODAY)
    rows = rows_by_name(view)

    assert len(view.rows) == Borough.objects.count() == 33
    assert rows["Lambeth"].rags == [None, None, "amber", None, None, None, "red", None]
    assert rows["Croydon"].rags[0] == "green"
    assert rows["Newham"].rags[1] == "green"
    assert not rows["Southwark"].shows_rags, "a draft's RAGs are not shown"
    assert rows["Westminster"].plan is None, "last year's plan is not this year's"


def test_missing_plans_are_boroughs_with_no_submitted_plan(plans):
    view = london_view(year=2025, today=TODAY)
    missing = {row.borough.name: row.plan_state for row in view.missing_plans}

    assert len(missing) == 30
    assert missing["Southwark"] == "Draft"
    assert missing["Hackney"] == "Returned for changes"
    assert missing["Westminster"] == "Not started"
    assert {"Lambeth", "Croydon", "Newham"}.isdisjoint(missing)


def test_missing_updates_are_accepted_plans_without_the_last_quarters_update(plans):
    view = london_view(year=2025, today=TODAY)

    assert view.due_quarter == FinancialQuarter(2025, 2)
    assert [(row.borough.name, row.updated, row.actions) for row in view.missing_updates] == [("Lambeth", 2, 3)]


def test_no_update_is_due_before_the_first_quarter_ends(plans):
    view = london_view(year=2025, today=date(2025, 5, 1))

    assert view.due_quarter is None
    assert view.missing_updates == []


def test_a_past_year_is_due_its_last_quarter(plans):
    assert london_view(year=2024, today=TODAY).due_quarter == FinancialQuarter(2024, 4)


def test_the_stage_counts(plans):
    counts = dict(london_view(year=2025, today=TODAY).status_counts)

    assert counts == {"Accepted": 2, "Returned for changes": 1, "Submitted": 1, "Draft": 1, "Not started": 28}


def test_the_page_shows_rags_with_their_words_and_what_is_missing(staff_client, plans):
    page = staff_client.get(reverse("partners:london-plans"), {"year": "2025"}).content.decode()

    assert "London view 2025-26" in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in page
    assert "Missing plans (30)" in page
    assert "Returned for changes" in page


def test_the_page_defaults_to_this_year_and_refuses_a_year_off_the_list(staff_client):
    page = staff_client.get(reverse("partners:london-plans")).content.decode()
    assert f"London view {financial_year_label(this_year())}" in page

    response = staff_client.get(reverse("partners:london-plans"), {"year": "1999"})
    assert "Choose a financial year from the list." in response.content.decode()
