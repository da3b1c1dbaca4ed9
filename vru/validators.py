"""Rules every piece of text, date and amount obeys, wherever it comes in: pages, API, services.

One module, so a page and the API refuse the same thing with the same words, and the
exports clean with the same idea of a control character as the forms refuse.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

CONTROL_CHARACTERS_MESSAGE = "Remove the control characters from this answer"

# Unicode's control characters (C0, DEL and C1), less tab and newline; a carriage return only
# where it ends a line before a newline, as a browser sends a textarea's lines.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

# What a cell of XML (so of XLSX) cannot hold, and what no spreadsheet shows: control
# characters other than tab, newline and carriage return, and the two non-characters XML refuses.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def has_control_characters(text: str) -> bool:
    return bool(_REFUSED.search(text))


def validate_no_control_characters(value) -> None:
    """Refuse text a person could not have meant and a download could not hold (``\\x1b``, say)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def writable_text(text: str) -> str:
    """``text`` without what a CSV reader or an XLSX cell cannot hold, for records stored before the rule."""
    return _UNWRITABLE.sub("", text)


def add_input_rules(field, *, text: type | tuple, dates: type | tuple, amounts: type | tuple) -> None:
    """Give a form's or a serializer's field the rule of its kind; the caller names its library's field classes."""
    for kinds, validator in (
        (text, validate_no_control_characters),
        (dates, validate_date_in_bounds),
        (amounts, validate_amount),
    ):
        if isinstance(field, kinds):
            if validator not in field.validators:
                field.validators.append(validator)
            return


# --- Dates ------------------------------------------------------------------------------------------
# A date drives work (a grant's quarterly returns, the chasers, payments), so one a slip of the
# keyboard away (0001-04-01, 9556-01-19) would make thousands of rows or never end.


def earliest_date() -> date:
    return settings.DATE_EARLIEST


def latest_date(today: date | None = None) -> date:
    today = today or timezone.localdate()
    years = settings.DATE_YEARS_AHEAD
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February into a year that has none
        return today.replace(year=today.year + years, day=28)


def date_bounds_message() -> str:
    return f"Enter a date between {date_format(earliest_date())} and {date_format(latest_date())}."


def date_bounds_error(value) -> str | None:
    """Why ``value`` (a date or datetime) is outside the dates the site works with, or ``None``."""
    if value is None:
        return None
    day = value
    if isinstance(value, datetime):
        try:
            day = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
        except OverflowError:  # 0001-01-01T00:00Z is still year 0 in London
            return date_bounds_message()
    if not earliest_date() <= day <= latest_date():
        return date_bounds_message()
    return None


def validate_date_in_bounds(value) -> None:
    if message := date_bounds_error(value):
        raise ValidationError(message, code="date_out_of_bounds")


def dates_errors(**dates) -> dict[str, str]:
    """``{field: message}`` for each of the named dates outside the bounds, for a service to raise."""
    return {name: message for name, value in dates.items() if (message := date_bounds_error(value))}


def grant_length_error(start: date | None, end: date | None) -> str | None:
    """A grant (or a variation of one) runs at most ``GRANT_MAX_YEARS`` years."""
    if not start or not end:
        return None
    years = settings.GRANT_MAX_YEARS
    try:
        limit = start.replace(year=start.year + years)
    except ValueError:
        limit = start.replace(year=start.year + years, day=28)
    if end > limit:
        return f"A grant can run for up to {years} years: choose an end date on or before {date_format(limit)}."
    return None


def grant_dates_errors(start: date | None, end: date | None) -> dict[str, str]:
    """A grant's (or a variation's) dates: each inside the bounds, and the grant no longer than the limit."""
    errors = dates_errors(start_date=start, end_date=end)
    if not errors and (message := grant_length_error(start, end)):
        errors["end_date"] = message
    return errors


# --- Amounts ----------------------------------------------------------------------------------------
# Money columns hold 14 digits (up to £999,999,999,999.99). Capping every amount, and every sum a
# service stores, at £1bn keeps any stored total (an application's budget, a fund's ledger) inside them.

AMOUNT_MAX = Decimal("1000000000.00")


def amount_max_message(what: str = "The amount") -> str:
    return f"{what} must be £{AMOUNT_MAX:,.0f} or less."


def amount_error(value, what: str = "The amount") -> str | None:
    if value is not None and abs(value) > AMOUNT_MAX:
        return amount_max_message(what)
    return None


def validate_amount(value) -> None:
    """A figure typed into a form or sent to the API: no more than the cap, either way of zero."""
    if value is not None and abs(value) > AMOUNT_MAX:
        raise ValidationError(f"Enter a number no bigger than {AMOUNT_MAX:,.0f}.", code="amount_too_large")


def amounts_errors(**amounts) -> dict[str, str]:
    """``{field: message}`` for each named amount above the cap, for a service to raise."""
    return {name: message for name, value in amounts.items() if (message := amount_error(value))}


def check_bounds(*, dates: dict | None = None, amounts: dict | None = None) -> None:
    """Raise a ValidationError naming each field whose date or amount is out of bounds: a service's guard."""
    errors = {**dates_errors(**(dates or {})), **amounts_errors(**(amounts or {}))}
    if errors:
        raise ValidationError(errors)
