"""Population indicators: each borough's figure for the period against the year before, and London's trend.

Three queries, summed in the database, whatever the number of indicators, boroughs or figures:
the indicators, the sums per indicator and borough, and London's sum per indicator and
figure period (which the trend is drawn from).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from programmes.models import Frequency, PopulationFigure, PopulationIndicator, ReportKind
from programmes.periods import FinancialQuarter
from programmes.reporting.figures.common import plain_number


@dataclass(frozen=True)
class Span:
    label: str
    start: date
    end: date

    def holds(self, start: date, end: date) -> bool:
        return self.start <= start and end <= self.end


def _month_start(year: int, month: int) -> date:
    """The first day of a month counted from ``year``'s January, so month may run below 1 or above 12."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def _month(start: date) -> Span:
    return Span(f"{start:%b %Y}", start, _month_start(start.year, start.month + 1) - timedelta(days=1))


def _quarter(quarter: FinancialQuarter) -> Span:
    return Span(quarter.label, quarter.start, quarter.end)


def trend_spans(frequency: str, end: date) -> list[tuple[Span, Span]]:
    """Each month (or financial quarter) in the 12 months to ``end``, with the same span a year before."""
    months = [_month_start(end.year, end.month - back) for back in range(11, -1, -1)]
    if frequency == Frequency.MONTH:
        return [(_month(month), _month(month.replace(year=month.year - 1))) for month in months]
    quarters = []
    for month in months:
        quarter = FinancialQuarter.containing(month)
        if quarter.start >= months[0] and quarter.end <= end and quarter not in quarters:
            quarters.append(quarter)
    return [(_quarter(q), _quarter(FinancialQuarter(q.year - 1, q.quarter))) for q in quarters]


def _sum_or_none(values) -> str | None:
    known = [value for value in values if value is not None]
    return plain_number(sum(known)) if known else None


def population_figures(period, boroughs: list[dict]) -> list[dict]:
    previous = period.year_before()
    current_span = Span(period.short_label, period.start, period.end)
    previous_span = Span(previous.short_label, previous.start, previous.end)
    # Two years of figures feed everything: the trend's 12 months and the 12 before them.
    window_start = _month_start(period.end.year, period.end.month - 23)
    in_window = PopulationFigure.objects.filter(period_start__gte=window_start, period_end__lte=period.end).order_by()

    sums = {}
    for row in in_window.values("indicator_id", "borough_id").annotate(
        current=Sum("value", filter=Q(period_start__gte=period.start, period_end__lte=period.end)),
        before=Sum("value", filter=Q(period_start__gte=previous.start, period_end__lte=previous.end)),
    ):
        sums[(row["indicator_id"], row["borough_id"])] = (row["current"], row["before"])
    london_rows = {}
    for row in in_window.values("indicator_id", "period_start", "period_end").annotate(
        total=Sum("value"), demo=Count("pk", filter=Q(is_demo=True))
    ):
        london_rows.setdefault(row["indicator_id"], []).append(row)

    figures = []
    for indicator in PopulationIndicator.objects.order_by("name").values(
        "pk", "code", "name", "unit", "direction", "frequency", "counts_people", "source"
    ):
        # Quarterly figures say nothing about one month: the quarterly report shows them.
        applies = not (period.kind == ReportKind.MONTH and indicator["frequency"] == Frequency.QUARTER)
        pairs = [
            sums.get((indicator["pk"], borough["pk"]), (None, None)) if applies else (None, None)
            for borough in boroughs
        ]
        spans = london_rows.get(indicator["pk"], []) if applies else []
        trend = trend_spans(indicator["frequency"], period.end) if applies else []

        def london_in(span: Span, spans=spans) -> str | None:
            return _sum_or_none(row["total"] for row in spans if span.holds(row["period_start"], row["period_end"]))

        used = [current_span, previous_span, *(span for pair in trend for span in pair)]
        figures.append(
            {
                **{key: indicator[key] for key in ("code", "name", "unit", "direction", "frequency", "counts_people")},
                "source": indicator["source"],
                "is_demo": any(
                    row["demo"] and any(span.holds(row["period_start"], row["period_end"]) for span in used)
                    for row in spans
                ),
                "applies": applies,
                "boroughs": [
                    {
                        "code": borough["ons_code"],
                        "name": borough["name"],
                        "value": plain_number(value),
                        "previous": plain_number(before),
                    }
                    for borough, (value, before) in zip(boroughs, pairs, strict=True)
                ],
                "london": {
                    "value": _sum_or_none(value for value, _ in pairs),
                    "previous": _sum_or_none(before for _, before in pairs),
                },
                "trend": [
                    {"label": span.label, "value": london_in(span), "previous": london_in(before)}
                    for span, before in trend
                ],
            }
        )
    return figures
