"""Without a broker an upload answers at once and the import runs on a thread, its progress stored as it
goes; an import that stops showing progress is marked failed with the reason, never "running" for ever."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners.models import Borough
from programmes.models import ImportStatus, PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population import importing
from programmes.tasks import dispatch_report_requests
from programmes.tests.population.conftest import KNIFE, csv_text

MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]


def _hold_indicator_lock(code: str, held: threading.Event, release: threading.Event) -> threading.Thread:
    """Another connection locks the indicator as a second import of it would: the import waits to write."""

    def hold():
        try:
            with transaction.atomic():
                list(PopulationIndicator.objects.select_for_update().filter(code=code))
                held.set()
                release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    return thread


def _status(client, upload) -> dict:
    return client.get(reverse("programmes:population-import-status", args=[upload.pk])).json()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_broker_the_upload_answers_at_once_and_the_import_runs_on_a_thread(settings, monkeypatch, staff_user):
    settings.IN_PROCESS_TASKS_ON_THREADS = True
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 50)
    boroughs = list(Borough.objects.values_list("ons_code", flat=True))
    rows = [(KNIFE, code, month, n) for n, (month, code) in enumerate((m, c) for m in MONTHS for c in boroughs)]
    stored_progress = []
    parse = importing.parse_figures

    def parse_noting_progress(text, *, on_progress, **kwargs):
        def noted(done, total):
            on_progress(done, total)
            # What the import's page reads at that moment, from the database.
            stored_progress.append(PopulationImport.objects.values_list("status", "processed_rows").get())

        return parse(text, on_progress=noted, **kwargs)

    monkeypatch.setattr(importing, "parse_figures", parse_noting_progress)
    client = Client()
    client.force_login(staff_user)
    held, release = threading.Event(), threading.Event()
    lock = _hold_indicator_lock(KNIFE, held, release)
    try:
        response = client.post(
            reverse("programmes:population-import-create"),
            {"file": _file(csv_text(*rows))},
        )
        upload = PopulationImport.objects.get()
        assert response.status_code == 302
        # The request has answered while the import waits for the lock: it did not do the import itself.
        assert upload.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
        _wait_for(lambda: _status(client, upload)["stage"] == f"Checked all {len(rows):,} rows. Saving the figures.")
        assert _status(client, upload)["finished"] is False
        assert not PopulationFigure.objects.filter(indicator__code=KNIFE).exists()
    finally:
        release.set()
        lock.join()

    _wait_for(lambda: _status(client, upload)["finished"])
    page = client.get(reverse("programmes:population-import-detail", args=[upload.pk])).content.decode()
    assert f"Imported {len(rows):,} rows: {len(rows):,} created, 0 updated, 0 unchanged." in page
    assert PopulationFigure.objects.filter(indicator__code=KNIFE).count() == len(rows)
    seen = [done for status, done in stored_progress]
    assert seen == [*range(50, len(rows), 50), len(rows)]
    assert {status for status, done in stored_progress} == {ImportStatus.RUNNING}


def _file(text):
    return SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def _import(status, minutes_quiet) -> PopulationImport:
    upload = importing.population_import_create(file_name="figures.csv", content="x", send=False)
    PopulationImport.objects.filter(pk=upload.pk).update(
        status=status, processed_rows=40, total_rows=100, updated_at=timezone.now() - timedelta(minutes=minutes_quiet)
    )
    return upload


@pytest.mark.django_db
def test_the_import_page_fails_an_import_with_no_progress_for_the_set_minutes(settings, staff_user):
    settings.POPULATION_IMPORT_STALE_MINUTES = 10
    stale, alive = _import(ImportStatus.RUNNING, 11), _import(ImportStatus.RUNNING, 9)
    client = Client()
    client.force_login(staff_user)

    page = client.get(reverse("programmes:population-import-detail", args=[stale.pk])).content.decode()

    assert "Nothing was imported." in page
    assert "The import stopped: no progress for 10 minutes" in page
    stale.refresh_from_db()
    assert (stale.status, stale.finished_at is not None) == (ImportStatus.FAILED, True)
    assert _status(client, alive)["status"] == ImportStatus.RUNNING
    alive.refresh_from_db()
    assert alive.status == ImportStatus.RUNNING


@pytest.mark.django_db
def test_the_outbox_dispatcher_fails_stale_imports_and_leaves_finished_ones(settings):
    settings.POPULATION_IMPORT_STALE_MINUTES = 10
    running, waiting, done = (
        _import(ImportStatus.RUNNING, 30),
        _import(ImportStatus.QUEUED, 30),
        _import(ImportStatus.DONE, 30),
    )

    dispatch_report_requests()

    statuses = dict(PopulationImport.objects.values_list("pk", "status"))
    # In-process (no broker) a waiting import starts at once, so one still waiting never will.
    assert statuses == {running.pk: ImportStatus.FAILED, waiting.pk: ImportStatus.FAILED, done.pk: ImportStatus.DONE}
    running.refresh_from_db()
    assert running.errors[0]["message"].startswith("The import stopped: no progress for 10 minutes")


@pytest.mark.django_db
def test_an_import_marked_failed_while_it_ran_writes_nothing(monkeypatch):
    upload = importing.population_import_create(
        file_name="figures.csv", content=csv_text((KNIFE, "E09000022", "2024-04", "7")), send=False
    )

    def parse_then_go_quiet(text, **kwargs):
        result = parse(text, **kwargs)
        PopulationImport.objects.filter(pk=upload.pk).update(updated_at=timezone.now() - timedelta(hours=1))
        importing.population_imports_fail_stale()
        return result

    parse = importing.parse_figures
    monkeypatch.setattr(importing, "parse_figures", parse_then_go_quiet)

    assert importing.population_import_run(upload.pk).status == ImportStatus.FAILED
    assert not PopulationFigure.objects.exists()


@pytest.mark.django_db
def test_the_api_reads_an_import_with_no_progress_as_failed(settings, staff_user):
    settings.POPULATION_IMPORT_STALE_MINUTES = 10
    stale = _import(ImportStatus.RUNNING, 11)
    client = Client()
    client.force_login(staff_user)

    answer = client.get(f"/api/v1/population-imports/{stale.pk}/").json()

    assert (answer["status"], answer["finished"]) == (ImportStatus.FAILED, True)
