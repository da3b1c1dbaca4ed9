"""What the PRG services share: refusing unknown fields and date-order rules."""

from django.core.exceptions import ValidationError
from django.utils.formats import date_format


def unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


def check_end_after_start(start, end, *, field: str, message: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({field: message})


def long_date(value) -> str:
    return date_format(value, "j F Y")
