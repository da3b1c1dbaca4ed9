"""The population API under the pages' rules: VRU roles read, define indicators and import files; PRG
members and partner users get 403, a request without credentials 401. An upload is all or nothing,
with every bad row in the body."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from rest_framework.test import APIClient

from programmes.models import PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.importing import population_import_create, population_import_run
from programmes.tests.population.conftest import (
    ADMISSIONS,
    HACKNEY,
    HOMICIDES,
    KNIFE,
    LAMBETH,
    ROLES,
    SOUTHWARK,
    TODAY,
    csv_text,
    expect,
)

pytestmark = pytest.mark.django_db

INDICATORS = reverse_lazy("api:population-indicator-list")
FIGURES = reverse_lazy("api:population-figure-list")
IMPORTS = reverse_lazy("api:population-import-list")


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def imported(text, **kwargs) -> PopulationImport:
    upload = population_import_create(file_name="figures.csv", content=text, send=False, **kwargs)
    return population_import_run(upload.pk, today=TODAY)


def csv_file(text, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/csv")


def post_file(client, text, name="figures.csv"):
    return client.post(IMPORTS, {"file": csv_file(text, name)}, format="multipart")


# --- Who may do what ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_each_endpoint(people, indicators, role):
    upload = imported(csv_text((KNIFE, LAMBETH, "2025-04", "3")))
    figure = PopulationFigure.objects.get()
    expected = expect(200, 403, 403, anonymous=401)[role]
    client = api_for(people[role])

    for url in (
        INDICATORS,
        reverse("api:population-indicator-detail", args=[indicators[KNIFE].pk]),
        FIGURES,
        reverse("api:population-figure-detail", args=[figure.pk]),
        IMPORTS,
        reverse("api:population-import-detail", args=[upload.pk]),
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if role == "anonymous":
            assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_import_a_file_and_define_an_indicator(people, indicators, role, django_capture_on_commit_callbacks):
    client = api_for(people[role])

    with django_capture_on_commit_callbacks(execute=True):
        upload = post_file(client, csv_text((KNIFE, LAMBETH, "2025-04", "3")))
    created = client.post(INDICATORS, {"code": "ambulance-assaults", "name": "Ambulance call-outs", "unit": "calls"})

    allowed = role in ("admin", "staff", "manager")
    assert upload.status_code == created.status_code == expect(201, 403, 403, anonymous=401)[role]
    assert PopulationImport.objects.exists() == PopulationFigure.objects.exists() == allowed
    assert PopulationIndicator.objects.filter(code="ambulance-assaults").exists() == allowed


# --- Imports ------------------------------------------------------------------------------------------


def test_a_good_file_is_imported_and_followed(staff_user, indicators, django_capture_on_commit_callbacks):
    client = api_for(staff_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, csv_text((KNIFE, LAMBETH, "2025-04", "3"), (KNIFE, HACKNEY, "2025-04", "4")))

    assert response.status_code == 201
    upload = PopulationImport.objects.get()
    body = response.json()
    # Answered before the task ran (a real worker is slower than the answer): the import is waiting.
    assert body["id"] == upload.pk
    assert (body["status"], body["finished"], body["percent"]) == ("queued", False, 0)

    followed = client.get(reverse("api:population-import-detail", args=[upload.pk])).json()

    assert {key: followed[key] for key in ("status", "status_label", "percent", "finished", "stage", "errors")} == {
        "status": "done",
        "status_label": "Imported",
        "percent": 100,
        "finished": True,
        "stage": "Imported 2 rows: 2 created, 0 updated, 0 unchanged.",
        "errors": [],
    }
    assert (followed["created_count"], followed["updated_count"], followed["unchanged_count"]) == (2, 0, 0)
    assert (followed["file_name"], followed["uploaded_by"], followed["uploaded_by_name"], followed["is_demo"]) == (
        "figures.csv",
        staff_user.pk,
        "Staff Persona",
        False,
    )
    assert PopulationFigure.objects.count() == 2


def test_a_file_with_bad_rows_fails_with_every_problem_and_imports_nothing(
    staff_user, indicators, django_capture_on_commit_callbacks
):
    client = api_for(staff_user)
    text = csv_text((KNIFE, LAMBETH, "2025-04", "3"), (KNIFE, "E09000099", "2027-03", "-3"))

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, text)
    body = client.get(reverse("api:population-import-detail", args=[response.json()["id"]])).json()

    assert (body["status"], body["finished"]) == ("failed", True)
    assert body["errors"] == [
        {"row": 3, "column": "borough_code", "message": "'E09000099' is not a London borough's ONS code."},
        {
            "row": 3,
            "column": "period",
            "message": "2027-03 has not ended yet: only figures for periods that have ended can be imported.",
        },
        {"row": 3, "column": "value", "message": "-3 is negative: a figure cannot be less than 0."},
    ]
    assert not PopulationFigure.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": csv_file(b"", "figures.csv")}, "The submitted file is empty."),
        ({"file": csv_file(b"a,b", "figures.xlsx")}, "The selected file must be a CSV file"),
        ({"file": csv_file("indicator\nCôte".encode("latin-1"))}, "The selected file is not UTF-8 text"),
        ({"file": csv_file(b"x" * 2048)}, "The selected file must be smaller than 1 KB"),
        ({}, "No file was submitted."),
    ],
    ids=["empty", "not csv", "not utf-8", "too big", "none"],
)
def test_a_file_that_cannot_be_read_is_a_400_on_the_file(staff_user, settings, data, message):
    settings.POPULATION_IMPORT_MAX_BYTES = 1024

    response = api_for(staff_user).post(IMPORTS, data, format="multipart")

    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert response.json()["file"][0].startswith(message)
    assert not PopulationImport.objects.exists()


def test_the_list_of_imports_is_newest_first_without_the_problems(staff_user, indicators):
    first = imported(csv_text((KNIFE, LAMBETH, "2025-04", "3")))
    second = imported(csv_text((KNIFE, "nowhere", "2025-04", "3")))

    body = api_for(staff_user).get(IMPORTS).json()

    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]
    assert [row["status"] for row in body["results"]] == ["failed", "done"]
    assert "errors" not in body["results"][0]
    assert "content" not in body["results"][0]


# --- Figures ------------------------------------------------------------------------------------------


@pytest.fixture
def some_figures(indicators):
    imported(csv_text((KNIFE, LAMBETH, "2025-04", "3"), (KNIFE, SOUTHWARK, "2025-05", "4")), is_demo=True)
    imported(csv_text((KNIFE, LAMBETH, "2025-06", "5"), (ADMISSIONS, LAMBETH, "2025-26 Q1", "12.5")))


def test_a_figure_carries_its_codes_and_its_period_as_files_write_it(staff_user, some_figures):
    figure = PopulationFigure.objects.get(indicator__code=ADMISSIONS)

    body = api_for(staff_user).get(reverse("api:population-figure-detail", args=[figure.pk])).json()

    assert {key: body[key] for key in body if key not in ("id", "updated_at", "source_import")} == {
        "indicator": figure.indicator_id,
        "indicator_code": ADMISSIONS,
        "borough": figure.borough_id,
        "borough_code": LAMBETH,
        "borough_name": "Lambeth",
        "period": "2025-26 Q1",
        "period_start": "2025-04-01",
        "period_end": "2025-06-30",
        "value": "12.50",
        "is_demo": False,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            {
                (KNIFE, LAMBETH, "2025-04"),
                (KNIFE, SOUTHWARK, "2025-05"),
                (KNIFE, LAMBETH, "2025-06"),
                (ADMISSIONS, LAMBETH, "2025-26 Q1"),
            },
        ),
        (f"indicator={ADMISSIONS}", {(ADMISSIONS, LAMBETH, "2025-26 Q1")}),
        (f"borough={SOUTHWARK}", {(KNIFE, SOUTHWARK, "2025-05")}),
        (
            f"indicator={KNIFE}&period_start_after=2025-05-01",
            {(KNIFE, SOUTHWARK, "2025-05"), (KNIFE, LAMBETH, "2025-06")},
        ),
        ("period_start_before=2025-04-30", {(KNIFE, LAMBETH, "2025-04"), (ADMISSIONS, LAMBETH, "2025-26 Q1")}),
        ("is_demo=true", {(KNIFE, LAMBETH, "2025-04"), (KNIFE, SOUTHWARK, "2025-05")}),
        ("is_demo=false&indicator=knife-crime-injury-victims-u25", {(KNIFE, LAMBETH, "2025-06")}),
    ],
)
def test_figures_filter_by_codes_dates_and_demo(staff_user, some_figures, query, expected):
    body = api_for(staff_user).get(f"{FIGURES}?{query}").json()

    assert {(row["indicator_code"], row["borough_code"], row["period"]) for row in body["results"]} == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [("indicator=no-such", "indicator"), ("borough=E09000099", "borough"), ("period_start_after=soon", "period_start")],
)
def test_an_unknown_filter_value_is_a_400_naming_it(staff_user, some_figures, query, field):
    response = api_for(staff_user).get(f"{FIGURES}?{query}")

    assert response.status_code == 400
    assert field in response.json()


def test_figures_are_read_only(staff_user, some_figures):
    figure = PopulationFigure.objects.first()
    client = api_for(staff_user)

    assert client.post(FIGURES, {}).status_code == 405
    assert client.patch(reverse("api:population-figure-detail", args=[figure.pk]), {"value": "1"}).status_code == 405
    assert client.delete(reverse("api:population-figure-detail", args=[figure.pk])).status_code == 405


# --- Indicators ---------------------------------------------------------------------------------------


def test_an_indicator_lists_its_figures_count_and_latest_period(staff_user, some_figures, indicators):
    body = api_for(staff_user).get(reverse("api:population-indicator-detail", args=[indicators[KNIFE].pk])).json()

    assert {key: body[key] for key in ("code", "frequency", "frequency_label", "counts_people")} == {
        "code": KNIFE,
        "frequency": "month",
        "frequency_label": "Monthly",
        "counts_people": True,
    }
    assert (body["figure_count"], body["demo_figure_count"], body["latest_period_start"]) == (3, 2, "2025-06-01")


def test_staff_define_an_indicator_and_its_history_says_who(staff_user):
    response = api_for(staff_user).post(
        INDICATORS,
        {
            "code": "ambulance-assault-callouts",
            "name": "Ambulance call-outs to assaults",
            "unit": "call-outs",
            "frequency": "month",
            "direction": "down",
            "counts_people": True,
            "source": "London Ambulance Service",
        },
        format="json",
    )

    assert response.status_code == 201
    assert (response.json()["figure_count"], response.json()["latest_period_start"]) == (0, None)
    indicator = PopulationIndicator.objects.get(code="ambulance-assault-callouts")
    assert indicator.history.get().history_user == staff_user


def test_a_bad_indicator_is_a_400_with_field_errors(staff_user, indicators):
    response = api_for(staff_user).post(
        INDICATORS, {"code": "Not a slug!", "name": "Homicides", "unit": ""}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"code", "name", "unit"}


def test_the_frequency_of_an_indicator_with_figures_cannot_change(staff_user, indicators):
    imported(csv_text((HOMICIDES, LAMBETH, "2025-04", "1")))
    url = reverse("api:population-indicator-detail", args=[indicators[HOMICIDES].pk])
    client = api_for(staff_user)

    refused = client.patch(url, {"frequency": "quarter"}, format="json")
    renamed = client.patch(url, {"source": "Metropolitan Police Service"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"frequency": ["Homicides already has monthly figures, so its frequency cannot change."]}
    assert renamed.status_code == 200
    indicator = PopulationIndicator.objects.get(code=HOMICIDES)
    assert (indicator.frequency, indicator.source) == ("month", "Metropolitan Police Service")
    assert (
        client.patch(
            reverse("api:population-indicator-detail", args=[indicators[KNIFE].pk]),
            {"frequency": "quarter"},
            format="json",
        ).status_code
        == 200
    )


def test_indicators_are_not_deleted_through_the_api(staff_user, indicators):
    response = api_for(staff_user).delete(reverse("api:population-indicator-detail", args=[indicators[KNIFE].pk]))

    assert response.status_code == 405
    assert PopulationIndicator.objects.filter(code=KNIFE).exists()


# --- Queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [INDICATORS, FIGURES, IMPORTS], ids=["indicators", "figures", "imports"])
def test_list_queries_do_not_grow_with_rows(staff_user, indicators, url, django_assert_max_num_queries):
    client = api_for(staff_user)

    def grow(to):
        while PopulationImport.objects.count() < to:
            n = PopulationImport.objects.count() + 1
            PopulationIndicator.objects.create(code=f"extra-{n}", name=f"Extra {n}", unit="offences")
            year = 2001 + n // 4
            quarter = f"{year}-{(year + 1) % 100:02d} Q{n % 4 + 1}"
            imported(
                csv_text((KNIFE, LAMBETH, f"{2001 + n // 12}-{n % 12 + 1:02d}", n), (ADMISSIONS, HACKNEY, quarter, n))
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(3)
    count()  # the user's roles are read once and kept on the user
    small = count()
    grow(30)
    with django_assert_max_num_queries(10):
        large = count()
    assert small == large
    assert PopulationFigure.objects.count() == 60
