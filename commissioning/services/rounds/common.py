"""What the funds and rounds services share: the fields they accept, their messages, and how money is written."""

from decimal import Decimal

from django.utils.formats import number_format

FUND_FIELDS = ("name", "source", "financial_year", "total", "description")
ROUND_FIELDS = (
    "fund",
    "title",
    "summary",
    "geography_level",
    "budget_envelope",
    "minimum_request",
    "maximum_request",
    "opens_at",
    "closes_at",
    "guidance",
    "is_published",
)
ROUND_M2M_FIELDS = ("objectives", "priority_areas")
TOTAL_WEIGHT = 100

CRITERIA_LOCKED = (
    "Applications have been submitted to this round, so its criteria cannot change: "
    "the assessors' scores refer to them."
)
QUESTIONS_LOCKED = (
    "Applications have been submitted to this round, so its questions cannot change: "
    "applicants answered them as they are."
)


def pounds(amount: Decimal) -> str:
    return f"£{number_format(amount, decimal_pos=2, force_grouping=True)}"


def weights_message(total: int) -> str:
    return f"The weights add up to {total}. Change them so they add up to exactly {TOTAL_WEIGHT}."


def unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
