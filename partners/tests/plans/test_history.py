"""The change history on a plan's page for VRU staff: who, when, what, from the history records."""

from dataclasses import replace
from datetime import date

import pytest

from partners.models import PlanStatus
from partners.selectors.plans import plan_history
from partners.services.plans import ActionRow, plan_start, plan_submit, theme_actions_save
from partners.tests.plans.factories import ready_plan, theme

pytestmark = pytest.mark.django_db


def test_the_history_names_who_changed_what(partner_user, lambeth_csp, staff_client):
    plan = plan_start(organisation=lambeth_csp, user=partner_user, financial_year=2025)
    row = ActionRow(
        action="Knife arches at Brixton station",
        outcome="Fewer knives carried",
        lead="Inspector, Central South",
        lead_organisations="Met Police",
        start_date=date(2025, 4, 1),
        end_date=date(2026, 3, 31),
    )
    [action] = theme_actions_save(plan=plan, theme=theme(3), user=partner_user, rows=[row], mark_complete=False)
    changed = replace(row, id=action.pk, rag="amber")
    theme_actions_save(plan=plan, theme=theme(3), user=partner_user, rows=[changed], mark_complete=True)

    entries = plan_history(plan=plan)

    subjects = [(entry.action, entry.subject) for entry in entries]
    assert ("Created", "Plan") in subjects
    assert ("Created", "Action “Knife arches at Brixton station”") in subjects
    rag_change = next(e for e in entries if e.subject.startswith("Action") and e.action == "Changed")
    assert [(c.field, c.old, c.new) for c in rag_change.changes] == [("RAG status", "Green", "Amber")]
    assert rag_change.who == "Partner Persona"
    section = next(e for e in entries if e.subject == "Section “Reducing access to weapons”" and e.action == "Changed")
    assert [(c.old, c.new) for c in section.changes] == [("No", "Yes")]

    page = staff_client.get(plan.get_absolute_url()).content.decode()
    assert "RAG status: Green → Amber" in page


def test_submission_and_assessment_are_in_the_history(partner_user, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp)
    plan_submit(plan=plan, user=partner_user)

    entries = plan_history(plan=plan)

    submitted = next(e for e in entries if e.subject == "Plan" and e.action == "Changed")
    assert ("Status", "Draft", "Submitted") in [(c.field, c.old, c.new) for c in submitted.changes]
    assert submitted.who == "Partner Persona"


def test_partners_do_not_see_the_history(partner_client, lambeth_csp):
    plan = ready_plan(organisation=lambeth_csp, status=PlanStatus.ACCEPTED)

    page = partner_client.get(plan.get_absolute_url()).content.decode()

    assert "Change history" not in page
