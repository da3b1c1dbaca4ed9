"""A report's CSV and XLSX downloads: always with small counts of people suppressed (they leave the VRU),
whoever asks; money to the penny; read back as a spreadsheet would."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from programmes.tests.reporting.sample_snapshot import ROLES, client_for, expect, make_report

pytestmark = pytest.mark.django_db


def download(report, fmt):
    return reverse("programmes:report-download", args=[report.kind, report.slug, fmt])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def find(rows, *, measure: str, breakdown: str = "", area_or_who: str = ""):
    """The value of the row measuring ``measure`` (about ``area_or_who``: its aim, objective or area)."""
    for row in rows:
        if (not area_or_who or area_or_who in (row[1], row[2])) and row[3] == measure and row[4] == breakdown:
            return row[6]
    raise AssertionError(f"no row for {area_or_who!r} / {measure!r} / {breakdown!r}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_who_may_download(personas, role, fmt):
    report = make_report("2025-Q1")

    response = client_for(personas, role).get(download(report, fmt))

    assert response.status_code == expect(200, 200, 403)[role]
    if response.status_code == 200:
        assert response["Content-Disposition"] == f'attachment; filename="vru-performance-report-2025-Q1.{fmt}"'


@pytest.mark.parametrize("role", ["staff", "prg"])
def test_the_csv_is_suppressed_even_for_vru_staff_and_keeps_money_exact(personas, role):
    report = make_report("2025-Q1")

    rows = csv_rows(client_for(personas, role).get(download(report, "csv")))

    assert rows[0] == ["Section", "Aim or objective", "Area", "Measure", "Breakdown", "Period", "Value", "Unit"]
    objective_1 = "Objective 1: Supporting individuals to be more resilient"
    objective_5 = "Objective 5: Keeping schools safe, keeping young people in school and improving alternatives"
    assert find(rows, area_or_who=objective_1, measure="Young people reached") == "*"  # 3
    assert find(rows, area_or_who=objective_5, measure="Young people reached") == "10"  # 12
    assert find(rows, area_or_who="Camden", measure="Young people reached", breakdown="Under 10") == "*"  # 3
    assert find(rows, area_or_who="Camden", measure="Young people reached", breakdown="10 to 14") == "10"  # 12
    assert find(rows, measure="VRU core budget", breakdown="Awarded") == "1234.56"
    assert find(rows, measure="MOPAC safer schools", breakdown="Total") == "1000000.00"


def test_the_xlsx_holds_the_same_suppressed_figures_with_money_as_numbers(personas):
    report = make_report("2025-Q1")

    response = client_for(personas, "staff").get(download(report, "xlsx"))

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Performance report"
    objective_1 = "Objective 1: Supporting individuals to be more resilient"
    assert find(rows, area_or_who=objective_1, measure="Young people reached") == "*"
    assert find(rows, area_or_who="Camden", measure="Young people reached", breakdown="10 to 14") == 10
    assert Decimal(str(find(rows, measure="VRU core budget", breakdown="Paid"))) == (Decimal("999.99"))


def test_an_unknown_format_or_report_is_404(personas):
    report = make_report("2025-Q1")
    client = client_for(personas, "staff")

    assert client.get("/reports/quarter/2025-Q1/report.pdf").status_code == 404
    assert client.get(download(report, "csv").replace("2025-Q1", "2024-Q1")).status_code == 404
