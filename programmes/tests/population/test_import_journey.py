"""Importing population figures in a real browser: a file with bad rows is refused with each row's problem and
nothing imported; the corrected file imports, and the figures show on the indicator's page. axe-core checks
every page visited."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programmes.models import PopulationFigure
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"
GOOD = "indicator,borough_code,period,value\nhomicides,E09000022,2025-04,2\nhomicides,E09000028,2025-04,0\n"
BAD = GOOD + "homicides,E09000099,2025-05,1\nhomicides,E09000022,2025-06,-3\nhomicides,E09000022,2025-04,2\n"


def test_staff_import_a_file_see_its_bad_rows_then_import_the_corrected_file(live_server, page, axe, tmp_path):
    staff = UserFactory(username="staff", first_name="Daniel", last_name="Reid", role="staff")
    staff.set_password(PASSWORD)
    staff.save()
    (tmp_path / "homicides-bad.csv").write_text(BAD)
    (tmp_path / "homicides.csv").write_text(GOOD)
    url = live_server.url
    page.set_default_timeout(10_000)

    def heading(text):
        expect(page.get_by_role("heading", level=1)).to_contain_text(text)
        axe(page)

    page.goto(f"{url}{reverse('login')}")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{url}{reverse('programmes:report-list')}")
    page.get_by_role("link", name="Population indicators").click()
    heading("Population indicators")
    page.get_by_role("button", name="Import figures").click()
    heading("Import population figures")

    # Submitting with no file is explained beside the field and in the summary.
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    axe(page)

    page.locator("input[type=file]").set_input_files(tmp_path / "homicides-bad.csv")
    page.get_by_role("button", name="Import the file").click()
    heading("homicides-bad.csv")
    expect(page.get_by_text("Nothing was imported.").first).to_be_visible()
    problems = page.get_by_role("table").filter(has_text="Problem")
    expect(problems.get_by_role("row").filter(has_text="borough_code")).to_contain_text("'E09000099' is not a London")
    expect(problems.get_by_role("row").filter(has_text="-3")).to_contain_text("negative")
    expect(problems.get_by_role("row").filter(has_text="repeats row 2")).to_be_visible()
    assert not PopulationFigure.objects.exists()

    page.get_by_role("link", name="upload the file again").click()
    page.locator("input[type=file]").set_input_files(tmp_path / "homicides.csv")
    page.get_by_role("button", name="Import the file").click()
    heading("homicides.csv")
    expect(page.get_by_text(re.compile(r"2 created, 0 updated, 0 unchanged"))).to_be_visible()
    assert PopulationFigure.objects.count() == 2

    page.goto(f"{url}{reverse('programmes:population-indicator', args=['homicides'])}")
    heading("Homicides")
    expect(page.get_by_role("row").filter(has_text="Lambeth")).to_contain_text("2")
