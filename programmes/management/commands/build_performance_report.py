"""``manage.py build_performance_report --period 2025-Q1``: build one report from the command line."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programmes.models import ReportRequest, RequestStatus
from programmes.reporting.build import report_build
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request


class Command(BaseCommand):
    help = (
        "Build the performance report of a period: a month (2025-04), a financial quarter (2025-Q1 is April to "
        "June 2025) or a financial year (2025-26). A report that exists already is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2025-04, 2025-Q1 or 2025-26.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the build to the Celery workers instead of building it here.",
        )

    def handle(self, *args, period, queue, **options):
        try:
            report_period = ReportPeriod.parse(period)
            request = report_request(report_period, source=ReportRequest.Source.COMMAND, send=queue)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None

        if request.status == RequestStatus.DONE:
            report = request.report
            self.stdout.write(
                f"The report for {report.label} was built on {timezone.localtime(report.built_at):%-d %B %Y at %H:%M} "
                f"and is left unchanged: {settings.SITE_URL}{report.get_absolute_url()}"
            )
            return
        if queue:
            self.stdout.write(f"Asked the workers for the report for {report_period.label} (request {request.pk}).")
            return
        report = report_build(request.pk)
        self.stdout.write(
            self.style.SUCCESS(f"Built the report for {report.label}: {settings.SITE_URL}{report.get_absolute_url()}")
        )
