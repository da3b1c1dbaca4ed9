"""Young people reached, from accepted monitoring returns: by borough and age band, and per objective.

Two queries, summed in the database, whatever the number of returns.
"""

from functools import reduce
from operator import or_

from django.db.models import F, Q, Sum

from commissioning.models import AgeBand, ReturnReach, ReturnStatus
from programmes.models import ReportKind
from programmes.periods import financial_year_label
from programmes.reporting.figures.common import year_quarters_ended_by


def reach_quarters(period) -> tuple[list, str]:
    """The quarters whose returns count, and the basis in words.

    A quarter or a year: the quarters lying wholly in it. A month is shorter than a return's
    quarter, so it shows the financial year to date: the year's quarters ended by the month's end.
    """
    year = financial_year_label(period.financial_year)
    if period.kind == ReportKind.MONTH:
        quarters = year_quarters_ended_by(period)
        if not quarters:
            return [], f"Accepted returns for {year} to date: no quarter of {year} had ended by {period.end:%-d %B %Y}"
        names = f"Q{quarters[0].quarter}" + (f" to Q{quarters[-1].quarter}" if len(quarters) > 1 else "")
        return quarters, f"Accepted returns for {year} to date ({names})"
    quarters = period.quarters()
    if period.kind == ReportKind.YEAR:
        return quarters, f"Accepted returns for the four quarters of {year}"
    return quarters, f"Accepted returns for {quarters[0].label}"


def _accepted_reach(quarters):
    if not quarters:
        return ReturnReach.objects.none()
    in_quarters = reduce(
        or_, (Q(monitoring_return__financial_year=q.year, monitoring_return__quarter=q.quarter) for q in quarters)
    )
    return ReturnReach.objects.filter(in_quarters, monitoring_return__status=ReturnStatus.ACCEPTED).order_by()


def reach_figures(period, boroughs: list[dict]) -> tuple[dict, dict[int, int]]:
    """The report's ``reach`` (all boroughs in name order, all age bands) and reach per objective's pk."""
    quarters, basis = reach_quarters(period)
    reach = _accepted_reach(quarters)
    bands = AgeBand.values
    counts = {borough["pk"]: dict.fromkeys(bands, 0) for borough in boroughs}
    for row in reach.values("borough_id", "age_band").annotate(count=Sum("count")):
        counts[row["borough_id"]][row["age_band"]] = row["count"]
    by_objective = {
        row["objective"]: row["count"]
        for row in reach.values(objective=F("monitoring_return__grant__objective_id")).annotate(count=Sum("count"))
    }
    borough_rows = [
        {
            "code": borough["ons_code"],
            "name": borough["name"],
            "counts": counts[borough["pk"]],
            "total": sum(counts[borough["pk"]].values()),
        }
        for borough in boroughs
    ]
    totals = {band: sum(row["counts"][band] for row in borough_rows) for band in bands}
    figures = {
        "basis": basis,
        "age_bands": [{"code": code, "label": label} for code, label in AgeBand.choices],
        "boroughs": borough_rows,
        "totals": totals,
        "total": sum(totals.values()),
    }
    return figures, by_objective
