"""The reports list: who may open it, the latest report of each kind, the kind filter, the compare form, and
"Build a report now" for VRU staff, with its errors beside the field and in the summary."""

from datetime import date

import pytest
from django.urls import reverse

from programmes.models import ReportRequest, RequestStatus
from programmes.tests.reporting.sample_snapshot import ROLES, client_for, expect, make_report

pytestmark = pytest.mark.django_db

LIST = reverse("programmes:report-list")
BUILD = reverse("programmes:report-request-create")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """20 November 2025: Q2 of 2025-26 and October 2025 have ended, Q3 has not."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 11, 20))
    return date(2025, 11, 20)


@pytest.fixture
def reports(db):
    return [make_report(slug) for slug in ("2025-Q1", "2025-Q2", "2025-04", "2025-05", "2024-25")]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_list(personas, reports, role):
    response = client_for(personas, role).get(LIST)

    assert response.status_code == expect(200, 200, 403)[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_the_latest_report_of_each_kind_comes_first_then_every_report(personas, reports):
    body = client_for(personas, "staff").get(LIST).content.decode()

    cards = body[: body.index('id="all-reports"')]
    assert "Latest quarterly report" in cards
    assert "2025-26 Q2 (July to September 2025)" in cards
    assert "Latest monthly report" in cards and "May 2025" in cards
    assert "Latest financial year report" in cards and "Financial year 2024-25" in cards
    assert cards.index("Latest quarterly report") < cards.index("Latest monthly report")
    table = body[body.index('id="all-reports"') :]
    for report in reports:
        assert f'href="{report.get_absolute_url()}">{report.label}</a>' in table
    assert "5 of 5 reports" in body


def test_the_list_filters_by_kind(personas, reports):
    body = client_for(personas, "prg").get(LIST, {"kind": "month"}).content.decode()

    table = body[body.index('id="all-reports"') :]
    assert "April 2025" in table and "May 2025" in table
    assert "2025-26 Q1 (April to June 2025)</a>" not in table
    assert "2 of 5 reports" in body


def test_an_unknown_kind_is_shown_as_an_error_and_every_report_listed(personas, reports):
    response = client_for(personas, "staff").get(LIST, {"kind": "weekly"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count("Choose monthly, quarterly or financial year") == 2  # summary and beside the field
    assert "5 of 5 reports" in body


def test_the_compare_form_suggests_the_latest_quarter_against_the_one_before(personas, reports):
    response = client_for(personas, "prg").get(LIST)

    form = response.context["compare_form"]
    assert form.initial == {"a": "quarter/2025-Q1", "b": "quarter/2025-Q2"}
    body = response.content.decode()
    assert f'action="{reverse("programmes:report-compare")}"' in body
    assert '<optgroup label="Monthly">' in body


def test_prg_members_see_no_build_form_or_requests(personas, reports):
    body = client_for(personas, "prg").get(LIST).content.decode()

    assert "Build a report now" not in body
    assert "Recent requests" not in body


def test_vru_staff_may_build_only_ended_periods_without_a_report(personas, reports):

    form = client_for(personas, "staff").get(LIST).context["build_form"]

    choices = dict(form.fields["period"].widget.choices)
    assert choices[""] == "Choose a period"
    quarters = [slug for slug, _ in choices["Quarterly"]]
    months = [slug for slug, _ in choices["Monthly"]]
    years = [slug for slug, _ in choices["Financial year"]]
    # Q2 and Q1 of 2025-26 are built; Q3 has not ended; three financial years back, newest first.
    assert quarters == ["2024-Q4", "2024-Q3", "2024-Q2", "2024-Q1", "2023-Q4", "2023-Q3", "2023-Q2", "2023-Q1"]
    assert months[:4] == ["2025-10", "2025-09", "2025-08", "2025-07"]
    assert "2025-04" not in months and "2025-05" not in months and "2025-11" not in months
    assert months[-1] == "2023-04"
    assert years == ["2023-24"]  # 2024-25 is built and 2025-26 has not ended


def test_building_a_report_makes_a_request_and_shows_its_progress(personas):
    client = client_for(personas, "staff")

    response = client.post(BUILD, {"period": "2025-Q2"})

    request = ReportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:report-request", args=[request.pk])
    assert (request.kind, request.period_start) == ("quarter", date(2025, 7, 1))
    assert (request.source, request.requested_by) == (ReportRequest.Source.STAFF, personas["staff"])
    assert request.status == RequestStatus.PENDING  # sent to the workers once the transaction commits
    listed = client.get(LIST).content.decode()
    assert '2025-26 Q2 (July to September 2025)<span class="govuk-visually-hidden">, request' in listed
    assert "Waiting to be sent" in listed


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("", "Choose the period to build a report for"),
        ("2025-13", "is not a period. Give a month such as 2025-04"),
        ("2025-Q4", "2025-26 Q4 (January to March 2026) has not ended yet."),
    ],
    ids=["missing", "not-a-period", "not-ended"],
)
def test_a_bad_period_is_shown_beside_the_field_and_in_the_summary(personas, period, message):

    response = client_for(personas, "manager").post(BUILD, {"period": period})

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert '<a href="#id_period">' in body
    assert body.count(message) == 2
    assert 'class="govuk-select govuk-select--error"' in body
    assert ReportRequest.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_only_vru_staff_may_build(personas, role):

    response = client_for(personas, role).post(BUILD, {"period": "2025-Q2"})

    assert response.status_code == expect(302, 403, 403)[role]
    assert ReportRequest.objects.count() == (1 if role in ("admin", "staff", "manager") else 0)


def test_asking_for_a_built_period_goes_straight_to_its_report(personas, reports):
    client = client_for(personas, "staff")

    response = client.post(BUILD, {"period": "2025-Q1"}, follow=True)

    body = response.content.decode()
    assert ReportRequest.objects.get().status == RequestStatus.DONE
    assert f'href="{reports[0].get_absolute_url()}">View the report</a>' in body


def test_a_report_asked_for_on_the_page_is_built_and_linked_from_its_request(
    personas, django_capture_on_commit_callbacks
):
    """The whole way through: the request is sent after the commit, the worker (in-process here) builds the
    report from the database, and the request page links to it."""
    client = client_for(personas, "staff")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BUILD, {"period": "2025-Q2"})
    page = client.get(response["Location"]).content.decode()

    request = ReportRequest.objects.select_related("report").get()
    assert (request.status, request.progress) == (RequestStatus.DONE, 100)
    assert request.report.label == "2025-26 Q2 (July to September 2025)"
    assert f'href="{request.report.get_absolute_url()}">View the report</a>' in page
    report_page = client.get(request.report.get_absolute_url())
    assert report_page.status_code == 200
    assert "Aim 1: Stabilising and reducing violence across London" in report_page.content.decode()
