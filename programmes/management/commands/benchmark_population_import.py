"""Times a large population import through the upload page, then removes everything it made.

    python manage.py benchmark_population_import --rows 100000

Uploads a generated file of ``--rows`` good rows as a VRU staff user, the way a browser does, and prints
how long the upload request took, how long until the import finished, and the progress the import's
page could show meanwhile. Run it against a scratch database: it creates (and then deletes) indicators,
figures, the import and a user. A one-off measurement, kept out of the test suite for its size.
"""

import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse

from partners.models import Borough
from programmes.models import ImportStatus, PopulationFigure, PopulationImport, PopulationIndicator
from vru.roles import GROUP_NAMES, Role

PREFIX = "benchmark-indicator-"
USERNAME = "benchmark-population"
FINISHED = (ImportStatus.DONE, ImportStatus.FAILED)


def _months(count: int) -> list[str]:
    """``count`` months that have ended, the latest first: enough periods for one indicator's rows."""
    today = date.today()
    year, month = today.year, today.month
    labels = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        labels.append(f"{year:04d}-{month:02d}")
    return labels


def _clean() -> None:
    PopulationFigure.objects.filter(indicator__code__startswith=PREFIX).delete()
    PopulationImport.objects.filter(uploaded_by__username=USERNAME).delete()
    PopulationIndicator.objects.filter(code__startswith=PREFIX).delete()
    get_user_model().objects.filter(username=USERNAME).delete()


class Command(BaseCommand):
    help = "Time a large population import through the upload page; nothing it creates is kept."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--timeout", type=int, default=1800, help="Seconds to wait for the import.")

    def handle(self, *args, rows: int, timeout: int, **options):
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        _clean()  # what an interrupted run left
        boroughs = list(Borough.objects.values_list("ons_code", flat=True))
        months = _months(240)
        per_indicator = len(boroughs) * len(months)
        indicators = [
            PopulationIndicator.objects.create(code=f"{PREFIX}{n}", name=f"Benchmark indicator {n}", unit="things")
            for n in range(-(-rows // per_indicator))
        ]
        user = get_user_model().objects.create_user(username=USERNAME, password="unused-password-1")
        user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.STAFF]))
        try:
            # The first upload creates every figure; the second changes every value, so updates are timed too.
            for label, shift in (("creating", 0), ("updating", 1)):
                self.stdout.write(self.style.MIGRATE_HEADING(f"Import {label} {rows:,} figures"))
                self._measure(rows, indicators, boroughs, months, user, timeout, shift)
        finally:
            _clean()

    def _measure(self, rows, indicators, boroughs, months, user, timeout, shift):
        lines = ["indicator,borough_code,period,value"]
        cells = ((i.code, b, m) for i in indicators for m in months for b in boroughs)
        for number, (code, borough, month) in zip(range(rows), cells, strict=False):
            lines.append(f"{code},{borough},{month},{(number + shift) % 97}")
        data = ("\n".join(lines) + "\n").encode()
        self.stdout.write(f"File: {rows:,} rows, {len(data):,} bytes ({len(data) / rows:.1f} bytes a row)")

        client = Client()
        client.force_login(user)
        known = set(PopulationImport.objects.filter(uploaded_by=user).values_list("pk", flat=True))
        started = time.monotonic()
        response = client.post(
            reverse("programmes:population-import-create"), {"file": SimpleUploadedFile("big.csv", data, "text/csv")}
        )
        request_seconds = time.monotonic() - started
        upload = PopulationImport.objects.filter(uploaded_by=user).order_by("-pk").first()
        self.stdout.write(f"Upload request: {request_seconds:.1f} s, answered {response.status_code}")
        if upload is None or upload.pk in known:
            self.stdout.write(self.style.ERROR("No import was recorded."))
            return

        seen = []
        while time.monotonic() - started < timeout:
            upload.refresh_from_db(fields=["status", "processed_rows", "total_rows"])
            state = (upload.status, upload.processed_rows)
            if not seen or seen[-1] != state:
                seen.append(state)
            if upload.status in FINISHED:
                break
            time.sleep(0.2)
        total_seconds = time.monotonic() - started
        upload.refresh_from_db()
        self.stdout.write(f"Import finished: {upload.get_status_display()} after {total_seconds:.1f} s")
        self.stdout.write(
            f"Created {upload.created_count:,}, updated {upload.updated_count:,}, unchanged {upload.unchanged_count:,}"
        )
        if upload.errors:
            self.stdout.write(f"First problem: {upload.errors[0]}")
        running = [done for status, done in seen if status == ImportStatus.RUNNING]
        self.stdout.write(f"Progress seen while it ran (rows checked): {running or 'none'}")
