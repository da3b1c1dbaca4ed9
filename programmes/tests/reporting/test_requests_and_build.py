"""Asking for reports: the outbox, idempotent building, the notice, the command and the schedule (tasks in-process)."""

from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from programmes.models import PerformanceReport, ReportKind, ReportRequest, RequestStatus
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import dispatch_pending, report_request, requests_to_send
from programmes.tasks import build_monthly_report, build_quarterly_report, dispatch_report_requests
from programmes.tests.reporting.celery_support import free_port, real_broker

pytestmark = pytest.mark.django_db

QUARTER = ReportPeriod.parse("2025-Q1")


def test_a_request_builds_the_report_and_tells_staff_and_prg_but_not_partners(
    personas, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://vru.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        request = report_request(QUARTER, source=ReportRequest.Source.STAFF, user=personas["staff"])
    request.refresh_from_db()
    report = PerformanceReport.objects.get()
    assert (request.status, request.progress, request.report) == (RequestStatus.DONE, 100, report)
    assert request.attempts == 1
    assert report.label == "2025-26 Q1 (April to June 2025)"
    assert report.data["period"]["slug"] == "2025-Q1"

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(personas[role].email for role in ("admin", "staff", "manager", "prg"))
    notice = mail.outbox[0]
    assert notice.subject == "Performance report ready: 2025-26 Q1 (April to June 2025)"
    assert "https://vru.example.org/reports/quarter/2025-Q1/" in notice.body


def test_asking_again_never_builds_or_changes_a_second_report(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = report_request(QUARTER, source=ReportRequest.Source.STAFF)
    report = PerformanceReport.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = report_request(QUARTER, source=ReportRequest.Source.SCHEDULE)
    assert second.pk != first.pk
    assert (second.status, second.report_id, second.stage) == (RequestStatus.DONE, report.pk, "Already published")
    assert PerformanceReport.objects.count() == 1
    assert PerformanceReport.objects.get().built_at == report.built_at
    assert mail.outbox == []


def test_a_published_report_cannot_be_changed(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report_request(QUARTER, source=ReportRequest.Source.STAFF)
    report = PerformanceReport.objects.get()
    report.label = "Edited"
    with pytest.raises(ValidationError, match="cannot be changed"):
        report.save()


@pytest.mark.parametrize(
    ("slug", "message"),
    [("2026-11", "November 2026 has not ended yet"), ("2026-Q3", "2026-27 Q3 (October to December 2026) has not")],
)
def test_a_period_that_has_not_ended_is_refused(slug, message):
    with pytest.raises(ValidationError) as caught:
        report_request(ReportPeriod.parse(slug), source=ReportRequest.Source.STAFF, today=date(2026, 11, 21))
    assert message in caught.value.message_dict["period"][0]
    assert ReportRequest.objects.count() == 0


def test_a_request_on_its_way_is_not_asked_for_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = report_request(QUARTER, source=ReportRequest.Source.STAFF)
        second = report_request(QUARTER, source=ReportRequest.Source.SCHEDULE)
    assert second.pk == first.pk
    assert ReportRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_broker_down_the_request_waits_in_the_outbox_and_goes_when_it_answers(personas):
    with real_broker(f"redis://127.0.0.1:{free_port()}/0"):  # nothing listens there
        request = report_request(QUARTER, source=ReportRequest.Source.STAFF)
        request.refresh_from_db()
        assert request.status == RequestStatus.PENDING
        assert request.error.startswith("The task queue could not be reached")
        assert dispatch_pending() == 0
        request.refresh_from_db()
        assert (request.status, request.send_attempts) == (RequestStatus.PENDING, 2)
    # The broker is back (in-process here): the beat schedule's dispatcher sends it.
    assert dispatch_report_requests.delay().get() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    assert PerformanceReport.objects.count() == 1


def test_requests_whose_worker_died_are_sent_again_but_fresh_ones_are_left(settings):
    now = timezone.now()
    fresh = ReportRequest.objects.create(
        kind=ReportKind.MONTH, period_start=date(2025, 4, 1), source="staff", status=RequestStatus.SENT, sent_at=now
    )
    lost = ReportRequest.objects.create(
        kind=ReportKind.MONTH,
        period_start=date(2025, 5, 1),
        source="staff",
        status=RequestStatus.SENT,
        sent_at=now - timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] + 1),
    )
    died = ReportRequest.objects.create(
        kind=ReportKind.MONTH,
        period_start=date(2025, 6, 1),
        source="staff",
        status=RequestStatus.BUILDING,
        started_at=now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1),
    )
    assert set(requests_to_send(now)) == {lost, died}
    assert fresh not in requests_to_send(now)


def test_the_command_builds_a_report_and_leaves_it_alone_the_second_time(personas):
    out = StringIO()
    call_command("build_performance_report", "--period", "2025-04", stdout=out)
    assert "Built the report for April 2025" in out.getvalue()
    report = PerformanceReport.objects.get()
    assert (report.kind, report.slug) == (ReportKind.MONTH, "2025-04")

    again = StringIO()
    call_command("build_performance_report", "--period", "2025-04", stdout=again)
    assert "is left unchanged" in again.getvalue()
    assert PerformanceReport.objects.count() == 1

    call_command("build_performance_report", "--period", "2025-26", stdout=StringIO())
    call_command("build_performance_report", "--period", "2025-Q1", stdout=StringIO())
    assert sorted(PerformanceReport.objects.values_list("slug", flat=True)) == ["2025-04", "2025-26", "2025-Q1"]


@pytest.mark.parametrize(
    ("period", "message"),
    [("2025-13", "is not a period"), ("Q1-2025", "is not a period"), ("2099-Q1", "has not ended yet")],
)
def test_the_command_explains_a_bad_period(period, message):
    with pytest.raises(CommandError, match=message):
        call_command("build_performance_report", "--period", period)
    assert PerformanceReport.objects.count() == 0


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-01-08", "2025-12"),  # 1 Jan is a bank holiday: 2, 5, 6, 7, 8 January
        ("2026-01-07", None),
        ("2026-04-09", "2026-03"),  # Good Friday 3 and Easter Monday 6 April: 1, 2, 7, 8, 9 April
        ("2026-04-08", None),
        ("2026-06-05", "2026-05"),
        ("2026-06-06", None),  # a Saturday
    ],
)
def test_the_monthly_report_is_asked_for_on_the_fifth_working_day(today, expected, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        pk = build_monthly_report(today)
    if expected is None:
        assert pk is None and ReportRequest.objects.count() == 0
    else:
        request = ReportRequest.objects.get(pk=pk)
        assert (request.kind, ReportPeriod.of(request.kind, request.period_start).slug) == ("month", expected)
        assert request.source == ReportRequest.Source.SCHEDULE


def test_the_quarterly_report_follows_each_quarter_and_the_year_follows_the_fourth(
    settings, django_capture_on_commit_callbacks
):
    settings.REPORT_QUARTERLY_WORKING_DAY = 15
    with django_capture_on_commit_callbacks(execute=False):
        assert build_quarterly_report("2026-07-20") == []  # the 14th working day of July
        july = build_quarterly_report("2026-07-21")
        assert build_quarterly_report("2026-08-21") == []  # not a month after a quarter
        april = build_quarterly_report("2026-04-23")  # after Easter: 1, 2, 7–10, 13–17, 20–23 April
    slugs = [ReportPeriod.of(r.kind, r.period_start).slug for r in ReportRequest.objects.filter(pk__in=july + april)]
    assert sorted(slugs) == ["2025-26", "2025-Q4", "2026-Q1"]


def test_the_schedules_are_in_the_database_for_the_admin_to_edit():
    from django_celery_beat.schedulers import DatabaseScheduler

    from vru.celery import app

    # The scheduler drops stale connections first, which would close the test's own transaction.
    with mock.patch("django_celery_beat.schedulers.close_old_connections"):
        DatabaseScheduler(app=app)
    tasks = dict(PeriodicTask.objects.values_list("name", "task"))
    assert tasks["monthly-performance-report"] == "programmes.tasks.build_monthly_report"
    assert tasks["quarterly-performance-report"] == "programmes.tasks.build_quarterly_report"
    assert tasks["dispatch-report-requests"] == "programmes.tasks.dispatch_report_requests"
    monthly = PeriodicTask.objects.get(name="monthly-performance-report").crontab
    assert (monthly.hour, monthly.minute, monthly.day_of_week) == ("6", "0", "mon-fri")


def test_the_task_is_sent_only_once_the_asking_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = report_request(QUARTER, source=ReportRequest.Source.STAFF)
    # Until the commit nothing has gone to Celery: the request waits and no report exists.
    assert len(callbacks) == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert not PerformanceReport.objects.exists()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report_request(ReportPeriod.parse("2025-Q2"), source=ReportRequest.Source.STAFF)
        raise RuntimeError("the page failed after asking")
    assert callbacks == []
    assert not ReportRequest.objects.filter(period_start=date(2025, 7, 1)).exists()


def test_a_build_that_fails_in_process_is_marked_failed_with_its_error(personas, django_capture_on_commit_callbacks):
    calls = []

    def broken(period, **kwargs):
        calls.append(period)
        raise ValueError("the figures could not be read")

    with (
        mock.patch("programmes.reporting.figures.build_snapshot", broken),
        django_capture_on_commit_callbacks(execute=True),
    ):
        request = report_request(QUARTER, source=ReportRequest.Source.STAFF)
    request.refresh_from_db()
    assert len(calls) == 1  # in-process there is no worker to retry later: staff try again from the page
    assert request.status == RequestStatus.FAILED
    assert request.error == "ValueError: the figures could not be read"
    assert not PerformanceReport.objects.exists()
    assert mail.outbox == []


def test_on_a_worker_a_failing_build_is_retried_with_backoff_and_marked_failed_when_retries_run_out(personas):
    from celery.exceptions import Retry

    from programmes.tasks import build_performance_report

    request = report_request(QUARTER, source=ReportRequest.Source.STAFF, send=False)
    task = build_performance_report
    with mock.patch("programmes.reporting.figures.build_snapshot", side_effect=OSError("disk full")):
        for retries in range(task.max_retries):
            task.push_request(id=f"try-{retries}", retries=retries, is_eager=False, called_directly=False)
            try:
                with mock.patch.object(task, "retry", side_effect=Retry("again")) as retry, pytest.raises(Retry):
                    task.run(request.pk)
                assert 0 <= retry.call_args.kwargs["countdown"] <= min(600, 5 * 2**retries)
            finally:
                task.pop_request()
            request.refresh_from_db()
            assert request.status == RequestStatus.BUILDING
        task.push_request(id="last", retries=task.max_retries, is_eager=False, called_directly=False)
        try:
            with pytest.raises(OSError):
                task.run(request.pk)
        finally:
            task.pop_request()
    request.refresh_from_db()
    assert (request.status, request.error, request.attempts) == (RequestStatus.FAILED, "OSError: disk full", 6)
