"""The GOV.UK date, time and money fields the round forms are built from, and London's clock changes."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from commissioning.forms.rounds.fields import (
    GovukDateField,
    MoneyField,
    TimeOfDayField,
    london_datetime,
    parse_time_of_day,
)


class DateForm(forms.Form):
    closes_on = GovukDateField(subject="Closing date")


def date_errors(day, month, year):
    form = DateForm({"closes_on_day": day, "closes_on_month": month, "closes_on_year": year})
    return form.cleaned_data["closes_on"] if form.is_valid() else form.errors["closes_on"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("30", "1", "2027"), date(2027, 1, 30)),
        ((" 7 ", "jun", "2026"), date(2026, 6, 7)),
        (("7", "September", "2026"), date(2026, 9, 7)),
        (("", "", ""), ["Enter the closing date."]),
        (("30", "", "2027"), ["Closing date must include a month."]),
        (("", "1", ""), ["Closing date must include a day and a year."]),
        (("31", "2", "2027"), ["Closing date must be a real date."]),
        (("x", "1", "2027"), ["Closing date must be a real date."]),
        (("1", "1", "27"), ["Year must include 4 numbers."]),
    ],
)
def test_the_date_field_reads_three_boxes_and_says_what_is_wrong(typed, expected):
    assert date_errors(*typed) == expected


def test_the_date_widget_renders_three_labelled_boxes_and_keeps_what_was_typed():
    form = DateForm({"closes_on_day": "31", "closes_on_month": "2", "closes_on_year": "2027"})
    form.is_valid()
    html = str(form["closes_on"])
    for part, value in (("day", "31"), ("month", "2"), ("year", "2027")):
        assert f'id="id_closes_on_{part}"' in html
        assert f'name="closes_on_{part}"' in html
        assert f'value="{value}"' in html
    assert '<label class="govuk-label govuk-date-input__label" for="id_closes_on_day">Day</label>' in html
    assert DateForm(initial={"closes_on": date(2027, 1, 30)})["closes_on"].value() == date(2027, 1, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("17:00", time(17)),
        ("17.30", time(17, 30)),
        ("5pm", time(17)),
        ("5:30 PM", time(17, 30)),
        ("9am", time(9)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("midday", time(12)),
        ("midnight", time(0)),
        ("0:00", time(0)),
        ("17", None),
        ("24:00", None),
        ("13pm", None),
        ("5:61pm", None),
        ("teatime", None),
    ],
)
def test_times_are_read_as_people_write_them(typed, expected):
    assert parse_time_of_day(typed) == expected


def test_the_time_field_names_the_time_in_its_error():
    field = TimeOfDayField(subject="Closing time")
    with pytest.raises(ValidationError) as error:
        field.clean("17")
    assert error.value.messages == ["Enter the closing time on the 24-hour clock, like 17:00, or as 5pm."]
    with pytest.raises(ValidationError) as error:
        field.clean("")
    assert error.value.messages == ["Enter the closing time."]


def test_a_london_time_in_summer_is_an_hour_ahead_of_utc():
    assert london_datetime(date(2026, 6, 30), time(17)).astimezone(UTC) == datetime(2026, 6, 30, 16, tzinfo=UTC)
    assert london_datetime(date(2027, 1, 30), time(17)).astimezone(UTC) == datetime(2027, 1, 30, 17, tzinfo=UTC)


def test_times_the_clocks_skip_or_repeat_are_refused():
    with pytest.raises(ValidationError) as error:
        london_datetime(date(2026, 3, 29), time(1, 30))
    assert error.value.messages == [
        "There is no 01:30 on 29 March 2026 in London: the clocks go forward an hour then. Choose another time."
    ]
    with pytest.raises(ValidationError) as error:
        london_datetime(date(2026, 10, 25), time(1, 30))
    assert "happens twice in London: the clocks go back" in error.value.messages[0]
    assert london_datetime(date(2026, 10, 25), time(2, 0)).astimezone(UTC) == datetime(2026, 10, 25, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("25000", Decimal("25000")), ("£25,000.50", Decimal("25000.50")), (" 1 000 ", Decimal("1000"))],
)
def test_money_is_read_with_or_without_pound_signs_and_commas(typed, expected):
    assert MoneyField(subject="Budget envelope").clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "Enter the budget envelope as an amount in pounds, like 25000 or 25,000.50."),
        ("-1", "The budget envelope cannot be less than £0."),
        ("10.001", "Enter the budget envelope in pounds and pence, with at most 2 decimal places."),
        ("", "Enter the budget envelope."),
    ],
)
def test_money_errors_say_what_to_type(typed, message):
    with pytest.raises(ValidationError) as error:
        MoneyField(subject="Budget envelope").clean(typed)
    assert error.value.messages == [message]


def test_the_money_input_has_a_pound_prefix():
    class MoneyForm(forms.Form):
        total = MoneyField(subject="Total")

    html = str(MoneyForm()["total"])
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert 'inputmode="decimal"' in html
