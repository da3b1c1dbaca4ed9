"""Every report page, download and API answer runs the same number of SQL queries with 2 reports or 20, 2
requests or 20, and a snapshot of 3 indicators or 30."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from programmes.models import PerformanceReport, ReportRequest, RequestStatus
from programmes.reporting.periods import ReportPeriod
from programmes.tests.reporting.sample_snapshot import make_report, sample_snapshot

pytestmark = [pytest.mark.django_db]

# A report page reads the session, the user, their groups, the report and the list of reports.
MAX_QUERIES = 8


def grow_to(reports: int, *, indicators: int):
    """Exactly ``reports`` quarterly reports back from 2025-26 Q2, each with ``indicators`` indicator rows, and
    a request for each, in every state."""
    ReportRequest.objects.all().delete()
    PerformanceReport.objects.all().delete()
    period = ReportPeriod.parse("2025-Q2")
    statuses = [RequestStatus.DONE, RequestStatus.FAILED, RequestStatus.BUILDING, RequestStatus.PENDING]
    for made in range(reports):
        report = make_report(period.slug, data=sample_snapshot(period.slug, indicators=indicators))
        status = statuses[made % 4]
        ReportRequest.objects.create(
            kind=report.kind,
            period_start=report.period_start,
            source=ReportRequest.Source.STAFF,
            status=status,
            report=report if status == RequestStatus.DONE else None,
        )
        period = period.previous()


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(queries)


PAGES = {
    "list": lambda: reverse("programmes:report-list"),
    "list by kind": lambda: reverse("programmes:report-list") + "?kind=quarter",
    "detail": lambda: reverse("programmes:report-detail", args=["quarter", "2025-Q2"]),
    "detail, map of reach": lambda: reverse("programmes:report-detail", args=["quarter", "2025-Q2"]) + "?map=reach",
    "compare": lambda: reverse("programmes:report-compare") + "?a=quarter/2025-Q1&b=quarter/2025-Q2",
    "compare form": lambda: reverse("programmes:report-compare"),
    "csv": lambda: reverse("programmes:report-download", args=["quarter", "2025-Q2", "csv"]),
    "xlsx": lambda: reverse("programmes:report-download", args=["quarter", "2025-Q2", "xlsx"]),
    "request": lambda: reverse("programmes:report-request", args=[ReportRequest.objects.order_by("pk").first().pk]),
    "status.json": lambda: reverse(
        "programmes:report-request-status", args=[ReportRequest.objects.order_by("pk").first().pk]
    ),
}


# PRG members read reports too (suppressed); only VRU staff follow requests.
VRU_ONLY = ("request", "status.json")
CASES = [(name, role) for role in ("staff", "prg") for name in PAGES if role == "staff" or name not in VRU_ONLY]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_pages_run_a_fixed_number_of_queries(personas, django_assert_max_num_queries, monkeypatch, name, role):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 11, 20))
    from django.test import Client

    client = Client()
    client.force_login(personas[role])
    grow_to(2, indicators=3)
    client.get(PAGES[name]())  # warm the session
    small = count(client, PAGES[name]())
    grow_to(20, indicators=30)

    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(client, PAGES[name]())

    assert small == large


API = {
    "reports": lambda: reverse("api:report-list"),
    "report": lambda: reverse("api:report-detail", args=[PerformanceReport.objects.get(slug="2025-Q2").pk]),
    "requests": lambda: reverse("api:report-request-list"),
    "request": lambda: reverse("api:report-request-detail", args=[ReportRequest.objects.order_by("pk").first().pk]),
}


@pytest.mark.parametrize("name", list(API))
def test_the_api_runs_a_fixed_number_of_queries(personas, django_assert_max_num_queries, name):
    client = APIClient()
    client.force_authenticate(personas["staff"])
    grow_to(2, indicators=3)
    client.get(API[name]())  # the user's roles are read once, then kept on the user
    small = count(client, API[name]())
    grow_to(20, indicators=30)

    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(client, API[name]())

    assert small == large


def test_the_numbers_of_queries_measured(personas, monkeypatch):
    """What each page costs, written down so a change shows in review (VRU staff, 20 reports)."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 11, 20))
    from django.test import Client

    client = Client()
    client.force_login(personas["staff"])
    grow_to(20, indicators=30)
    client.get(reverse("programmes:report-list"))

    measured = {name: count(client, url()) for name, url in PAGES.items()}

    # session + user + groups, then: the reports (and, for VRU staff, the recent requests)
    assert measured["list"] == 5
    # + the report and the switcher's list of reports
    assert measured["detail"] == 5
    # + the switcher's list and the two reports in one query
    assert measured["compare"] == 5
    assert measured["csv"] == 4
    assert measured["request"] == 4
