"""Indicators of the programmes: target and actual for the report's quarters, with a RAG.

Two queries: the indicators of every programme running since the financial year began (in
the order the report lists them), and their values for just the quarters the report reads.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from programmes.models import Aggregation, Indicator, IndicatorValue, ReportKind
from programmes.periods import FinancialQuarter
from programmes.reporting.figures.common import (
    PENNY,
    RAGS,
    quarter_before,
    rag_of,
    two_places,
    worst_rag,
    year_quarters_ended_by,
)
from programmes.reporting.figures.strategy import Strategy


@dataclass
class IndicatorData:
    indicators: list[dict]  # in report order: programme title, then indicator name
    quarters: list[FinancialQuarter]  # the quarters a row of the report aggregates
    year_quarters: list[FinancialQuarter]  # the quarters of the RAG grid


def report_quarters(period) -> list[FinancialQuarter]:
    """A quarter or a year: its own quarters. A month: the latest quarter ended by the month's end."""
    if period.kind != ReportKind.MONTH:
        return period.quarters()
    containing = FinancialQuarter.containing(period.end)
    return [containing if containing.end == period.end else quarter_before(containing)]


def quarters_label(quarters: list[FinancialQuarter]) -> str:
    if len(quarters) == 1:
        return quarters[0].label
    return f"{quarters[0].label} to Q{quarters[-1].quarter}"


def load_indicators(period, strategy: Strategy) -> IndicatorData:
    quarters = report_quarters(period)
    year_quarters = year_quarters_ended_by(period)
    wanted = set(quarters) | set(year_quarters)
    running = Q(programme__start_date__lte=period.end, programme__end_date__gte=strategy.window_start)
    indicators = list(
        Indicator.objects.filter(running)
        .order_by("programme__title", "programme_id", "name", "pk")
        .values(
            "pk",
            "programme_id",
            "programme__title",
            "name",
            "unit",
            "direction",
            "aggregation",
            "counts_people",
        )
    )
    by_pk = {indicator["pk"]: {**indicator, "values": {}} for indicator in indicators}
    if wanted:
        in_quarters = reduce(or_, (Q(financial_year=q.year, quarter=q.quarter) for q in wanted))
        values = IndicatorValue.objects.filter(
            in_quarters,
            indicator__programme__start_date__lte=period.end,
            indicator__programme__end_date__gte=strategy.window_start,
        ).values("indicator_id", "financial_year", "quarter", "target", "actual")
        for value in values:
            quarter = FinancialQuarter(value["financial_year"], value["quarter"])
            by_pk[value["indicator_id"]]["values"][quarter] = (value["target"], value["actual"])
    return IndicatorData(indicators=list(by_pk.values()), quarters=quarters, year_quarters=year_quarters)


def aggregate(aggregation: str, numbers: list[Decimal]) -> Decimal | None:
    """The quarters' values (those that have one, in quarter order) as one figure."""
    if not numbers:
        return None
    if aggregation == Aggregation.LATEST:
        return numbers[-1]
    if aggregation == Aggregation.MEAN:
        return (sum(numbers) / len(numbers)).quantize(PENNY, rounding=ROUND_HALF_UP)
    return sum(numbers)


def _target_and_actual(indicator: dict, quarters: list[FinancialQuarter]):
    found = [indicator["values"][q] for q in quarters if q in indicator["values"]]
    targets = [target for target, _ in found if target is not None]
    actuals = [actual for _, actual in found if actual is not None]
    return aggregate(indicator["aggregation"], targets), aggregate(indicator["aggregation"], actuals)


def indicator_rows(data: IndicatorData, programme_pks) -> list[dict]:
    """One row per indicator of these programmes, in the report's order."""
    programme_pks = set(programme_pks)
    label = quarters_label(data.quarters) if data.quarters else ""
    rows = []
    for indicator in data.indicators:
        if indicator["programme_id"] not in programme_pks:
            continue
        target, actual = _target_and_actual(indicator, data.quarters)
        rag, percent = rag_of(indicator["direction"], target, actual)
        rows.append(
            {
                "programme": indicator["programme__title"],
                "programme_id": indicator["programme_id"],
                "name": indicator["name"],
                "unit": indicator["unit"],
                "direction": indicator["direction"],
                "counts_people": indicator["counts_people"],
                "quarters": label,
                "target": two_places(target),
                "actual": two_places(actual),
                "percent_of_target": percent,
                "rag": rag,
            }
        )
    return rows


def rag_counts(rows: list[dict]) -> dict:
    counts = dict.fromkeys(RAGS, 0)
    for row in rows:
        counts[row["rag"]] += 1
    return counts


def rag_by_quarter(data: IndicatorData, strategy: Strategy, objective_pk: int) -> list[dict]:
    """For each quarter of the year so far, the objective's indicators (of programmes running then) by RAG."""
    grid = []
    for quarter in data.year_quarters:
        programme_pks = set(strategy.programmes_in([objective_pk], quarter.start, quarter.end))
        counts = dict.fromkeys(RAGS, 0)
        for indicator in data.indicators:
            if indicator["programme_id"] in programme_pks:
                target, actual = indicator["values"].get(quarter, (None, None))
                counts[rag_of(indicator["direction"], target, actual)[0]] += 1
        grid.append({"quarter": quarter.label, "rag": worst_rag(counts), **counts})
    return grid
