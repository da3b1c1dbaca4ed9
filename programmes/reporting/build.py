"""Building a performance report from a request: once per kind and period, whoever asks and however often."""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from programmes.models import OPEN_STATUSES, PerformanceReport, ReportRequest, RequestStatus
from programmes.reporting.periods import ReportPeriod

logger = logging.getLogger(__name__)


def _finish(request: ReportRequest, report: PerformanceReport, stage: str) -> None:
    """Answer this request, and any other open request for the same period, with the report."""
    ReportRequest.objects.filter(kind=report.kind, period_start=report.period_start, status__in=OPEN_STATUSES).update(
        status=RequestStatus.DONE, report=report, progress=100, stage=stage, finished_at=timezone.now(), error=""
    )
    request.refresh_from_db()


def report_build(request_id: int, *, today: date | None = None, notify: bool = True) -> PerformanceReport:
    """Build the report a request asks for, or return the one already built.

    The request row is locked while it is claimed and again while the report is saved, and the
    report is unique per kind and period, so two workers (or a worker that was killed and a
    retry) never make two reports, and a published report is never changed. A new report is
    announced by email to its readers after the commit, unless ``notify`` is off (the demo data).
    """
    from programmes.reporting.figures import build_snapshot
    from programmes.reporting.notify import report_notice_send

    with transaction.atomic():
        request = ReportRequest.objects.select_for_update().get(pk=request_id)
        existing = PerformanceReport.objects.filter(kind=request.kind, period_start=request.period_start).first()
        if existing is not None:
            _finish(request, existing, "Already published")
            return existing
        request.status = RequestStatus.BUILDING
        request.attempts += 1
        request.started_at = timezone.now()
        request.progress = 0
        request.stage = "Starting"
        request.save(update_fields=["status", "attempts", "started_at", "progress", "stage"])

    period = ReportPeriod.of(request.kind, request.period_start)

    def progress(percent: int, stage: str) -> None:
        # Outside any transaction, so whoever watches the progress page sees each step.
        ReportRequest.objects.filter(pk=request_id, status=RequestStatus.BUILDING).update(
            progress=max(0, min(99, percent)), stage=stage[:100]
        )

    data = build_snapshot(period, today=today or timezone.localdate(), progress=progress)

    with transaction.atomic():
        request = ReportRequest.objects.select_for_update().get(pk=request_id)
        report, created = PerformanceReport.objects.get_or_create(
            kind=period.kind,
            period_start=period.start,
            defaults={
                "period_end": period.end,
                "slug": period.slug,
                "label": period.label,
                "data": data,
                "built_at": timezone.now(),
            },
        )
        _finish(request, report, "Ready" if created else "Already published")
        if created:
            logger.info("Built performance report %s", report.label)
            if notify:
                transaction.on_commit(lambda: report_notice_send(report.pk), robust=True)
    return report


def report_mark_failed(request_id: int, error: str) -> None:
    ReportRequest.objects.filter(pk=request_id).exclude(status=RequestStatus.DONE).update(
        status=RequestStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )
