"""The report as a CSV and an XLSX: every figure a row, small counts of people suppressed, money to the penny."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from programmes.models import PerformanceReport
from programmes.reporting.exports import HEADERS, report_filename, report_table
from programmes.reporting.figures import build_snapshot
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.snapshot import suppressed
from programmes.tests.reporting.fixtures import build_report_data
from vru.exports import table_response

pytestmark = pytest.mark.django_db

QUARTER = ReportPeriod.parse("2025-Q1")


@pytest.fixture
def report():
    build_report_data()
    data = build_snapshot(QUARTER, today=date(2025, 7, 21))
    PerformanceReport.objects.create(
        kind=QUARTER.kind,
        period_start=QUARTER.start,
        period_end=QUARTER.end,
        slug=QUARTER.slug,
        label=QUARTER.label,
        data=data,
        built_at=timezone.now(),
    )
    return PerformanceReport.objects.get()  # the JSON as stored, as the download reads it


def _csv_rows(report, data) -> list[dict]:
    response = table_response("csv", report_filename(report), *report_table(data), title=report.slug)
    assert response["Content-Disposition"] == 'attachment; filename="vru-performance-report-2025-Q1.csv"'
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8"))))


def _find(rows, **wanted) -> list:
    return [row for row in rows if all(row[key] == value for key, value in wanted.items())]


def _value(rows, **wanted):
    found = _find(rows, **wanted)
    assert len(found) == 1, (wanted, found)
    return found[0]["Value"]


def test_the_file_is_named_after_the_period(report):
    assert report_filename(report, "csv") == "vru-performance-report-2025-Q1.csv"
    assert report_filename(report, "xlsx") == "vru-performance-report-2025-Q1.xlsx"
    assert report_filename(report.data) == "vru-performance-report-2025-Q1"


def test_the_csv_suppresses_small_counts_of_people_and_nothing_else(report):
    rows = _csv_rows(report, suppressed(report.data))
    assert list(rows[0]) == HEADERS
    assert _value(rows, Section="Report", Measure="Small counts") == (
        "Counts of people from 1 to 7 are shown as *; other counts are rounded to the nearest 5."
    )
    croydon = {"Section": "Reach", "Area": "Croydon"}
    # Croydon 15-17: 12 → 10; 18-24: 3 → *; in all 15 stays 15.
    assert _value(rows, **croydon, Breakdown="15 to 17") == "10"
    assert _value(rows, **croydon, Breakdown="18 to 24") == "*"
    assert _value(rows, **croydon, Breakdown="All ages") == "15"
    assert _value(rows, Section="Reach", Area="Southwark", Breakdown="15 to 17") == "10"  # 8
    assert _value(rows, Section="Reach", Area="Lambeth", Breakdown="18 to 24") == "*"  # 7
    assert _value(rows, Section="Reach", Area="London", Breakdown="All ages") == "50"
    assert _value(rows, Section="Reach", Area="Barnet", Breakdown="All ages") == "0"
    assert _find(rows, Section="Reach", Area="Croydon")[0]["Period"] == "Accepted returns for 2025-26 Q1"

    objective_1 = "Objective 1: Supporting individuals to be more resilient"
    summary = {"Section": "Summary", "Aim or objective": objective_1}
    assert _value(rows, **summary, Measure="Young people reached") == "40"  # 42
    # Programmes, milestones, returns and money are not about people: shown as they are.
    assert _value(rows, **summary, Measure="Milestones", Breakdown="Late") == "2"
    assert _value(rows, **summary, Measure="Returns", Breakdown="Accepted") == "1"
    assert _value(rows, **summary, Measure="Budget", Breakdown="Total") == "300000.00"
    objective_8 = {"Section": "Summary", "Aim or objective": "Objective 8: Changing the message around violence"}
    assert _value(rows, **objective_8, Measure="Budget", Breakdown="Total") == "150000.50"
    assert _value(rows, Section="Funds", Measure="VRU core budget 2025-26", Breakdown="Paid") == "10000.00"

    mentored = {"Section": "Indicators", "Measure": "Alpha mentoring: Young people mentored"}
    # Counts people: 120 and 98 round to 120 and 100, and the percentage would give 98 away.
    assert _value(rows, **mentored, Breakdown="Target") == "120"
    assert _value(rows, **mentored, Breakdown="Actual") == "100"
    assert _value(rows, **mentored, Breakdown="Percent of target") == ""
    assert _value(rows, **mentored, Breakdown="RAG") == "Red"
    sessions = {"Section": "Indicators", "Measure": "Alpha mentoring: Sessions delivered"}
    assert _value(rows, **sessions, Breakdown="Actual") == "37.00"
    assert _value(rows, **sessions, Breakdown="Percent of target") == "92.5"

    knife = {"Section": "Population indicators", "Measure": "Knife crime with injury victims under 25"}
    assert _value(rows, **knife, Area="Croydon", Breakdown="") == "15"  # 13
    assert _value(rows, **knife, Area="Croydon", Breakdown="A year earlier") == "15"  # 17
    assert _value(rows, **knife, Area="Hackney", Breakdown="") == "*"  # 2
    assert _value(rows, **knife, Area="London", Breakdown="A year earlier") == "25"  # 26
    assert _find(rows, **knife, Area="Croydon", Breakdown="A year earlier")[0]["Period"] == "2024-25 Q1"
    assert _value(rows, **knife, Breakdown="Trend", Period="Jun 2025") == "*"  # 3
    assert _value(rows, **knife, Breakdown="Trend, a year earlier", Period="Jun 2024") == "15"  # 16
    violence = {"Section": "Population indicators", "Measure": "Violence against the person offences"}
    assert _value(rows, **violence, Area="Croydon", Breakdown="") == "250"
    assert _find(rows, Measure="Homicides (demonstration data)")


def test_the_xlsx_keeps_numbers_as_numbers(report):
    headers, rows = report_table(suppressed(report.data))
    response = table_response("xlsx", report_filename(report), headers, rows, title="2025-26 Q1")
    assert response["Content-Disposition"] == 'attachment; filename="vru-performance-report-2025-Q1.xlsx"'
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.title == "2025-26 Q1"
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == HEADERS
    assert len(table) == len(rows) + 1
    by_key = {(row[0], row[1], row[2], row[3], row[4], row[5]): row[6] for row in table[1:]}
    objective_8 = "Objective 8: Changing the message around violence"
    assert by_key[("Summary", objective_8, None, "Budget", "Total", "2025-26 Q1")] == 150000.5
    assert (
        by_key[("Reach", None, "Croydon", "Young people reached", "18 to 24", "Accepted returns for 2025-26 Q1")] == "*"
    )
    assert (
        by_key[("Reach", None, "London", "Young people reached", "All ages", "Accepted returns for 2025-26 Q1")] == 50
    )


def test_text_that_looks_like_a_formula_is_escaped(report):
    data = suppressed(report.data)
    data["objectives"][0]["indicators"][0]["programme"] = '=HYPERLINK("http://example.com")'
    rows = _csv_rows(report, data)
    measures = {row["Measure"] for row in _find(rows, Section="Indicators")}
    assert '\'=HYPERLINK("http://example.com"): Sessions delivered' in measures


def test_the_table_reads_an_unsuppressed_snapshot_as_it_is(report):
    """For VRU staff's own use the same table shows exact counts (the downloads never pass one)."""
    _, rows = report_table(report.data)
    reach = {(row[2], row[4]): row[6] for row in rows if row[0] == "Reach"}
    assert reach[("Croydon", "18 to 24")] == 3
    assert reach[("London", "All ages")] == 50
    assert not [row for row in rows if row[3] == "Small counts"]


def test_a_month_report_says_quarterly_figures_are_not_reported(report):
    data = build_snapshot(ReportPeriod.parse("2025-10"), today=date(2025, 11, 10))
    _, rows = report_table(suppressed(data))
    admissions = [row for row in rows if row[3] == "Hospital admissions for assault with a sharp object"]
    assert admissions == [
        [
            "Population indicators",
            "",
            "London",
            "Hospital admissions for assault with a sharp object",
            "Quarterly figures: not reported for a month",
            "Oct 2025",
            None,
            "admissions",
        ]
    ]
    # October 2025's year earlier is October 2024; the trend's year-earlier points are named too.
    knife = [row for row in rows if row[3] == "Knife crime with injury victims under 25" and row[2] == "Croydon"]
    assert [(row[4], row[5], row[6]) for row in knife] == [("", "Oct 2025", "*"), ("A year earlier", "Oct 2024", "*")]
    trend = [row for row in rows if row[3] == "Knife crime with injury victims under 25" and row[4].startswith("Trend")]
    assert (trend[0][5], trend[1][5]) == ("Nov 2024", "Nov 2023")
