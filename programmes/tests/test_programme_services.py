from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partners.models import Borough
from programmes import services
from programmes.models import Indicator, IndicatorValue, Milestone, Objective, Programme
from programmes.periods import FinancialQuarter
from programmes.services import PeriodValue
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _fields(user, **overrides):
    fields = {
        "title": "Safer Schools Partnership",
        "objectives": [Objective.objects.get(number=5)],
        "lead_officer": user,
        "status": "active",
        "start_date": date(2025, 4, 1),
        "end_date": date(2027, 3, 31),
        "budget": Decimal("250000.00"),
        "boroughs": list(Borough.objects.filter(name__in=["Lambeth", "Croydon"])),
    }
    return fields | overrides


def test_programme_create_saves_fields_lists_and_who_did_it(staff_user):
    programme = services.programme_create(user=staff_user, **_fields(staff_user))
    assert programme.budget == Decimal("250000.00")
    assert [o.number for o in programme.objectives.all()] == [5]
    assert sorted(b.name for b in programme.boroughs.all()) == ["Croydon", "Lambeth"]
    record = programme.history.earliest()
    assert record.history_type == "+"
    assert record.history_user == staff_user


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": date(2025, 3, 31)}, "end_date", "The end date must be the same as or after the start date."),
        ({"budget": Decimal("-1.00")}, "budget", "The budget cannot be negative."),
        ({"objectives": []}, "objectives", "Select at least one objective."),
        ({"title": ""}, "title", "This field cannot be blank."),
    ],
)
def test_programme_create_refuses_bad_input_and_saves_nothing(staff_user, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        services.programme_create(user=staff_user, **_fields(staff_user, **overrides))
    assert message in caught.value.message_dict[field]
    assert Programme.objects.count() == 0


def test_programme_update_is_all_or_nothing(staff_user):
    programme = ProgrammeFactory(title="Before")
    with pytest.raises(ValidationError):
        services.programme_update(
            programme=programme,
            user=staff_user,
            title="After",
            objectives=[Objective.objects.get(number=1)],
            end_date=date(2020, 1, 1),
        )
    programme.refresh_from_db()
    assert programme.title == "Before"
    assert [o.number for o in programme.objectives.all()] == [5]


def test_programme_dates_cannot_shrink_past_recorded_values(staff_user):
    value = IndicatorValueFactory(financial_year=2026, quarter=4)
    programme = value.indicator.programme
    with pytest.raises(ValidationError) as caught:
        services.programme_update(programme=programme, user=staff_user, end_date=date(2026, 3, 31))
    assert "2026-27 Q4" in caught.value.message_dict["end_date"][0]
    programme.refresh_from_db()
    assert programme.end_date == date(2027, 3, 31)


def test_unknown_fields_are_a_programming_error(staff_user):
    with pytest.raises(TypeError):
        services.programme_create(user=staff_user, colour="blue", **_fields(staff_user))


def test_milestone_save_checks_done_date(staff_user):
    programme = ProgrammeFactory()
    milestone = services.milestone_save(
        programme=programme, user=staff_user, title="Launch", due_date=date(2025, 6, 1), owner=staff_user, rag="amber"
    )
    assert milestone.history.earliest().history_user == staff_user
    with pytest.raises(ValidationError) as caught:
        services.milestone_save(programme=programme, milestone=milestone, user=staff_user, done_date=date(2999, 1, 1))
    assert "future" in caught.value.message_dict["done_date"][0]
    assert Milestone.objects.get().done_date is None


def test_indicator_save_with_values_replaces_the_quarters(staff_user):
    programme = ProgrammeFactory()
    indicator = services.indicator_save(
        programme=programme,
        user=staff_user,
        name="Pupils reached",
        unit="pupils",
        values=[
            PeriodValue(FinancialQuarter(2025, 1), Decimal("100"), Decimal("80")),
            PeriodValue(FinancialQuarter(2025, 2), Decimal("100"), None),
        ],
    )
    assert [(v.period.label, v.target, v.actual) for v in indicator.values.all()] == [
        ("2025-26 Q1", Decimal("100.00"), Decimal("80.00")),
        ("2025-26 Q2", Decimal("100.00"), None),
    ]
    services.indicator_save(
        programme=programme,
        indicator=indicator,
        user=staff_user,
        values=[PeriodValue(FinancialQuarter(2025, 2), Decimal("120"), Decimal("95"))],
    )
    assert [(v.period.label, v.target, v.actual) for v in indicator.values.all()] == [
        ("2025-26 Q2", Decimal("120.00"), Decimal("95.00")),
    ]


def test_indicator_value_outside_the_programme_saves_nothing(staff_user):
    programme = ProgrammeFactory()
    with pytest.raises(services.IndicatorValuesError) as caught:
        services.indicator_save(
            programme=programme,
            user=staff_user,
            name="Pupils reached",
            unit="pupils",
            values=[
                PeriodValue(FinancialQuarter(2025, 1), Decimal("1")),
                PeriodValue(FinancialQuarter(2030, 1), Decimal("1")),
            ],
        )
    assert caught.value.row_errors == {
        1: "2030-31 Q1 is outside the programme, which runs from 1 Apr 2025 to 31 Mar 2027."
    }
    assert Indicator.objects.count() == 0
    assert IndicatorValue.objects.count() == 0


def test_the_same_quarter_twice_is_refused(staff_user):
    indicator = IndicatorFactory()
    with pytest.raises(services.IndicatorValuesError) as caught:
        services.indicator_save(
            programme=indicator.programme,
            indicator=indicator,
            user=staff_user,
            values=[
                PeriodValue(FinancialQuarter(2025, 1), Decimal("1")),
                PeriodValue(FinancialQuarter(2025, 1), Decimal("2")),
            ],
        )
    assert caught.value.row_errors == {1: "2025-26 Q1 is entered more than once."}


def test_indicator_delete_removes_its_values(staff_user):
    value = IndicatorValueFactory()
    services.indicator_delete(indicator=value.indicator, user=staff_user)
    assert not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_lead_officer_and_owner_must_be_vru_staff(staff_user, partner_user):
    with pytest.raises(ValidationError) as caught:
        services.programme_create(user=staff_user, **_fields(staff_user, lead_officer=partner_user))
    assert caught.value.message_dict["lead_officer"] == ["The lead officer must be an active member of VRU staff."]
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as caught:
        services.milestone_save(
            programme=programme, user=staff_user, title="Launch", due_date=date(2025, 6, 1), owner=partner_user
        )
    assert caught.value.message_dict["owner"] == ["The owner must be an active member of VRU staff."]
    assert not Programme.objects.exclude(pk=programme.pk).exists()
    assert not Milestone.objects.exists()


def test_row_errors_are_numbered_as_the_rows_were_given(staff_user):
    programme = ProgrammeFactory()
    with pytest.raises(services.IndicatorValuesError) as caught:
        services.indicator_save(
            programme=programme,
            user=staff_user,
            name="Reached",
            unit="young people",
            values=[
                PeriodValue(FinancialQuarter(2025, 1)),  # empty: ignored, but it keeps its place
                PeriodValue(FinancialQuarter(2031, 1), Decimal("1")),
            ],
        )
    assert list(caught.value.row_errors) == [1]
