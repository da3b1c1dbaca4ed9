"""The performance report's Celery tasks: thin, each calling one service.

The beat schedule (``CELERY_BEAT_SCHEDULE`` in vru/settings.py, copied into the database by
django-celery-beat and editable in the admin) runs ``build_monthly_report`` and
``build_quarterly_report`` on weekdays; each acts only on its working day of the month, so the
schedule stays a plain crontab an admin can read. ``dispatch_report_requests`` empties the outbox.
"""

import logging
from datetime import date

from celery import shared_task
from celery.signals import worker_ready
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.utils import timezone

from programmes.models import ReportKind, ReportRequest
from programmes.population.importing import population_imports_fail_stale, population_imports_resend
from programmes.population.tasks import run_population_import  # noqa: F401  (registers the task)
from programmes.reporting.build import report_build, report_mark_failed
from programmes.reporting.periods import ReportPeriod, working_day_number
from programmes.reporting.requests import dispatch_pending, report_request

logger = logging.getLogger(__name__)

QUARTER_REPORT_MONTHS = (1, 4, 7, 10)


RETRY_BACKOFF_SECONDS = 5
RETRY_BACKOFF_MAX_SECONDS = 600


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def build_performance_report(self, request_id: int) -> int | None:
    """Build what request ``request_id`` asks for; the report's id. Idempotent: see report_build.

    A failure is retried with exponential backoff (5s, 10s, 20s… at most 10 minutes, with
    jitter); once the retries are spent, or at once when tasks run in-process, the request is
    marked failed with the error, and staff can try again from its page.
    """
    try:
        return report_build(request_id).pk
    except ReportRequest.DoesNotExist:
        logger.warning("Report request %s no longer exists; nothing to build", request_id)
        return None
    except Exception as exc:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            report_mark_failed(request_id, f"{type(exc).__name__}: {exc}")
            raise
        countdown = get_exponential_backoff_interval(
            RETRY_BACKOFF_SECONDS, self.request.retries, RETRY_BACKOFF_MAX_SECONDS, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=countdown) from exc


def _today(today: str | None):
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task
def build_monthly_report(today: str | None = None) -> int | None:
    """On the month's REPORT_MONTHLY_WORKING_DAY, ask for last month's report; the request's id."""
    today = _today(today)
    if working_day_number(today) != settings.REPORT_MONTHLY_WORKING_DAY:
        return None
    period = ReportPeriod.latest_ended(ReportKind.MONTH, today)
    return report_request(period, source=ReportRequest.Source.SCHEDULE, today=today).pk


@shared_task
def build_quarterly_report(today: str | None = None) -> list[int]:
    """In the month after a quarter, on REPORT_QUARTERLY_WORKING_DAY, ask for its report, and
    after the fourth quarter for the financial year's too; the requests' ids."""
    today = _today(today)
    if today.month not in QUARTER_REPORT_MONTHS or working_day_number(today) != settings.REPORT_QUARTERLY_WORKING_DAY:
        return []
    periods = [ReportPeriod.latest_ended(ReportKind.QUARTER, today)]
    if today.month == 4:
        periods.append(ReportPeriod.latest_ended(ReportKind.YEAR, today))
    return [report_request(period, source=ReportRequest.Source.SCHEDULE, today=today).pk for period in periods]


@shared_task
def dispatch_report_requests() -> int:
    """Send the report requests the outbox holds, and population imports left waiting; how many went.

    Imports whose worker died mid-way are marked failed here too, so none says "running" for ever.
    """
    population_imports_fail_stale()
    return dispatch_pending() + population_imports_resend()


@worker_ready.connect
def _dispatch_on_worker_start(sender=None, **kwargs):
    # A worker coming up after an outage sends what was asked for meanwhile, without waiting for beat.
    try:
        sent = dispatch_pending() + population_imports_resend()
    except Exception:
        logger.exception("Could not empty the report outbox when the worker started")
        return
    if sent:
        logger.info("Sent %d report requests and imports from the outbox", sent)
