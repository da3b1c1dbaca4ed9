"""Applying an import: figures created, changed ones updated, identical ones left alone; the same file twice
changes nothing; progress saved as it goes; the task enqueued only once the upload commits."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import Borough
from programmes.models import ImportStatus, PopulationFigure, PopulationImport
from programmes.population import importing
from programmes.population.importing import (
    population_import_create,
    population_import_mark_failed,
    population_import_run,
    population_imports_resend,
)
from programmes.population.tasks import run_population_import
from programmes.tests.population.conftest import (
    ADMISSIONS,
    HACKNEY,
    KNIFE,
    LAMBETH,
    SOUTHWARK,
    TODAY,
    csv_text,
)

pytestmark = pytest.mark.django_db

FILE = csv_text(
    (KNIFE, LAMBETH, "2025-04", "7"),
    (KNIFE, SOUTHWARK, "2025-04", "12"),
    (KNIFE, LAMBETH, "2025-05", "4.5"),
    (ADMISSIONS, HACKNEY, "2025-26 Q1", "9"),
)


def run(text, *, is_demo=False, user=None) -> PopulationImport:
    upload = population_import_create(file_name="figures.csv", content=text, user=user, is_demo=is_demo, send=False)
    return population_import_run(upload.pk, today=TODAY)


def figures():
    return {
        (figure.indicator.code, figure.borough.ons_code, figure.period_start): figure
        for figure in PopulationFigure.objects.select_related("indicator", "borough")
    }


def test_a_good_file_creates_its_figures(indicators, staff_user):
    upload = run(FILE, user=staff_user)

    assert upload.status == ImportStatus.DONE
    assert (upload.created_count, upload.updated_count, upload.unchanged_count) == (4, 0, 0)
    assert (upload.total_rows, upload.processed_rows, upload.percent_done) == (4, 4, 100)
    assert upload.errors == []
    assert upload.finished_at is not None
    assert upload.uploaded_by == staff_user
    made = figures()
    lambeth_april = made[(KNIFE, LAMBETH, date(2025, 4, 1))]
    assert (lambeth_april.value, lambeth_april.period_end, lambeth_april.is_demo) == (
        Decimal("7.00"),
        date(2025, 4, 30),
        False,
    )
    assert lambeth_april.source_import == upload
    assert made[(KNIFE, LAMBETH, date(2025, 5, 1))].value == Decimal("4.50")
    hackney = made[(ADMISSIONS, HACKNEY, date(2025, 4, 1))]
    assert (hackney.period_end, hackney.value) == (date(2025, 6, 30), Decimal("9.00"))


def test_importing_the_same_file_again_changes_nothing(indicators):
    first = run(FILE)
    before = {key: (figure.value, figure.updated_at, figure.source_import_id) for key, figure in figures().items()}

    second = run(FILE)

    assert second.status == ImportStatus.DONE
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 4)
    after = {key: (figure.value, figure.updated_at, figure.source_import_id) for key, figure in figures().items()}
    assert after == before
    assert {source for _, _, source in after.values()} == {first.pk}


def test_a_changed_value_is_updated_and_the_rest_left_alone(indicators):
    run(FILE)
    before = figures()

    upload = run(
        csv_text(
            (KNIFE, LAMBETH, "2025-04", "8"),  # changed
            (KNIFE, SOUTHWARK, "2025-04", "12.00"),  # the same, written differently
            (KNIFE, HACKNEY, "2025-04", "2"),  # new
        )
    )

    assert (upload.created_count, upload.updated_count, upload.unchanged_count) == (1, 1, 1)
    after = figures()
    changed = after[(KNIFE, LAMBETH, date(2025, 4, 1))]
    assert changed.value == Decimal("8.00")
    assert changed.source_import == upload
    assert changed.updated_at > before[(KNIFE, LAMBETH, date(2025, 4, 1))].updated_at
    same = after[(KNIFE, SOUTHWARK, date(2025, 4, 1))]
    assert same.updated_at == before[(KNIFE, SOUTHWARK, date(2025, 4, 1))].updated_at
    assert same.source_import_id != upload.pk
    assert len(after) == 5


def test_figures_take_demo_from_their_import_and_a_real_file_replaces_demo_figures(indicators):
    demo = run(FILE, is_demo=True)
    assert demo.is_demo
    assert {figure.is_demo for figure in figures().values()} == {True}

    real = run(FILE)

    assert (real.created_count, real.updated_count, real.unchanged_count) == (0, 4, 0)
    assert {figure.is_demo for figure in figures().values()} == {False}


@pytest.mark.postgres  # SQLite caps the parameters of one statement, so it splits the bulk inserts smaller
def test_writing_takes_the_same_number_of_queries_for_few_and_many_rows(indicators):
    boroughs = list(Borough.objects.values_list("ons_code", flat=True))

    def count(months):
        rows = [(KNIFE, code, f"2024-{month:02d}", month) for month in months for code in boroughs]
        upload = population_import_create(file_name="f.csv", content=csv_text(*rows), send=False)
        with CaptureQueriesContext(connection) as queries:
            population_import_run(upload.pk, today=TODAY)
        return len(queries)

    small = count([1])  # 33 rows
    large = count([2, 3, 4, 5, 6, 7, 8, 9, 10])  # 297 rows
    assert small == large


def test_progress_is_saved_as_the_rows_are_checked(indicators, monkeypatch):
    seen = []
    real_parse = importing.parse_figures

    def watching_parse(text, **kwargs):
        def progress(done, total):
            kwargs["on_progress"](done, total)
            upload = PopulationImport.objects.get()
            seen.append((upload.status, upload.processed_rows, upload.total_rows, upload.percent_done))

        return real_parse(text, **{**kwargs, "on_progress": progress, "progress_every": 2})

    monkeypatch.setattr(importing, "parse_figures", watching_parse)

    run(FILE)

    assert seen == [
        (ImportStatus.RUNNING, 2, 4, 50),
        (ImportStatus.RUNNING, 4, 4, 100),
    ]


def test_a_finished_import_is_not_run_again(indicators):
    upload = run(FILE)
    PopulationFigure.objects.all().delete()

    again = population_import_run(upload.pk, today=TODAY)

    assert again.status == ImportStatus.DONE
    assert not PopulationFigure.objects.exists()


def test_an_import_left_running_by_a_lost_worker_runs_again_from_the_start(indicators):
    upload = population_import_create(file_name="f.csv", content=FILE, send=False)
    PopulationImport.objects.filter(pk=upload.pk).update(status=ImportStatus.RUNNING, processed_rows=3, total_rows=4)

    upload = population_import_run(upload.pk, today=TODAY)

    assert (upload.status, upload.created_count) == (ImportStatus.DONE, 4)


def test_a_task_that_gave_up_leaves_the_import_failed_with_the_reason(indicators):
    upload = population_import_create(file_name="f.csv", content=FILE, send=False)

    population_import_mark_failed(upload.pk, "OperationalError: server closed the connection")

    upload.refresh_from_db()
    assert upload.status == ImportStatus.FAILED
    assert upload.errors == [
        {
            "row": None,
            "column": None,
            "message": "The import stopped before it finished (OperationalError: server closed the connection). "
            "Upload the file again.",
        }
    ]


def test_the_task_is_sent_only_once_the_upload_commits(indicators, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload = population_import_create(file_name="f.csv", content=csv_text((KNIFE, LAMBETH, "2025-04", "3")))
    assert upload.status == ImportStatus.QUEUED
    assert len(callbacks) == 1
    assert not PopulationFigure.objects.exists()

    callbacks[0]()  # the commit: tasks run eagerly in the tests

    upload.refresh_from_db()
    assert (upload.status, upload.created_count) == (ImportStatus.DONE, 1)


def test_the_task_is_built_to_survive_a_lost_worker_and_a_database_hiccup():
    from django.db import OperationalError

    assert run_population_import.acks_late
    assert run_population_import.reject_on_worker_lost
    assert OperationalError in run_population_import.autoretry_for
    assert run_population_import.retry_backoff


def test_the_task_runs_the_import_and_answers_its_status(indicators):
    upload = population_import_create(file_name="f.csv", content=FILE, send=False)

    assert run_population_import.delay(upload.pk).get() == ImportStatus.DONE
    assert PopulationFigure.objects.count() == 4


def test_an_upload_made_while_the_broker_is_down_waits_and_is_sent_when_it_is_back(
    indicators, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as BrokerUnavailable

    real_apply_async = run_population_import.apply_async

    def broker_down(*args, **kwargs):
        raise BrokerUnavailable("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(run_population_import, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        upload = population_import_create(file_name="f.csv", content=FILE)
    upload.refresh_from_db()
    assert upload.status == ImportStatus.QUEUED
    assert population_imports_resend() == 0  # the broker is still down

    monkeypatch.setattr(run_population_import, "apply_async", real_apply_async)
    assert population_imports_resend() == 0  # too recent: a worker may simply not have got to it yet
    PopulationImport.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(minutes=6))

    assert population_imports_resend() == 1

    upload.refresh_from_db()
    assert (upload.status, upload.created_count) == (ImportStatus.DONE, 4)
    assert population_imports_resend() == 0
