"""Small pieces the report's sections share: how numbers are written into the snapshot, RAG and subqueries."""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, IntegerField, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from programmes.models import Direction
from programmes.periods import FinancialQuarter

PENNY = Decimal("0.01")
TENTH = Decimal("0.1")
RAGS = ("green", "amber", "red", "none")
ZERO_MONEY = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def money(amount) -> str:
    """Pounds and pence as the snapshot keeps them: "1234.50"."""
    return str(Decimal(amount or 0).quantize(PENNY, rounding=ROUND_HALF_UP))


def two_places(value) -> str | None:
    """An indicator's target or actual: "120.00", or None when there is none."""
    return None if value is None else str(Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP))


def plain_number(value) -> str | None:
    """A population figure without trailing zeros ("130", "12.5"): they are counts, mostly whole."""
    if value is None:
        return None
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def start_of_day_after(day: date) -> datetime:
    """Midnight in London at the end of ``day``: a moment before it fell on or before ``day`` in London."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), timezone.get_default_timezone())


def quarter_before(quarter: FinancialQuarter) -> FinancialQuarter:
    return FinancialQuarter.containing(quarter.start - timedelta(days=1))


def year_quarters_ended_by(period) -> list[FinancialQuarter]:
    """The quarters of the period's financial year that end on or before the period's end."""
    return [q for q in FinancialQuarter.between(date(period.financial_year, 4, 1), period.end) if q.end <= period.end]


def sum_of(queryset, field: str, output_field=None):
    """A correlated subquery summing ``field`` over ``queryset``, zero when there are no rows.

    Grouping by a constant gives one row, so each figure is its own subquery and sums over
    one table never multiply with rows of another (the ledger's way, commissioning.selectors.ledger).
    """
    summed = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(total=Sum(field)).values("total")
    zero = ZERO_MONEY if output_field is None else Value(0, output_field=output_field)
    return Coalesce(Subquery(summed), zero)


def count_of(queryset):
    counted = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def thresholds() -> dict:
    return {
        "green_percent": settings.REPORT_RAG_GREEN_PERCENT,
        "amber_percent": settings.REPORT_RAG_AMBER_PERCENT,
        "suppress_below": settings.SUPPRESS_COUNTS_BELOW,
        "round_to": settings.ROUND_COUNTS_TO,
    }


def rag_of(direction: str, target, actual) -> tuple[str, str | None]:
    """The RAG of an actual against its target and the percentage of the target met, as written in the report.

    The percentage is rounded to one decimal place before it is compared with the thresholds, so
    the colour always agrees with the number the reader sees beside it.
    """
    if target is None or actual is None:
        return "none", None
    target, actual = Decimal(target), Decimal(actual)
    if direction == Direction.DOWN:
        if actual == 0:
            return "green", None
        percent = target / actual * 100
    else:
        if target == 0:
            return "green", None
        percent = actual / target * 100
    percent = percent.quantize(TENTH, rounding=ROUND_HALF_UP)
    if percent >= settings.REPORT_RAG_GREEN_PERCENT:
        rag = "green"
    elif percent >= settings.REPORT_RAG_AMBER_PERCENT:
        rag = "amber"
    else:
        rag = "red"
    return rag, str(percent)


def worst_rag(counts: dict) -> str:
    """Red if any indicator is red, then amber, then green; "none" when no indicator has data."""
    for rag in ("red", "amber", "green"):
        if counts.get(rag):
            return rag
    return "none"
