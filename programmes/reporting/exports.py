"""A report's snapshot as one long, tidy table for the CSV and XLSX downloads.

Every figure is a row: which section it belongs to, which aim or objective (or borough) it is
about, what is measured, its breakdown, the period it covers, the value and its unit. Money
is a Decimal in pounds, never rounded; counts are whole numbers, or "*" where suppressed.

Downloads leave the VRU, so the caller passes the suppressed snapshot
(``programmes.reporting.snapshot.suppressed``); nothing is suppressed again here.
"""

from datetime import datetime
from decimal import Decimal

from programmes.periods import FinancialQuarter
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.suppression import SUPPRESSED

HEADERS = ["Section", "Aim or objective", "Area", "Measure", "Breakdown", "Period", "Value", "Unit"]
POUNDS = "£"
RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No data"}
STATUS_LABELS = {"planned": "Planned", "active": "Active", "paused": "Paused", "closed": "Closed", "total": "Total"}
MILESTONE_LABELS = {"on_track": "On track", "late": "Late", "done": "Done"}
BUDGET_LABELS = {"total": "Total", "awarded": "Awarded", "paid": "Paid"}
RETURN_LABELS = {"due": "Due", "overdue": "Overdue", "accepted": "Accepted"}


def _value(value):
    """Numbers kept in the snapshot as text become Decimals; counts, "*" and blanks stay as they are."""
    if isinstance(value, str) and value != SUPPRESSED:
        return Decimal(value)
    return value


def _year_earlier(label: str) -> str:
    """A trend point's label a year earlier: "Jul 2024" → "Jul 2023", "2024-25 Q2" → "2023-24 Q2"."""
    try:
        quarter = FinancialQuarter.parse(label)
    except ValueError:
        month = datetime.strptime(label, "%b %Y")
        return f"{month.replace(year=month.year - 1):%b %Y}"
    return FinancialQuarter(quarter.year - 1, quarter.quarter).label


def _report_rows(data: dict) -> list:
    period = data["period"]
    rows = [
        ["Report", "", "", "Period", "", period["short_label"], period["label"], ""],
        ["Report", "", "", "Built at", "", period["short_label"], data.get("built_at", ""), ""],
    ]
    if data.get("suppressed"):
        thresholds = data.get("thresholds", {})
        below, step = thresholds.get("suppress_below", 8), thresholds.get("round_to", 5)
        rows.append(
            [
                "Report",
                "",
                "",
                "Small counts",
                "",
                period["short_label"],
                f"Counts of people from 1 to {below - 1} are shown as {SUPPRESSED}; "
                f"other counts are rounded to the nearest {step}.",
                "",
            ]
        )
    return rows


def _summary_rows(who: str, summary: dict, period: str, reach_basis: str) -> list:
    def row(measure, breakdown, value, unit, covers=period):
        return ["Summary", who, "", measure, breakdown, covers, value, unit]

    rows = [row("Programmes", label, summary["programmes"][key], "programmes") for key, label in STATUS_LABELS.items()]
    rows += [
        row("Milestones", label, summary["milestones"][key], "milestones") for key, label in MILESTONE_LABELS.items()
    ]
    rows += [
        row("Indicators by RAG", label, summary["indicators_rag"][key], "indicators")
        for key, label in RAG_LABELS.items()
    ]
    rows += [row("Budget", label, _value(summary["budget"][key]), POUNDS) for key, label in BUDGET_LABELS.items()]
    rows.append(row("Active grants", "", summary["grants_active"], "grants"))
    rows += [row("Returns", label, summary["returns"][key], "returns") for key, label in RETURN_LABELS.items()]
    rows.append(row("Young people reached", "", summary["reach_total"], "young people", reach_basis))
    return rows


def _indicator_rows(who: str, objective: dict) -> list:
    rows = []
    for indicator in objective.get("indicators", []):
        measure = f"{indicator['programme']}: {indicator['name']}"
        covers = indicator["quarters"]
        rows += [
            ["Indicators", who, "", measure, "Target", covers, _value(indicator["target"]), indicator["unit"]],
            ["Indicators", who, "", measure, "Actual", covers, _value(indicator["actual"]), indicator["unit"]],
            ["Indicators", who, "", measure, "Percent of target", covers, _value(indicator["percent_of_target"]), "%"],
            ["Indicators", who, "", measure, "RAG", covers, RAG_LABELS[indicator["rag"]], ""],
        ]
    for cell in objective.get("rag_by_quarter", []):
        rows += [
            ["RAG by quarter", who, "", "Indicators by RAG", label, cell["quarter"], cell[key], "indicators"]
            for key, label in RAG_LABELS.items()
        ]
        rows.append(["RAG by quarter", who, "", "Overall RAG", "", cell["quarter"], RAG_LABELS[cell["rag"]], ""])
    return rows


def _reach_rows(reach: dict) -> list:
    basis = reach["basis"]
    bands = reach["age_bands"]
    rows = []
    for area, counts_key in [*((row, "counts") for row in reach["boroughs"]), (reach, "totals")]:
        name = area.get("name", "London")
        rows += [
            [
                "Reach",
                "",
                name,
                "Young people reached",
                band["label"],
                basis,
                area[counts_key][band["code"]],
                "young people",
            ]
            for band in bands
        ]
        rows.append(["Reach", "", name, "Young people reached", "All ages", basis, area["total"], "young people"])
    return rows


def _population_rows(indicator: dict, period: str, year_before: str) -> list:
    section = "Population indicators"
    measure = indicator["name"] + (" (demonstration data)" if indicator.get("is_demo") else "")
    unit = indicator["unit"]
    if not indicator.get("applies", True):
        return [[section, "", "London", measure, "Quarterly figures: not reported for a month", period, None, unit]]
    rows = []
    for area in [*indicator["boroughs"], {"name": "London", **indicator["london"]}]:
        rows += [
            [section, "", area["name"], measure, "", period, _value(area["value"]), unit],
            [section, "", area["name"], measure, "A year earlier", year_before, _value(area["previous"]), unit],
        ]
    for point in indicator.get("trend", []):
        rows += [
            [section, "", "London", measure, "Trend", point["label"], _value(point["value"]), unit],
            [
                section,
                "",
                "London",
                measure,
                "Trend, a year earlier",
                _year_earlier(point["label"]),
                _value(point["previous"]),
                unit,
            ],
        ]
    return rows


def report_table(data: dict) -> tuple[list[str], list[list]]:
    """Every figure of the snapshot as (headers, rows), ready for ``vru.exports.table_response``."""
    period = data["period"]["short_label"]
    year_before = ReportPeriod.parse(data["period"]["slug"]).year_before().short_label
    reach_basis = data.get("reach", {}).get("basis", period)
    rows = _report_rows(data)
    for aim in data.get("aims", []):
        rows += _summary_rows(f"Aim {aim['number']}: {aim['title']}", aim["summary"], period, reach_basis)
    for objective in data.get("objectives", []):
        who = f"Objective {objective['number']}: {objective['title']}"
        rows += _summary_rows(who, objective["summary"], period, reach_basis)
        rows += _indicator_rows(who, objective)
    for fund in data.get("funds", []):
        rows += [
            ["Funds", "", "", fund["name"], label, fund["financial_year"], _value(fund[key]), POUNDS]
            for key, label in BUDGET_LABELS.items()
        ]
    if data.get("reach"):
        rows += _reach_rows(data["reach"])
    for indicator in data.get("population", []):
        rows += _population_rows(indicator, period, year_before)
    return list(HEADERS), rows


def report_filename(report, ext: str | None = None) -> str:
    """ "vru-performance-report-2025-Q1.csv"; without ``ext`` the name alone, as ``table_response`` wants it."""
    slug = report["period"]["slug"] if isinstance(report, dict) else report.slug
    stem = f"vru-performance-report-{slug}"
    return f"{stem}.{ext.lstrip('.')}" if ext else stem
