from datetime import date
from decimal import Decimal

import pytest

from programmes import services
from programmes.history import programme_history
from programmes.models import Objective
from programmes.periods import FinancialQuarter
from programmes.services import PeriodValue
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_history_says_who_changed_what_newest_first(staff_user, manager_user):
    programme = services.programme_create(
        user=staff_user,
        title="Parenting network",
        objectives=[Objective.objects.get(number=2)],
        lead_officer=staff_user,
        status="planned",
        start_date=date(2025, 4, 1),
        end_date=date(2026, 3, 31),
        budget=Decimal("40000"),
    )
    services.programme_update(
        programme=programme,
        user=manager_user,
        status="active",
        objectives=[Objective.objects.get(number=2), Objective.objects.get(number=1)],
    )
    services.indicator_save(
        programme=programme,
        user=manager_user,
        name="Parents supported",
        unit="parents",
        values=[PeriodValue(FinancialQuarter(2025, 1), Decimal("50"))],
    )
    entries = programme_history(programme=programme)
    assert [(e.action, e.subject, e.who) for e in entries] == [
        ("Changed", "Targets and actuals of “Parents supported”", "Manager Persona"),
        ("Created", "Indicator “Parents supported”", "Manager Persona"),
        ("Changed", "Programme", "Manager Persona"),
        ("Created", "Programme", "Staff Persona"),
    ]
    assert [(c.field, c.old, c.new) for c in entries[0].changes] == [("2025-26 Q1 target", "–", "50")]
    changes = {c.field: (c.old, c.new) for c in entries[2].changes}
    assert changes["Status"] == ("Planned", "Active")
    assert changes["Objectives"] == (
        "2. Supporting stronger families",
        "1. Supporting individuals to be more resilient; 2. Supporting stronger families",
    )


def test_saving_without_changes_adds_no_entry(staff_user):
    programme = ProgrammeFactory()
    before = len(programme_history(programme=programme))
    services.programme_update(programme=programme, user=staff_user, title=programme.title)
    assert len(programme_history(programme=programme)) == before


def test_figures_saved_together_read_as_one_change(staff_user, manager_user):
    programme = ProgrammeFactory()
    indicator = services.indicator_save(
        programme=programme,
        user=staff_user,
        name="Reached",
        unit="young people",
        values=[
            PeriodValue(FinancialQuarter(2025, 1), Decimal("10"), Decimal("9")),
            PeriodValue(FinancialQuarter(2025, 2), Decimal("12")),
        ],
    )
    services.indicator_save(
        programme=programme,
        indicator=indicator,
        user=manager_user,
        values=[PeriodValue(FinancialQuarter(2025, 2), Decimal("12"), Decimal("11.5"))],
    )
    latest, first = programme_history(programme=programme)[:2]
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("2025-26 Q1 target", "10", "–"),
        ("2025-26 Q1 actual", "9", "–"),
        ("2025-26 Q2 actual", "–", "11.5"),
    ]
    assert [(c.field, c.old, c.new) for c in first.changes] == [
        ("2025-26 Q1 target", "–", "10"),
        ("2025-26 Q1 actual", "–", "9"),
        ("2025-26 Q2 target", "–", "12"),
    ]
