"""Accepted returns' indicator actuals roll up into the linked programme's indicators: for each indicator and
quarter, the programme's actual is the sum over every accepted return of that quarter."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning.models import ReturnStatus, TrancheStatus
from commissioning.services.grants import grant_update
from commissioning.services.returns import ActualRow, return_accept
from commissioning.tests.grants.factories import grant_for, return_of, submitted
from programmes.history import programme_history
from programmes.models import IndicatorValue
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(start_date=date(2026, 4, 1), end_date=date(2027, 3, 31))


@pytest.fixture
def mentored(programme):
    return IndicatorFactory(programme=programme, name="Young people mentored")


@pytest.fixture
def sessions(programme):
    return IndicatorFactory(programme=programme, name="Sessions run")


def linked(grant, programme, staff):
    grant_update(grant=grant, user=staff, conditions="", agreement_signed_on=None, programme=programme)
    return grant


def send(grant, quarter, **actuals):
    """Submit the grant's return for ``quarter`` with these actuals (by indicator object)."""
    rows = [ActualRow(indicator.pk, Decimal(value)) for indicator, value in actuals.values()]
    return submitted(return_of(grant, quarter), actuals=rows)


def value_of(indicator, quarter=1):
    return IndicatorValue.objects.filter(indicator=indicator, financial_year=2026, quarter=quarter).first()


def test_the_programme_gets_the_sum_of_every_accepted_return_of_the_quarter(
    org_a, org_b, programme, mentored, sessions, staff_user, manager_user
):
    IndicatorValueFactory(indicator=mentored, financial_year=2026, quarter=1, target=Decimal("100"), actual=None)
    first = linked(grant_for(org_a), programme, staff_user)
    second = linked(grant_for(org_b), programme, staff_user)
    a = send(first, 1, m=(mentored, "30"), s=(sessions, "8"))
    b = send(second, 1, m=(mentored, "12.5"))
    send(first, 2, m=(mentored, "99"))  # submitted but not accepted: not counted

    return_accept(monitoring_return=a, user=staff_user)
    assert (value_of(mentored).target, value_of(mentored).actual) == (Decimal("100"), Decimal("30"))
    assert value_of(sessions).actual == Decimal("8")

    return_accept(monitoring_return=b, user=manager_user)
    assert value_of(mentored).actual == Decimal("42.5")
    assert value_of(mentored).target == Decimal("100")
    assert value_of(sessions).actual == Decimal("8")
    assert value_of(mentored, quarter=2) is None


def test_accepting_a_return_replaces_a_figure_typed_in_for_the_quarter(org_a, programme, mentored, staff_user):
    IndicatorValueFactory(indicator=mentored, financial_year=2026, quarter=1, target=Decimal("50"), actual=Decimal("7"))
    grant = linked(grant_for(org_a), programme, staff_user)

    return_accept(monitoring_return=send(grant, 1, m=(mentored, "20")), user=staff_user)

    assert value_of(mentored).actual == Decimal("20")


def test_the_programme_history_records_who_changed_the_figure(org_a, programme, mentored, staff_user):
    grant = linked(grant_for(org_a), programme, staff_user)

    return_accept(monitoring_return=send(grant, 1, m=(mentored, "20")), user=staff_user)

    entry = next(e for e in programme_history(programme=programme) if "Young people mentored" in e.subject)
    assert entry.who == "Staff Persona"
    assert any(change.field == "2026-27 Q1 actual" and change.new == "20" for change in entry.changes)


def test_a_quarter_outside_the_programme_is_refused_with_nothing_saved(org_a, mentored, staff_user):
    programme = mentored.programme
    programme.end_date = date(2026, 9, 30)
    programme.save()
    grant = linked(grant_for(org_a), programme, staff_user)
    q1 = send(grant, 1, m=(mentored, "20"))
    q1_late = q1.period  # inside the programme: fine
    assert q1_late.overlaps(programme.start_date, programme.end_date)
    return_accept(monitoring_return=q1, user=staff_user)
    q3 = return_of(grant, 3)
    q3.indicator_actuals.create(indicator=mentored, actual=Decimal("5"))
    q3.status, q3.submitted_at = ReturnStatus.SUBMITTED, q1.submitted_at
    q3.save()

    with pytest.raises(ValidationError) as error:
        return_accept(monitoring_return=q3, user=staff_user)

    assert "2026-27 Q3 is outside the programme" in error.value.messages[0]
    q3.refresh_from_db()
    assert q3.status == ReturnStatus.SUBMITTED
    assert grant.tranches.get(condition_return=q3).status == TrancheStatus.SCHEDULED
    assert value_of(mentored, quarter=3) is None


def test_a_return_without_actuals_changes_no_indicator(org_a, programme, mentored, staff_user):
    grant = linked(grant_for(org_a), programme, staff_user)

    return_accept(monitoring_return=submitted(return_of(grant)), user=staff_user)

    assert not IndicatorValue.objects.filter(indicator=mentored).exists()
