"""A grant's page shows its terms, payments with their status, returns with due and overdue tags,
variations with their reasons, and (to VRU staff only) the change history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissioning.services.grants import grant_update, grant_vary, tranche_pay
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import accepted, grant_for, return_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(org_a, people):
    grant = grant_for(org_a)
    grant_update(
        grant=grant,
        user=people["staff"],
        conditions="Report every quarter.",
        agreement_signed_on=date(2026, 4, 10),
        programme=None,
    )
    tranche_pay(tranche=grant.tranches.get(number=1), user=people["staff"], paid_on=date(2026, 4, 20))
    accepted(return_of(grant, 1), people["staff"], user=people["partner"])
    grant_vary(
        grant=grant,
        user=people["manager"],
        reason="Extra summer sessions agreed at panel.",
        amount=Decimal("44000.00"),
        today=date(2026, 8, 1),
    )
    return grant


def test_the_grantee_sees_terms_payments_returns_and_variations(people, grant):
    today = timezone.localdate()
    due_today = return_of(grant, 4)
    due_today.due_on = today
    due_today.save()
    overdue = return_of(grant, 2)
    overdue.due_on = today - timedelta(days=1)
    overdue.save()

    response = client_for(people["partner"]).get(grant.get_absolute_url())

    body = response.content.decode()
    for text in (
        "£44,000.00",
        "Report every quarter.",
        "10 April 2026",
        "Paid so far",
        "20 Apr 2026",
        "Extra summer sessions agreed at panel.",
        "£40,000.00 → £44,000.00",
        "Lambeth, Southwark",
    ):
        assert text in body, text
    assert 'govuk-tag--green">Paid' in body
    assert ">Released<" in body
    assert ">Scheduled<" in body
    assert ">Accepted<" in body
    assert body.count('govuk-tag--red">Overdue') == 1
    assert "Change history" not in body
    assert "Staff Persona" in body  # who submitted and accepted a return is always shown


def test_staff_see_the_change_history_with_who_did_what(people, grant):
    response = client_for(people["staff"]).get(grant.get_absolute_url())

    history = response.context["history"]
    subjects = {(entry.subject, entry.who) for entry in history}
    assert ("Payment 1", "Staff Persona") in subjects
    assert ("Grant", "Manager Persona") in subjects
    variation = next(e for e in history if e.subject == "Grant" and e.who == "Manager Persona")
    assert variation.reason == "Variation: Extra summer sessions agreed at panel."
    assert any(change.field == "Amount" and change.new == "£44,000.00" for change in variation.changes)
    assert "Change history" in response.content.decode()


def test_the_grantee_has_a_link_to_fill_in_an_open_return(people, grant):
    body = client_for(people["partner"]).get(grant.get_absolute_url()).content.decode()

    assert f"/commissioning/returns/{return_of(grant, 2).pk}/edit/" in body
    assert f"/commissioning/returns/{return_of(grant, 1).pk}/edit/" not in body
