"""Performance reports in a real browser: staff open the latest report, switch period, download the CSV and
build one now; a PRG member sees people's small counts suppressed. axe-core checks every page visited."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from programmes.models import PerformanceReport
from programmes.tests.reporting.fixtures import build_report_data
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"


def person(username, role, first_name, last_name):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def reach_row(page, borough):
    table = page.get_by_role("table", name="Young people reached by borough and age band")
    return [
        cell.strip()
        for cell in table.get_by_role("row").filter(has_text=borough).first.all_inner_texts()[0].split("\t")
    ]


def test_staff_read_switch_and_download_reports_and_prg_see_small_counts_hidden(live_server, page, axe, tmp_path):
    person("staff", "staff", "Daniel", "Reid")
    person("prg", "prg", "Marcus", "Campbell")
    build_report_data()
    for period in ("2025-Q1", "2025-Q2", "2025-04"):
        call_command("build_performance_report", "--period", period, stdout=io.StringIO())
    url = live_server.url
    page.set_default_timeout(10_000)

    def sign_in(username):
        page.goto(f"{url}{reverse('login')}")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    def heading(text):
        expect(page.get_by_role("heading", level=1)).to_contain_text(text)
        axe(page)

    # Staff find the reports from the menu and open the latest quarterly one.
    sign_in("staff")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    heading("Performance reports")
    page.get_by_role("link", name="View the 2025-26 Q2 (July to September 2025) report").click()
    heading("2025-26 Q2 (July to September 2025)")

    # They switch to the quarter before; staff see every count as it is.
    page.get_by_label("Show the report for").select_option(label="2025-26 Q1 (April to June 2025)")
    page.get_by_role("button", name="Show report").click()
    heading("2025-26 Q1 (April to June 2025)")
    assert re.search(r"/reports/quarter/2025-Q1/$", page.url)
    # Croydon: 15 to 17 reached 12, 18 to 24 reached 3 (G1's accepted Q1 return).
    assert reach_row(page, "Croydon") == ["Croydon", "0", "0", "12", "3", "0", "15"]

    # The CSV leaves the VRU, so its small counts are hidden even for staff.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download the figures as CSV")).click()
    download = download_info.value
    assert download.suggested_filename == "vru-performance-report-2025-Q1.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    assert "Value" in header
    croydon = [row for row in rows if "Croydon" in row and "18 to 24" in " ".join(row)]
    assert croydon and all(row[header.index("Value")] == "*" for row in croydon)

    # Staff build a report that is not there yet and follow it to the page.
    page.get_by_role("link", name="Performance reports").first.click()
    heading("Performance reports")
    page.get_by_label("Period").select_option(label="2025-26 Q3 (October to December 2025)")
    page.get_by_role("button", name="Build the report").click()
    heading("2025-26 Q3 (October to December 2025)")
    expect(page.get_by_role("heading", name="The report is ready")).to_be_visible()
    page.get_by_role("link", name=re.compile("View the report")).click()
    heading("2025-26 Q3 (October to December 2025)")
    assert PerformanceReport.objects.filter(slug="2025-Q3").count() == 1
    page.get_by_role("button", name="Sign out").click()

    # A PRG member reads the same quarter with small counts of people hidden; money is exact.
    sign_in("prg")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    heading("Performance reports")
    page.get_by_role("link", name="2025-26 Q1 (April to June 2025)").first.click()
    heading("2025-26 Q1 (April to June 2025)")
    expect(page.get_by_text("Counts of people from 1 to 7 are shown as *").first).to_be_visible()
    assert reach_row(page, "Croydon") == ["Croydon", "0", "0", "10", "*", "0", "15"]
    assert reach_row(page, "Lambeth") == ["Lambeth", "0", "0", "0", "*", "0", "*"]
    expect(page.get_by_text("£1,000,000.00").first).to_be_visible()
