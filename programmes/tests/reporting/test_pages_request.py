"""A report request's page: for VRU staff only, its progress with and without JavaScript, the report when it
is ready, and "Try again" when it failed."""

from datetime import date

import pytest
from django.urls import reverse

from programmes.models import ReportRequest, RequestStatus
from programmes.tests.reporting.sample_snapshot import ROLES, client_for, expect, make_report

pytestmark = pytest.mark.django_db


def request_for(slug_start=date(2025, 4, 1), **fields) -> ReportRequest:
    return ReportRequest.objects.create(
        kind="quarter", period_start=slug_start, source=ReportRequest.Source.STAFF, **fields
    )


def page(pk):
    return reverse("programmes:report-request", args=[pk])


def status_json(pk):
    return reverse("programmes:report-request-status", args=[pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_of", [page, status_json], ids=["page", "status.json"])
def test_only_vru_staff_may_follow_a_request(personas, role, url_of):
    report_request = request_for()

    response = client_for(personas, role).get(url_of(report_request.pk))

    assert response.status_code == expect(200, 404, 404)[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_an_unknown_request_is_404(personas):
    assert client_for(personas, "staff").get(page(987654)).status_code == 404


def test_a_request_on_its_way_shows_its_progress_a_refresh_link_and_the_script(personas):
    report_request = request_for(status=RequestStatus.BUILDING, progress=40, stage="Indicators")

    body = client_for(personas, "staff").get(page(report_request.pk)).content.decode()

    assert '<h1 class="govuk-heading-l">2025-26 Q1 (April to June 2025)</h1>' in body
    assert f'data-progress-url="{status_json(report_request.pk)}"' in body
    assert 'data-progress-finished="true"' not in body
    assert '<progress id="report-progress" max="100" value="40" data-progress-bar' in body
    assert "<span data-progress-percent>40%</span> · <span data-progress-stage>Indicators</span>" in body
    assert "Building</strong>" in body
    assert f'<a class="govuk-link" href="{page(report_request.pk)}">Refresh</a>' in body
    assert '<script type="module" src="/static/js/progress.mjs"></script>' in body
    assert "View the report" not in body and "Try again" not in body


def test_the_status_json_follows_the_progress_mjs_contract(personas):
    report_request = request_for(status=RequestStatus.BUILDING, progress=60, stage="Budgets, grants and returns")
    client = client_for(personas, "staff")

    building = client.get(status_json(report_request.pk))
    report = make_report("2025-Q1")
    ReportRequest.objects.filter(pk=report_request.pk).update(
        status=RequestStatus.DONE, progress=100, stage="Ready", report=report
    )
    done = client.get(status_json(report_request.pk)).json()

    assert building["Cache-Control"] == "private, no-store"
    assert building.json() == {
        "status": "building",
        "status_label": "Building",
        "percent": 60,
        "finished": False,
        "stage": "Budgets, grants and returns",
        "report_url": None,
    }
    assert done == {
        "status": "done",
        "status_label": "Ready",
        "percent": 100,
        "finished": True,
        "stage": "Ready",
        "report_url": "/reports/quarter/2025-Q1/",
    }


def test_a_finished_request_links_to_the_report_and_stops_polling(personas):
    report = make_report("2025-Q1")
    report_request = request_for(status=RequestStatus.DONE, progress=100, stage="Ready", report=report)

    body = client_for(personas, "manager").get(page(report_request.pk)).content.decode()

    assert f'href="{report.get_absolute_url()}">View the report</a>' in body
    assert 'data-progress-finished="true"' in body
    assert "progress.mjs" not in body
    assert "Refresh</a>" not in body


def test_a_failed_request_shows_the_error_and_can_be_tried_again(personas):
    report_request = request_for(status=RequestStatus.FAILED, error="OperationalError: the database went away")
    client = client_for(personas, "staff")

    body = client.get(page(report_request.pk)).content.decode()
    response = client.post(reverse("programmes:report-request-retry", args=[report_request.pk]))

    assert "The report could not be built" in body
    assert "OperationalError: the database went away" in body
    assert '<button type="submit" class="govuk-button" data-module="govuk-button">Try again</button>' in body
    again = ReportRequest.objects.exclude(pk=report_request.pk).get()
    assert response.status_code == 302
    assert response["Location"] == page(again.pk)
    assert (again.kind, again.period_start, again.requested_by) == ("quarter", date(2025, 4, 1), personas["staff"])
    report_request.refresh_from_db()
    assert report_request.status == RequestStatus.FAILED  # the failure stays on record


def test_trying_again_a_request_that_has_not_failed_changes_nothing(personas):
    report_request = request_for(status=RequestStatus.BUILDING, progress=10)

    response = client_for(personas, "staff").post(reverse("programmes:report-request-retry", args=[report_request.pk]))

    assert response["Location"] == page(report_request.pk)
    assert ReportRequest.objects.count() == 1


@pytest.mark.parametrize("role", ["prg", "partner"])
def test_no_one_but_vru_staff_may_try_again(personas, role):
    report_request = request_for(status=RequestStatus.FAILED, error="Boom")

    response = client_for(personas, role).post(reverse("programmes:report-request-retry", args=[report_request.pk]))

    assert response.status_code == 404
    assert ReportRequest.objects.count() == 1


def test_trying_again_needs_a_post(personas):
    report_request = request_for(status=RequestStatus.FAILED, error="Boom")

    response = client_for(personas, "staff").get(reverse("programmes:report-request-retry", args=[report_request.pk]))

    assert response.status_code == 405
    assert ReportRequest.objects.count() == 1
