"""The population pages as VRU staff use them: the list, an indicator's figures and download, the upload
form with its field errors, the import's page (progress, counts or problems) and its progress JSON."""

import csv
import io
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import ImportStatus, PopulationFigure, PopulationImport
from programmes.population.importing import population_import_create, population_import_run
from programmes.tests.population.conftest import (
    ADMISSIONS,
    HACKNEY,
    HOMICIDES,
    KNIFE,
    LAMBETH,
    SOUTHWARK,
    TODAY,
    csv_text,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("programmes:population-import-create")


def imported(text, *, is_demo=False, user=None) -> PopulationImport:
    upload = population_import_create(file_name="figures.csv", content=text, user=user, is_demo=is_demo, send=False)
    return population_import_run(upload.pk, today=TODAY)


def upload_file(name="figures.csv", data=b"", content_type="text/csv"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def text_of(response) -> str:
    """The page's visible words, tags removed and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# --- The list -----------------------------------------------------------------------------------------


def test_the_list_shows_each_indicator_with_its_figures_and_the_recent_imports(staff_client, indicators, staff_user):
    imported(csv_text((KNIFE, LAMBETH, "2025-04", "3"), (KNIFE, LAMBETH, "2025-05", "4")), user=staff_user)
    imported(csv_text((ADMISSIONS, LAMBETH, "2025-26 Q1", "9")), is_demo=True)

    response = staff_client.get(reverse("programmes:population-list"))

    assert response.status_code == 200
    rows = _table_rows(response, "Indicators")
    assert len(rows) == 4
    knife = next(row for row in rows if row.startswith("Knife crime"))
    assert knife.startswith("Knife crime with injury victims under 25 knife-crime-injury-victims-u25 ")
    assert " Monthly " in knife and " Yes May 2025 2" in knife and knife.endswith("May 2025 2")
    assert "Demo data" not in knife
    admissions = next(row for row in rows if row.startswith("Hospital admissions"))
    assert "Demo data" in admissions and " Quarterly (financial quarters) " in admissions
    assert admissions.endswith("2025-26 Q1 1")
    homicides = next(row for row in rows if row.startswith("Homicides"))
    assert homicides.endswith("None yet 0")
    vap = next(row for row in rows if row.startswith("Violence against the person"))
    assert " No None yet 0" in vap
    imports = _table_rows(response, "Recent imports")
    assert imports[0].startswith("figures.csv Demo data")
    assert "Command line Imported 1 1 created, 0 updated, 0 unchanged" in imports[0]
    assert "Staff Persona Imported 2 2 created, 0 updated, 0 unchanged" in imports[1]
    assert reverse("programmes:population-import-create") in response.content.decode()
    assert reverse("programmes:population-sample") in response.content.decode()


def _table_rows(response, caption) -> list[str]:
    html = response.content.decode()
    table = re.search(rf"<caption[^>]*>\s*{re.escape(caption)}.*?</table>", html, re.S).group(0)
    body = re.search(r"<tbody.*?</tbody>", table, re.S).group(0)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in re.findall(r"<tr.*?</tr>", body, re.S)]


# --- One indicator ----------------------------------------------------------------------------------


def test_an_indicator_shows_boroughs_by_its_last_twelve_periods(staff_client, indicators):
    rows = [(KNIFE, LAMBETH, f"{year}-{month:02d}", month) for year in (2024, 2025) for month in range(1, 13)]
    rows = [row for row in rows if row[2] <= "2025-10"] + [(KNIFE, SOUTHWARK, "2025-10", "2.5")]
    imported(csv_text(*rows))

    response = staff_client.get(reverse("programmes:population-indicator", args=[KNIFE]))

    assert response.status_code == 200
    html = response.content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)', html)
    assert headers == [
        "Borough",
        *[f"{m} 2024" for m in ("Nov", "Dec")],
        *[f"{m} 2025" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct")],
    ]
    body = _table_rows(response, "Knife crime with injury victims under 25 by borough")
    assert len(body) == 33
    lambeth = next(row for row in body if row.startswith("Lambeth"))
    assert lambeth == "Lambeth 11 12 1 2 3 4 5 6 7 8 9 10"
    southwark = next(row for row in body if row.startswith("Southwark"))
    assert southwark == "Southwark " + "– " * 11 + "2.5"
    assert "All boroughs with a figure" in html and "12.5" in html
    assert "Demo data — not real figures" not in html
    assert f"{len(rows)} figures in all" in text_of(response)


def test_an_indicator_with_demo_figures_warns_and_marks_their_periods(staff_client, indicators):
    imported(csv_text((HOMICIDES, LAMBETH, "2025-04", "1")), is_demo=True)
    imported(csv_text((HOMICIDES, LAMBETH, "2025-05", "2")))

    response = staff_client.get(reverse("programmes:population-indicator", args=[HOMICIDES]))

    page = text_of(response)
    assert "Warning Demo data — not real figures." in page
    assert "Apr 2025 (demo)" in page
    assert "May 2025 (demo)" not in page


def test_an_indicator_without_figures_says_so(staff_client, indicators):
    response = staff_client.get(reverse("programmes:population-indicator", args=[ADMISSIONS]))

    assert "No figures have been imported for this indicator yet." in text_of(response)


def test_an_unknown_indicator_is_not_found(staff_client):
    assert staff_client.get(reverse("programmes:population-indicator", args=["no-such"])).status_code == 404


def test_an_indicators_download_is_its_figures_in_the_import_format(staff_client, indicators):
    text = csv_text(
        (ADMISSIONS, SOUTHWARK, "2025-26 Q1", "12.5"),
        (ADMISSIONS, LAMBETH, "2025-26 Q1", "3"),
        (ADMISSIONS, LAMBETH, "2024-25 Q4", "2"),
    )
    imported(text)

    response = staff_client.get(reverse("programmes:population-indicator-export", args=[ADMISSIONS]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="population-hospital-admissions-sharp-object.csv"' in response["Content-Disposition"]
    body = response.getvalue().decode()  # a streamed download can be read once
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [
        ["indicator", "borough_code", "period", "value"],
        [ADMISSIONS, LAMBETH, "2024-25 Q4", "2.00"],
        [ADMISSIONS, LAMBETH, "2025-26 Q1", "3.00"],
        [ADMISSIONS, SOUTHWARK, "2025-26 Q1", "12.50"],
    ]
    # The download can be imported again as it is, and changes nothing.
    again = imported(body)
    assert (again.status, again.unchanged_count) == (ImportStatus.DONE, 3)


def test_the_sample_file_downloads_and_imports_cleanly(staff_client, indicators):
    response = staff_client.get(reverse("programmes:population-sample"))

    assert response.status_code == 200
    assert 'filename="sample-population-indicators.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("indicator,borough_code,period,value\n")
    upload = imported(text)
    assert upload.status == ImportStatus.DONE, upload.errors
    assert set(PopulationFigure.objects.values_list("indicator__code", flat=True)) == {
        KNIFE,
        HOMICIDES,
        ADMISSIONS,
        "violence-against-the-person",
    }


# --- Uploading --------------------------------------------------------------------------------------


def test_the_upload_form_offers_a_file_input_and_no_demo_choice(staff_client):
    response = staff_client.get(CREATE)

    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input type="file" name="file"[^>]*class="govuk-file-upload"', html)
    assert '<label class="govuk-label govuk-label--s" for="id_file">Upload a CSV file</label>' in html
    assert "is_demo" not in html


def test_a_good_upload_goes_to_its_import_page_with_the_counts(
    staff_client, staff_user, indicators, django_capture_on_commit_callbacks
):
    data = csv_text((KNIFE, LAMBETH, "2025-04", "3"), (KNIFE, HACKNEY, "2025-04", "5")).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(CREATE, {"file": upload_file(data=data)})

    upload = PopulationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:population-import-detail", args=[upload.pk])
    assert (upload.uploaded_by, upload.is_demo, upload.status) == (staff_user, False, ImportStatus.DONE)
    assert PopulationFigure.objects.count() == 2

    page = text_of(staff_client.get(response["Location"]))
    assert "Status Imported" in page
    assert "Rows in the file 2 Figures created 2 Figures updated 0 Figures unchanged 0" in page
    assert "100% · Imported 2 rows: 2 created, 0 updated, 0 unchanged." in page
    assert "Refresh" not in page


def test_a_file_with_bad_rows_shows_every_problem_and_imports_nothing(
    staff_client, indicators, django_capture_on_commit_callbacks
):
    data = csv_text(
        (KNIFE, LAMBETH, "2025-04", "3"),
        (KNIFE, "E09000099", "2025-04", "abc"),
        (KNIFE, LAMBETH, "2025-04", "3"),
    ).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(CREATE, {"file": upload_file(data=data)})
    response = staff_client.get(response["Location"])

    assert not PopulationFigure.objects.exists()
    page = text_of(response)
    assert "Status Not imported" in page
    assert "Nothing was imported." in page
    assert _table_rows(response, "Problems in the file") == [
        "3 borough_code 'E09000099' is not a London borough's ONS code.",
        "3 value 'abc' is not a number: write a figure such as 12 or 12.5, without commas.",
        "4 The whole row This row repeats row 2: the same indicator, borough and period.",
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a CSV file."),
        (("figures.xlsx", b"PK\x03\x04"), "The selected file must be a CSV file: save the spreadsheet as “CSV UTF-8”"),
        (("figures.csv", b""), "The selected file is empty."),
        (("figures.csv", "indicator\nCôte".encode("latin-1")), "The selected file is not UTF-8 text"),
        (("figures.csv", b"x" * 2048), "The selected file must be smaller than 1 KB"),
    ],
    ids=["none", "not csv", "empty", "not utf-8", "too big"],
)
def test_a_file_that_cannot_be_read_is_a_field_error_in_the_summary_too(staff_client, settings, upload, message):
    settings.POPULATION_IMPORT_MAX_BYTES = 1024
    data = {} if upload is None else {"file": upload_file(*upload)}

    response = staff_client.post(CREATE, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Import population figures" in html
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)
    assert '<a href="#id_file">' + message in summary
    field_error = re.search(r'<p id="id_file-error" class="govuk-error-message">(.*?)</p>', html, re.S).group(1)
    assert message in field_error
    assert 'class="govuk-file-upload govuk-file-upload--error"' in html
    assert not PopulationImport.objects.exists()


# --- Following an import ------------------------------------------------------------------------------


def test_a_queued_import_shows_its_progress_and_a_refresh_link(staff_client, indicators):
    upload = population_import_create(file_name="f.csv", content=csv_text((KNIFE, LAMBETH, "2025-04", "3")), send=False)
    url = reverse("programmes:population-import-detail", args=[upload.pk])

    response = staff_client.get(url)

    html = response.content.decode()
    assert '<progress id="import-progress" max="100" value="0" data-progress-bar' in html
    assert '<label class="govuk-label govuk-label--s" for="import-progress">' in html
    assert f'data-progress-url="{reverse("programmes:population-import-status", args=[upload.pk])}"' in html
    assert "data-progress-finished" not in html
    assert f'<a class="govuk-link" href="{url}">Refresh</a>' in html
    assert 'aria-live="polite"' in html
    assert '<script type="module" src="/static/js/progress.mjs"></script>' in html
    assert "Waiting for the background worker to start the import." in text_of(response)
    assert response["Cache-Control"] == "private, no-store"  # never kept, so a refresh always asks again


def test_the_progress_json_follows_the_import(staff_client, indicators):
    upload = population_import_create(file_name="f.csv", content=csv_text((KNIFE, LAMBETH, "2025-04", "3")), send=False)
    url = reverse("programmes:population-import-status", args=[upload.pk])

    assert staff_client.get(url).json() == {
        "status": "queued",
        "status_label": "Waiting to start",
        "percent": 0,
        "finished": False,
        "stage": "Waiting for the background worker to start the import.",
    }

    PopulationImport.objects.filter(pk=upload.pk).update(
        status=ImportStatus.RUNNING, total_rows=400, processed_rows=100
    )
    assert staff_client.get(url).json() == {
        "status": "running",
        "status_label": "Checking rows",
        "percent": 25,
        "finished": False,
        "stage": "Checked 100 of 400 rows.",
    }

    PopulationImport.objects.filter(pk=upload.pk).update(status=ImportStatus.QUEUED)
    population_import_run(upload.pk, today=TODAY)
    response = staff_client.get(url)
    assert response.json() == {
        "status": "done",
        "status_label": "Imported",
        "percent": 100,
        "finished": True,
        "stage": "Imported 1 rows: 1 created, 0 updated, 0 unchanged.",
    }
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_import_is_not_found(staff_client):
    assert staff_client.get(reverse("programmes:population-import-detail", args=[999])).status_code == 404
    assert staff_client.get(reverse("programmes:population-import-status", args=[999])).status_code == 404


def test_a_demo_import_says_so(staff_client, indicators):
    upload = imported(csv_text((KNIFE, LAMBETH, "2025-04", "3")), is_demo=True)

    page = text_of(staff_client.get(reverse("programmes:population-import-detail", args=[upload.pk])))

    assert "Warning Demo data — not real figures." in page
