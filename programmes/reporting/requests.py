"""Asking for a performance report: the outbox between whoever asks and the Celery worker.

A request is a row written in the asker's transaction. Only after that commits is the task
sent to the broker; if the broker cannot be reached the row stays "pending", and
``dispatch_pending`` (every minute from the beat schedule, and when a worker starts) sends
it once the broker answers again. So a request is never lost, and never sent before it exists.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from programmes.models import OPEN_STATUSES, PerformanceReport, ReportRequest, RequestStatus
from programmes.reporting.periods import ReportPeriod
from vru.celery import send_now
from vru.validators import earliest_date

logger = logging.getLogger(__name__)


def report_request(
    period: ReportPeriod, *, source: str, user=None, today: date | None = None, send: bool = True
) -> ReportRequest:
    """Ask for the report of ``period``; the request that will build it (or already has).

    A period must have ended. If the report exists, the request is answered at once with it;
    if one is already on its way, that request is returned rather than a second one made.
    With ``send=False`` the caller builds it itself (the command line does) and nothing is queued.
    """
    today = today or timezone.localdate()
    if period.start < earliest_date():
        # A report compares with the year before, and is emailed to staff and the PRG: not for year 1.
        raise ValidationError({"period": f"Choose a period from {earliest_date():%B %Y} on: no report covers earlier."})
    if not period.has_ended(today):
        raise ValidationError(
            {"period": f"{period.label} has not ended yet. A report is built once its period is over."}
        )
    with transaction.atomic():
        report = PerformanceReport.objects.filter(kind=period.kind, period_start=period.start).first()
        if report is None:
            open_request = (
                ReportRequest.objects.select_for_update()
                .filter(kind=period.kind, period_start=period.start, status__in=OPEN_STATUSES)
                .first()
            )
            if open_request is not None:
                return open_request
        request = ReportRequest.objects.create(
            kind=period.kind,
            period_start=period.start,
            source=source,
            requested_by=user,
            status=RequestStatus.DONE if report else (RequestStatus.PENDING if send else RequestStatus.SENT),
            sent_at=None if report or send else timezone.now(),
            progress=100 if report else 0,
            stage="Already published" if report else "",
            report=report,
            finished_at=timezone.now() if report else None,
        )
        if report is None and send:
            # A named function, not a partial: robust on_commit logs a failure by the callback's __qualname__.
            transaction.on_commit(lambda: send_request(request.pk), robust=True)
    return request


def send_request(pk: int) -> bool:
    """Hand one request to the broker. False, with the request left pending, if the broker is down."""
    from programmes.tasks import build_performance_report

    if exc := send_now(build_performance_report, pk):
        ReportRequest.objects.filter(pk=pk, status=RequestStatus.PENDING).update(
            send_attempts=F("send_attempts") + 1, error=f"The task queue could not be reached: {exc}"
        )
        logger.warning("Report request %s kept in the outbox: the broker is unavailable (%s)", pk, exc)
        return False
    ReportRequest.objects.filter(pk=pk, status=RequestStatus.PENDING).update(
        status=RequestStatus.SENT, sent_at=timezone.now(), send_attempts=F("send_attempts") + 1, error=""
    )
    return True


def requests_to_send(now=None):
    """Pending requests, and requests whose worker seems to have died: sent or started long ago."""
    now = now or timezone.now()
    lost_after = timedelta(seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"])
    died_after = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return ReportRequest.objects.filter(
        Q(status=RequestStatus.PENDING)
        | Q(status=RequestStatus.SENT, sent_at__lt=now - lost_after)
        | Q(status=RequestStatus.BUILDING, started_at__lt=now - died_after)
    ).order_by("created_at", "pk")


def dispatch_pending(now=None) -> int:
    """Send what the outbox holds; how many were handed to the broker. Safe to run at any time:
    building is idempotent, so a request sent twice still makes one report."""
    sent = 0
    for pk in requests_to_send(now).values_list("pk", flat=True):
        ReportRequest.objects.filter(pk=pk).exclude(status=RequestStatus.DONE).update(status=RequestStatus.PENDING)
        if not send_request(pk):
            break  # the broker is down: the rest wait for the next run
        sent += 1
    return sent
