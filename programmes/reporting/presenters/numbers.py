"""Figures as the report pages write them: a count, "*" (suppressed), or "–" (no data); money to the penny."""

from decimal import Decimal, InvalidOperation

from programmes.reporting.suppression import SUPPRESSED
from vru.templatetags.vru_tags import money as money_text

NO_DATA = "–"


def to_decimal(value) -> Decimal | None:
    """The figure as a Decimal, or None when there is none to do sums with (no data, or suppressed)."""
    if value is None or value == "" or value == SUPPRESSED or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _plain(number: Decimal, sign: str = "") -> str:
    text = f"{number:{sign},.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def show(value) -> str:
    """A count or decimal for reading: 1,234 or 12.5; "*" when suppressed; "–" when there is no data."""
    if value == SUPPRESSED:
        return SUPPRESSED
    number = to_decimal(value)
    return NO_DATA if number is None else _plain(number)


def money(value) -> Decimal | None:
    """Pounds and pence as a Decimal, never rounded."""
    return to_decimal(value)


def show_money(value) -> str:
    """£1,234.56, to the penny; "–" when there is none."""
    return money_text(money(value))


def change(value, previous) -> Decimal | None:
    """value − previous, only when both are numbers."""
    current, before = to_decimal(value), to_decimal(previous)
    if current is None or before is None:
        return None
    return current - before


def show_change(value, previous) -> str:
    difference = change(value, previous)
    if difference is None:
        return NO_DATA
    return "No change" if difference == 0 else _plain(difference, "+")


def show_money_change(value, previous) -> str:
    difference = change(value, previous)
    if difference is None:
        return NO_DATA
    return "No change" if difference == 0 else ("+" if difference > 0 else "") + money_text(difference)


def show_percent(value) -> str:
    number = to_decimal(value)
    return NO_DATA if number is None else f"{_plain(number)}%"
