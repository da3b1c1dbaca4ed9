"""The admin for performance reports (read only: snapshots never change) and report requests (read only,
with "Send again" for those waiting or failed)."""

from datetime import date

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from programmes.models import PerformanceReport, ReportRequest, RequestStatus
from programmes.tests.reporting.sample_snapshot import make_report

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def request_row(**fields) -> ReportRequest:
    fields.setdefault("period_start", date(2025, 4, 1))
    return ReportRequest.objects.create(kind="quarter", source=ReportRequest.Source.STAFF, **fields)


def test_the_reports_changelist_lists_reports_without_their_figures(admin_client, django_assert_max_num_queries):
    for slug in ("2025-Q1", "2025-Q2", "2025-04"):
        make_report(slug)

    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:programmes_performancereport_changelist"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "2025-26 Q2 (July to September 2025)" in body and "April 2025" in body
    assert "Add performance report" not in body
    assert 'name="action"' not in body  # nothing to do to a snapshot in bulk: not even delete


def test_a_report_is_shown_with_its_figures_and_cannot_be_changed(admin_client):
    report = make_report("2025-Q1")
    url = reverse("admin:programmes_performancereport_change", args=[report.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"label": "Changed"})

    body = page.content.decode()
    assert page.status_code == 200
    assert "Figures (the snapshot as built)" in body
    assert "&quot;slug&quot;: &quot;2025-Q1&quot;" in body  # pretty-printed JSON, escaped
    assert "Programme &amp;lt;Alpha&amp;gt;" not in body and "Programme &lt;Alpha&gt;" in body
    assert 'name="_save"' not in body
    assert posted.status_code == 403
    assert PerformanceReport.objects.get().label == "2025-26 Q1 (April to June 2025)"


@pytest.mark.parametrize("model", ["performancereport", "reportrequest"])
def test_nothing_is_added_or_deleted_by_hand(admin_client, model):
    report = make_report("2025-Q1")
    row = report if model == "performancereport" else request_row()

    added = admin_client.get(reverse(f"admin:programmes_{model}_add"))
    deleted = admin_client.post(reverse(f"admin:programmes_{model}_delete", args=[row.pk]), {"post": "yes"})

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert PerformanceReport.objects.count() == 1


def test_the_requests_changelist_filters_by_status(admin_client, django_assert_max_num_queries):
    request_row(status=RequestStatus.FAILED, error="Boom")
    request_row(status=RequestStatus.PENDING, period_start=date(2025, 7, 1))
    url = reverse("admin:programmes_reportrequest_changelist")

    with django_assert_max_num_queries(14):
        everything = admin_client.get(url)
    failed = admin_client.get(url, {"status__exact": "failed"})

    assert everything.status_code == 200
    assert "2025-26 Q2 (July to September 2025)" in everything.content.decode()
    assert "2025-26 Q2 (July to September 2025)" not in failed.content.decode()
    assert "2025-26 Q1 (April to June 2025)" in failed.content.decode()
    assert "Send again" in everything.content.decode()


def _send_again(admin_client, *rows):
    return admin_client.post(
        reverse("admin:programmes_reportrequest_changelist"),
        {"action": "send_again", "_selected_action": [row.pk for row in rows]},
        follow=True,
    )


def test_send_again_hands_failed_and_waiting_requests_to_the_workers(admin_client, monkeypatch):
    sent = []
    monkeypatch.setattr(
        "programmes.tasks.build_performance_report.apply_async", lambda args, **kwargs: sent.append(args[0])
    )
    failed = request_row(status=RequestStatus.FAILED, error="Boom", progress=40, stage="Reach")
    waiting = request_row(status=RequestStatus.PENDING, period_start=date(2025, 7, 1))
    building = request_row(status=RequestStatus.BUILDING, period_start=date(2025, 10, 1))

    body = _send_again(admin_client, failed, waiting, building).content.decode()

    assert sorted(sent) == sorted([failed.pk, waiting.pk])
    failed.refresh_from_db()
    building.refresh_from_db()
    assert (failed.status, failed.error, failed.progress, failed.finished_at) == (RequestStatus.SENT, "", 0, None)
    assert building.status == RequestStatus.BUILDING
    assert "Sent 2 requests to the workers." in body
    assert "1 request was left alone: only waiting or failed requests are sent again." in body


def test_send_again_keeps_a_request_in_the_outbox_while_the_broker_is_down(admin_client, monkeypatch):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("programmes.tasks.build_performance_report.apply_async", broker_down)
    failed = request_row(status=RequestStatus.FAILED, error="Boom")

    body = _send_again(admin_client, failed).content.decode()

    failed.refresh_from_db()
    assert failed.status == RequestStatus.PENDING
    assert failed.send_attempts == 1
    assert "1 request could not reach the task queue and stays waiting" in body


def test_staff_without_admin_access_cannot_send_again(client, staff_user):
    client.force_login(staff_user)
    failed = request_row(status=RequestStatus.FAILED, error="Boom")

    response = client.post(
        reverse("admin:programmes_reportrequest_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    failed.refresh_from_db()
    assert failed.status == RequestStatus.FAILED
