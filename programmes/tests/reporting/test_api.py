"""The reports API under the pages' rules: VRU staff and PRG members read reports (PRG members suppressed),
only VRU staff see and make build requests, partners get 403 and the anonymous 401."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from programmes.models import ReportRequest, RequestStatus
from programmes.tests.reporting.sample_snapshot import ROLES, expect, make_report

pytestmark = [pytest.mark.django_db]


def api_for(personas, role) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(personas[role])
    return client


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 11, 20))


@pytest.fixture
def reports(db):
    return [make_report(slug) for slug in ("2025-Q1", "2025-Q2", "2025-04")]


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_reports(personas, reports, role):
    client = api_for(personas, role)

    listing = client.get(reverse("api:report-list"))
    detail = client.get(reverse("api:report-detail", args=[reports[0].pk]))

    expected = expect(200, 200, 403, anonymous=401)[role]
    assert (listing.status_code, detail.status_code) == (expected, expected)
    if expected == 200:
        assert [row["slug"] for row in listing.json()["results"]] == ["2025-Q2", "2025-04", "2025-Q1"]


def test_the_list_describes_each_report_without_its_figures(personas, reports):
    first = api_for(personas, "staff").get(reverse("api:report-list")).json()["results"][0]

    assert first == {
        "id": reports[1].pk,
        "kind": "quarter",
        "kind_label": "Quarterly",
        "slug": "2025-Q2",
        "label": "2025-26 Q2 (July to September 2025)",
        "period_start": "2025-07-01",
        "period_end": "2025-09-30",
        "built_at": first["built_at"],
        "url": "http://testserver/reports/quarter/2025-Q2/",
    }


def test_the_list_filters_by_kind_and_refuses_an_unknown_kind(personas, reports):
    client = api_for(personas, "prg")

    months = client.get(reverse("api:report-list"), {"kind": "month"})
    weekly = client.get(reverse("api:report-list"), {"kind": "weekly"})

    assert [row["slug"] for row in months.json()["results"]] == ["2025-04"]
    assert weekly.status_code == 400
    assert "kind" in weekly.json()


def test_staff_read_exact_figures_and_prg_members_suppressed_ones(personas, reports):
    url = reverse("api:report-detail", args=[reports[0].pk])

    exact = api_for(personas, "staff").get(url).json()["data"]
    hidden = api_for(personas, "prg").get(url).json()["data"]

    assert exact["objectives"][0]["summary"]["reach_total"] == 3
    assert exact["objectives"][4]["summary"]["reach_total"] == 12
    assert "suppressed" not in exact
    assert hidden["objectives"][0]["summary"]["reach_total"] == "*"
    assert hidden["objectives"][4]["summary"]["reach_total"] == 10
    assert hidden["suppressed"] is True
    assert hidden["funds"][0]["awarded"] == "1234.56"  # money is never rounded
    assert hidden["objectives"][0]["indicators"][0]["actual"] == "*"


def test_reports_cannot_be_written(personas, reports):
    client = api_for(personas, "admin")

    created = client.post(reverse("api:report-list"), {"kind": "quarter"}, format="json")
    changed = client.patch(reverse("api:report-detail", args=[reports[0].pk]), {"label": "X"}, format="json")
    deleted = client.delete(reverse("api:report-detail", args=[reports[0].pk]))

    assert (created.status_code, changed.status_code, deleted.status_code) == (405, 405, 405)


@pytest.mark.parametrize("role", ROLES)
def test_only_vru_staff_see_and_make_requests(personas, role):
    asked = ReportRequest.objects.create(kind="quarter", period_start=date(2025, 4, 1), source="staff")
    client = api_for(personas, role)

    listing = client.get(reverse("api:report-request-list"))
    detail = client.get(reverse("api:report-request-detail", args=[asked.pk]))
    created = client.post(reverse("api:report-request-list"), {"period": "2025-Q2"}, format="json")

    expected = expect(200, 403, 403, anonymous=401)[role]
    assert (listing.status_code, detail.status_code) == (expected, expected)
    assert created.status_code == (201 if expected == 200 else expected)
    assert ReportRequest.objects.count() == (2 if expected == 200 else 1)


def test_a_request_is_made_through_the_service_and_followed(personas, reports):
    client = api_for(personas, "staff")

    created = client.post(reverse("api:report-request-list"), {"period": "2024-Q3"}, format="json")
    already = client.post(reverse("api:report-request-list"), {"period": "2025-Q1"}, format="json")
    followed = client.get(reverse("api:report-request-detail", args=[created.json()["id"]]))

    body = created.json()
    assert created.status_code == 201
    assert {key: body[key] for key in ("kind", "period", "period_label", "source", "status", "progress", "report")} == {
        "kind": "quarter",
        "period": "2024-Q3",
        "period_label": "2024-25 Q3 (October to December 2024)",
        "source": "staff",
        "status": "pending",
        "progress": 0,
        "report": None,
    }
    assert body["requested_by_name"] == "Staff Persona"
    assert followed.json()["id"] == body["id"]
    # The period already has a report: answered at once.
    assert already.status_code == 201
    assert (already.json()["status"], already.json()["report"]) == (RequestStatus.DONE, reports[0].pk)
    assert already.json()["report_url"] == "http://testserver/reports/quarter/2025-Q1/"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "This field is required."),
        ({"period": "2025-13"}, "is not a period."),
        ({"period": "2025-Q3-extra"}, "is not a period."),
        ({"period": "2026-Q1"}, "has not ended yet."),
    ],
    ids=["missing", "bad-month", "nonsense", "not-ended"],
)
def test_a_bad_period_is_a_400_on_the_field_and_nothing_is_made(personas, payload, message):
    response = api_for(personas, "manager").post(reverse("api:report-request-list"), payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["period"]
    assert message in response.json()["period"][0]
    assert ReportRequest.objects.count() == 0


def test_requests_filter_by_status(personas):
    ReportRequest.objects.create(kind="quarter", period_start=date(2025, 4, 1), source="staff", status="failed")
    ReportRequest.objects.create(kind="month", period_start=date(2025, 4, 1), source="schedule", status="pending")

    failed = api_for(personas, "staff").get(reverse("api:report-request-list"), {"status": "failed"}).json()

    assert [row["kind"] for row in failed["results"]] == ["quarter"]
