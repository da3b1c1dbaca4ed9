"""The report task through real Celery workers and real Redis.

These tests commit their data (``transactional_db``) so that the worker, a separate process,
reads it from the test database.
"""

import time
from datetime import date

import psycopg2
import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from programmes.models import PerformanceReport, ReportKind, ReportRequest, RequestStatus
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request, send_request
from programmes.tests.reporting.celery_support import RedisServer, Worker, real_broker, wait_for, worker
from vru.roles import GROUP_NAMES, Role

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PERIOD = ReportPeriod.parse("2025-Q1")


def machine_redis_url() -> str:
    """The machine's Redis (CELERY_BROKER_URL), in a database of its own so nothing else is disturbed."""
    base = (settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    return f"{base}/15"


def request_status(pk):
    return ReportRequest.objects.values_list("status", flat=True).get(pk=pk)


def test_a_real_worker_on_the_machines_redis_builds_one_report_however_often_asked(tmp_path, django_user_model):
    url = machine_redis_url()
    redis.Redis.from_url(url).flushdb()
    prg = django_user_model.objects.create_user("prg-reader", email="prg@example.org")
    prg.groups.add(Group.objects.get(name=GROUP_NAMES[Role.PRG]))

    with real_broker(url), worker(url, tmp_path / "worker.log") as running:
        first = report_request(PERIOD, source=ReportRequest.Source.STAFF)
        # Sent after commit and built by the worker, not in this process.
        assert request_status(first.pk) in (RequestStatus.SENT, RequestStatus.BUILDING, RequestStatus.DONE)
        send_request(first.pk)  # the same message again, as a redelivery would
        wait_for(lambda: request_status(first.pk) == RequestStatus.DONE, timeout=60, what="the report to be built")
        again = report_request(PERIOD, source=ReportRequest.Source.STAFF)

        assert PerformanceReport.objects.count() == 1
        report = PerformanceReport.objects.get()
        assert (report.kind, report.slug, report.period_end) == (ReportKind.QUARTER, "2025-Q1", date(2025, 6, 30))
        assert again.status == RequestStatus.DONE and again.report_id == report.pk
        wait_for(lambda: running.output().count("succeeded") >= 2, timeout=30, what="both deliveries to finish")
        assert "Built performance report 2025-26 Q1" in running.output()
        assert "To: prg@example.org" in running.output()  # the notice, from the worker's console mail
        built_at = report.built_at
    report.refresh_from_db()
    assert report.built_at == built_at  # the second delivery changed nothing


def _lock_request_row(pk):
    """Hold the request's row lock from another connection, as a slow step would, so the worker waits mid-task."""
    db = settings.DATABASES["default"]
    holder = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"] or "postgres", host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432
    )
    cursor = holder.cursor()
    cursor.execute("SELECT id FROM programmes_reportrequest WHERE id = %s FOR UPDATE", [pk])
    return holder


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_while_building_leaves_the_task_to_run_again_and_still_one_report(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    holder = first_worker = None
    try:
        with real_broker(server.url):
            first_worker = Worker(server.url, tmp_path / "killed.log")
            request = report_request(PERIOD, source=ReportRequest.Source.STAFF, send=False)
            # Lock the row before the task goes, so the worker is caught mid-task whatever its speed.
            holder = _lock_request_row(request.pk)
            assert send_request(request.pk)
            wait_for(_someone_waits_for_a_lock, timeout=60, what="the worker to be mid-task, waiting on the row")
            first_worker.kill()
            holder.rollback()
            holder.close()
            assert PerformanceReport.objects.count() == 0
            assert request_status(request.pk) != RequestStatus.DONE

            # The task was never acknowledged: once the visibility timeout (2s here) has passed, the next
            # worker to start takes it back from Redis's unacknowledged set.
            time.sleep(3)
            with worker(server.url, tmp_path / "second.log") as second_worker:
                wait_for(lambda: request_status(request.pk) == RequestStatus.DONE, timeout=90, what="the rerun")
                assert "build_performance_report" in second_worker.output()
        assert PerformanceReport.objects.count() == 1
        request.refresh_from_db()
        assert request.report == PerformanceReport.objects.get()
    finally:
        if holder is not None and not holder.closed:
            holder.close()
        if first_worker is not None:
            first_worker.stop()
        server.stop()


def test_a_request_made_while_redis_is_down_is_kept_and_delivered_when_it_is_back(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        with real_broker(server.url):
            server.stop()
            request = report_request(PERIOD, source=ReportRequest.Source.STAFF)
            request.refresh_from_db()
            assert request.status == RequestStatus.PENDING
            assert "could not be reached" in request.error
            assert request.send_attempts == 1

            server.start()
            # A worker coming up sends what the outbox holds (the beat schedule's dispatcher would too).
            with worker(server.url, tmp_path / "after-outage.log"):
                wait_for(lambda: request_status(request.pk) == RequestStatus.DONE, timeout=60, what="delivery")
        request.refresh_from_db()
        assert request.report.slug == "2025-Q1"
        assert request.error == ""
        assert PerformanceReport.objects.count() == 1
    finally:
        if server.process is not None:
            server.stop()
