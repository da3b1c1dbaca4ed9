"""Fields for the rounds' forms that follow GOV.UK patterns: a date in three boxes, a time of day, money in pounds.

A round opens and closes at a London time. People type the date and the time;
``london_datetime`` joins them into an aware datetime and refuses a time that
does not exist (the hour skipped when the clocks go forward) or happens twice
(the hour repeated when they go back), rather than guessing which was meant.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from vru.validators import validate_date_in_bounds

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes in one fieldset: the GOV.UK date input."""

    template_name = "commissioning/rounds/widgets/date_input.html"
    parts = (
        ("Day", "day", "govuk-input--width-2"),
        ("Month", "month", "govuk-input--width-2"),
        ("Year", "year", "govuk-input--width-4"),
    )

    def __init__(self, attrs=None):
        boxes = {
            suffix: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
            for _, suffix, _ in self.parts
        }
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        has_error = "govuk-input--error" in (self.attrs.get("class") or "").split()
        id_ = context["widget"]["attrs"].get("id")
        for subwidget, (label, suffix, width) in zip(context["widget"]["subwidgets"], self.parts, strict=True):
            if id_:
                subwidget["attrs"]["id"] = f"{id_}_{suffix}"
            classes = ["govuk-input", "govuk-date-input__input", width]
            if has_error:
                classes.append("govuk-input--error")
            subwidget["attrs"]["class"] = " ".join(classes)
            subwidget["attrs"].pop("aria-describedby", None)  # the fieldset carries it
            subwidget["label"] = label
        return context

    def id_for_label(self, id_):
        # The error summary and the legend point at the day box, as GOV.UK's pattern does.
        return f"{id_}_day" if id_ else id_


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's error messages naming what is wrong.

    ``subject`` names the date in messages: "Opening date must include a month".
    """

    widget = GovukDateInput
    default_validators = [validate_date_in_bounds]

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {subject.lower()}.")
        parts = [forms.CharField(required=False, max_length=10) for _ in range(3)]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        day, month, year = ((value or "").strip() for value in data_list)
        if not (day or month or year):
            return None
        missing = [name for name, value in (("day", day), ("month", month), ("year", year)) if not value]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and a '.join(missing)}.", code="incomplete")
        month_number = MONTHS.get(month.lower(), month)
        try:
            day_number, month_number, year_number = int(day), int(month_number), int(year)
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date.", code="invalid") from None
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers.", code="invalid_year")
        try:
            return date(year_number, month_number, day_number)
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date.", code="invalid") from None


_TIME_24H = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")
_TIME_12H = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?P<half>am|pm)$")
_NAMED_TIMES = {"midday": time(12, 0), "noon": time(12, 0), "12noon": time(12, 0), "midnight": time(0, 0)}


def parse_time_of_day(text: str) -> time | None:
    """17:00, 17.00, 5pm, 5:30pm, midday: the times people write. None when it is none of those.

    An hour alone ("17") is refused: it is too easily a slip for 17:00 or 5pm.
    """
    text = re.sub(r"\s+", "", (text or "").lower()).replace(".m.", "m").replace("a.m", "am").replace("p.m", "pm")
    if text in _NAMED_TIMES:
        return _NAMED_TIMES[text]
    match = _TIME_12H.match(text)
    if match:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if match["half"] == "pm" else 0), minute)
    match = _TIME_24H.match(text)
    if match and int(match["hour"]) <= 23 and int(match["minute"]) <= 59:
        return time(int(match["hour"]), int(match["minute"]))
    return None


class TimeOfDayInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={"class": "govuk-input--width-5", "spellcheck": "false", "autocomplete": "off", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return super().format_value(value)


class TimeOfDayField(forms.Field):
    """A London time of day, typed as 17:00 or 5pm."""

    widget = TimeOfDayInput

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter the {subject.lower()}.")
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, time):
            return value
        if value in self.empty_values:
            return None
        parsed = parse_time_of_day(str(value))
        if parsed is None:
            raise ValidationError(
                f"Enter the {self.subject.lower()} on the 24-hour clock, like 17:00, or as 5pm.", code="invalid"
            )
        return parsed


def london_datetime(day: date, at: time) -> datetime:
    """The aware datetime of a London wall-clock time, refusing one the clocks skip or repeat that day."""
    zone = ZoneInfo(settings.TIME_ZONE)
    first = datetime.combine(day, at, tzinfo=zone)
    second = datetime.combine(day, at, tzinfo=zone).replace(fold=1)
    when = f"{at.strftime('%H:%M')} on {date_format(day, 'j F Y')}"
    round_trip = first.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
        raise ValidationError(
            f"There is no {when} in London: the clocks go forward an hour then. Choose another time.",
            code="nonexistent_time",
        )
    if first.utcoffset() != second.utcoffset():
        raise ValidationError(
            f"{when} happens twice in London: the clocks go back an hour then. Choose another time.",
            code="ambiguous_time",
        )
    return first


class MoneyInput(forms.TextInput):
    """A text box with a £ before it; numbers in a text box, as GOV.UK advises, so nothing is rounded."""

    template_name = "commissioning/rounds/widgets/money_input.html"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false", **(attrs or {})}
        )


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence; "£25,000" and "25000.50" are both understood."""

    widget = MoneyInput

    def __init__(self, *, subject: str, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        subject = subject.lower()
        # A field's messages replace its validators' ones with the same code (min_value, max_digits…).
        kwargs["error_messages"] = {
            "required": f"Enter the {subject}.",
            "invalid": f"Enter the {subject} as an amount in pounds, like 25000 or 25,000.50.",
            "min_value": f"The {subject} cannot be less than £0.",
            "max_decimal_places": f"Enter the {subject} in pounds and pence, with at most 2 decimal places.",
            "max_digits": f"The {subject} is too large.",
            "max_whole_digits": f"The {subject} is too large.",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


def split_london(value: datetime | None) -> tuple[date | None, time | None]:
    """A stored datetime as the London date and time a form shows."""
    if value is None:
        return None, None
    local = timezone.localtime(value)
    return local.date(), local.time().replace(second=0, microsecond=0)
