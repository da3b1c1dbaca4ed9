"""The performance report's figures: ``build_snapshot(period, today=...)`` returns the JSON that
``programmes.reporting.snapshot`` describes, counted in the database with a fixed number of
queries whatever the number of programmes, indicators, grants, boroughs or figures.

How each figure is counted:

- **An objective's programmes** are the programmes linked to it that run at some time in the
  period (start date on or before its end, end date on or after its start), counted by status
  (planned, active, paused, closed) and in all.
- **Milestones** of those programmes, as at the period's end: *done* if done within the period;
  *late* if not done by the end (no done date, or one after the end) and due on or before the
  end; *on track* if not done by the end and due after it. Milestones done before the period
  starts are not counted.
- **Indicators** of those programmes, one row each, ordered by programme title then indicator
  name. A quarter report reads that quarter; a year report its four quarters, the target and the
  actual each aggregated by the indicator's own rule (sum of the quarters with a value; latest:
  the latest quarter with a value; mean of the quarters with a value), none if no quarter has
  one; a month report reads the latest financial quarter ended on or before the month's end
  (``quarters`` names which).
- **RAG**: for "higher is better", the percentage of the target met is actual ÷ target × 100; for
  "lower is better", target ÷ actual × 100. Green at or above REPORT_RAG_GREEN_PERCENT (100),
  amber at or above REPORT_RAG_AMBER_PERCENT (90), red below; the percentage is rounded to one
  decimal place first, so the colour agrees with the number shown. No data when the target or
  the actual is missing. A target of 0 with "higher is better", or an actual of 0 with "lower is
  better", is green (with no percentage).
- **RAG by quarter**: for each quarter of the period's financial year ended by the period's end,
  the objective's indicators of programmes running in that quarter, counted by their RAG for
  that quarter; the quarter's RAG is the worst among those with data (red, then amber, then
  green), or no data.
- **Budget**: funds of the period's financial year. *Total*: what those funds set aside for the
  objective. *Awarded*: grants against the objective from those funds, awarded on or before the
  period's end (London date). *Paid*: those grants' tranches paid on or before the end. Each
  fund of the year is listed with its own total and what was awarded and paid from it.
- **Active grants**: grants against the objective whose dates overlap the period.
- **Returns**: monitoring returns of the objective's grants due within the period; how many are
  accepted, and how many are overdue on the day the report is built.
- **Reach**: young people reached, from accepted returns of the quarters lying wholly in the
  period; a month report shows the financial year to date instead (the year's quarters ended by
  the month's end). Every borough in name order and every age band, zeros included. An
  objective's reach is that of its grants' returns.
- **Aims** count each programme, milestone and indicator once, even when a programme serves two
  of the aim's objectives; budget, grants, returns and reach are summed over the aim's
  objectives (each grant counts against one objective).
- **Population indicators**, every one in name order. Each borough's value is the sum of its
  figures lying wholly within the period (none if it has none); *previous* is the same for the
  period a year earlier; London's is the sum over boroughs (none if no borough has a figure).
  The trend gives London's value for each month (or financial quarter, for quarterly figures)
  in the 12 months to the period's end, with the value a year earlier. Quarterly figures do
  not apply to a month report (no values, no trend). ``is_demo`` says whether any figure used
  is demonstration data.
"""

from datetime import date

from django.utils import timezone

from partners.models import Borough
from programmes.periods import financial_year_label
from programmes.reporting.figures.common import thresholds
from programmes.reporting.figures.indicators import indicator_rows, load_indicators, rag_by_quarter, rag_counts
from programmes.reporting.figures.money import add_money, empty_money, fund_rows, money_text, objective_money
from programmes.reporting.figures.population import population_figures
from programmes.reporting.figures.reach import reach_figures
from programmes.reporting.figures.strategy import (
    milestone_counts,
    milestone_totals,
    programme_counts,
    strategy_scope,
)
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.snapshot import SNAPSHOT_VERSION

__all__ = ["build_snapshot"]


def _period(period: ReportPeriod) -> dict:
    return {
        "kind": str(period.kind),
        "slug": period.slug,
        "label": period.label,
        "short_label": period.short_label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "financial_year": financial_year_label(period.financial_year),
    }


def build_snapshot(period: ReportPeriod, *, today: date, progress=None) -> dict:
    """The report's figures for ``period``, as ``programmes.reporting.snapshot`` describes them.

    ``today`` decides which returns are overdue. ``progress(percent, stage)``, when given, is
    told as each section starts, for the page that watches a build.
    """
    tell = progress or (lambda percent, stage: None)

    tell(10, "Counting programmes and milestones")
    strategy = strategy_scope(period)
    milestones = milestone_counts(period)

    tell(40, "Indicators")
    indicators = load_indicators(period, strategy)

    tell(60, "Budgets, grants and returns")
    money = objective_money(period, today=today)
    funds = fund_rows(period)

    tell(80, "Reach")
    boroughs = list(Borough.objects.order_by("name").values("pk", "ons_code", "name"))
    reach, reach_of = reach_figures(period, boroughs)

    def summary(objective_pks) -> tuple[dict, list[dict]]:
        programme_pks = strategy.programmes_in(objective_pks, period.start, period.end)
        rows = indicator_rows(indicators, programme_pks)
        figures = add_money([money.get(pk, empty_money()) for pk in objective_pks])
        return {
            "programmes": programme_counts(strategy, programme_pks),
            "milestones": milestone_totals(milestones, programme_pks),
            "indicators_rag": rag_counts(rows),
            **money_text(figures),
            "reach_total": sum(reach_of.get(pk, 0) for pk in objective_pks),
        }, rows

    objectives = []
    for objective in strategy.objectives:
        objective_summary, rows = summary([objective["pk"]])
        objectives.append(
            {
                "number": objective["number"],
                "title": objective["title"],
                "aims": objective["aim_numbers"],
                "summary": objective_summary,
                "indicators": rows,
                "rag_by_quarter": rag_by_quarter(indicators, strategy, objective["pk"]),
            }
        )
    aims = [
        {
            "number": aim["number"],
            "title": aim["title"],
            "objectives": [objective["number"] for objective in strategy.objectives_of(aim)],
            "summary": summary(sorted(aim["objective_pks"]))[0],
        }
        for aim in strategy.aims
    ]

    tell(90, "Population indicators")
    population = population_figures(period, boroughs)

    return {
        "version": SNAPSHOT_VERSION,
        "period": _period(period),
        "built_at": timezone.localtime(timezone.now()).isoformat(),
        "thresholds": thresholds(),
        "aims": aims,
        "objectives": objectives,
        "funds": funds,
        "reach": reach,
        "population": population,
    }
