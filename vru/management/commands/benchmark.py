"""Times the main pages and building a performance report at several data sizes, rolling everything back.

    python manage.py benchmark --sizes 5,50,500 --repeat 5

Prints, for each page and size, the median time and the number of SQL queries.
Timing lives here rather than in the tests, whose job is to pin the query counts.
"""

import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.models import (
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    PerformanceReport,
    Programme,
    ReportKind,
)
from programmes.reporting.figures import build_snapshot
from programmes.reporting.periods import ReportPeriod
from vru.roles import GROUP_NAMES, Role


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the main pages at several data sizes; nothing it creates is kept."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="5,50,500", help="Programme counts to measure, comma-separated.")
        parser.add_argument("--repeat", type=int, default=5, help="Requests per page and size.")

    def handle(self, *args, sizes, repeat, **options):
        try:
            counts = sorted(int(size) for size in sizes.split(","))
        except ValueError:
            raise CommandError("--sizes takes whole numbers separated by commas, e.g. 5,50,500.") from None
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        rows = []
        try:
            with transaction.atomic():
                user = self._user()
                client = Client()
                client.force_login(user)
                for count in counts:
                    first = self._grow(count, user)
                    for name, url in self._pages(first):
                        rows.append((name, count, *self._measure(client, url, repeat)))
                    report = self._build_report(count, repeat, rows)
                    for name, url in self._report_pages(report):
                        rows.append((name, count, *self._measure(client, url, repeat)))
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"{'page':<12} {'programmes':>10} {'median ms':>10} {'queries':>8}")
        for name, count, median_ms, queries in sorted(rows):
            self.stdout.write(f"{name:<12} {count:>10} {median_ms:>10.1f} {queries:>8}")

    def _user(self):
        user = get_user_model().objects.create_user("benchmark-user", first_name="Bench", last_name="Mark")
        user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.STAFF]))
        return user

    def _grow(self, count, user) -> Programme:
        objectives = list(Objective.objects.filter(number__in=[5, 6]))
        start = date.today() - timedelta(days=200)
        while (existing := Programme.objects.count()) < count:
            programme = Programme.objects.create(
                title=f"Benchmark programme {existing:04d}",
                lead_officer=user,
                status="active",
                start_date=start,
                end_date=start + timedelta(days=720),
                budget=Decimal("50000.00"),
            )
            programme.objectives.set(objectives)
            Milestone.objects.create(programme=programme, title="First", due_date=start, owner=user, rag="red")
            Milestone.objects.create(programme=programme, title="Second", due_date=start, owner=user, rag="green")
            indicator = Indicator.objects.create(programme=programme, name="Reached", unit="young people")
            IndicatorValue.objects.create(indicator=indicator, financial_year=start.year, quarter=3, target=10)
        return Programme.objects.order_by("pk").first()

    def _pages(self, programme):
        return [
            ("dashboard", reverse("programmes:dashboard")),
            ("objective", reverse("programmes:objective-detail", args=[5])),
            ("list", reverse("programmes:programme-list")),
            ("csv", reverse("programmes:programme-export")),
            ("detail", reverse("programmes:programme-detail", args=[programme.pk])),
            ("api-list", "/api/v1/programmes/"),
        ]

    def _build_report(self, count, repeat, rows) -> PerformanceReport:
        """Time building the latest quarter's snapshot, then keep it as a report to time its pages."""
        period = ReportPeriod.latest_ended(ReportKind.QUARTER, date.today())
        timings, queries, data = [], 0, None
        for _ in range(repeat):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                data = build_snapshot(period, today=date.today())
                timings.append((time.perf_counter() - started) * 1000)
            queries = len(captured)
        rows.append(("report-build", count, statistics.median(timings), queries))
        PerformanceReport.objects.filter(kind=period.kind, period_start=period.start).delete()
        return PerformanceReport.objects.create(
            kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            slug=period.slug,
            label=period.label,
            data=data,
            built_at=timezone.now(),
        )

    def _report_pages(self, report):
        return [
            ("report", report.get_absolute_url()),
            ("report-csv", reverse("programmes:report-download", args=[report.kind, report.slug, "csv"])),
            ("reports", reverse("programmes:report-list")),
        ]

    def _measure(self, client, url, repeat):
        timings, queries = [], 0
        for _ in range(repeat):
            connection.queries_log.clear()  # building the data may have filled the log
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                response.getvalue()  # a streamed download reads its rows while it is sent
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            queries = len(captured)
        return statistics.median(timings), queries
