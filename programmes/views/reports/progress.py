"""A report request's page: how far the build has got, the report when it is ready, "Try again" if it failed.

Without JavaScript the page shows the state when loaded and a "Refresh" link; with it, static/js/progress.mjs
polls the status JSON below and reloads the page when the build finishes.
"""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from programmes.models import ReportRequest, RequestStatus
from programmes.permissions import get_report_request_for_user
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request

FINISHED = (RequestStatus.DONE, RequestStatus.FAILED)


def percent_of(report_request_row: ReportRequest) -> int:
    return 100 if report_request_row.status in FINISHED else report_request_row.progress


def stage_of(report_request_row: ReportRequest) -> str:
    """What the build is doing, in words, whatever the worker last wrote."""
    status = report_request_row.status
    if status == RequestStatus.FAILED:
        return "The build stopped with an error."
    if status == RequestStatus.PENDING:
        return "Waiting to be sent to the workers."
    if status == RequestStatus.SENT:
        return "Waiting for a worker to start."
    return report_request_row.stage or ("Ready" if status == RequestStatus.DONE else "Starting")


def report_request_detail(request, pk: int):
    report_req = get_report_request_for_user(request.user, pk)
    return render(
        request,
        "programmes/reports/request_detail.html",
        {
            "report_request": report_req,
            "period": ReportPeriod.of(report_req.kind, report_req.period_start),
            "percent": percent_of(report_req),
            "finished": report_req.status in FINISHED,
            "stage": stage_of(report_req),
        },
    )


def report_request_status(request, pk: int):
    report_req = get_report_request_for_user(request.user, pk)
    return JsonResponse(
        {
            "status": report_req.status,
            "status_label": report_req.get_status_display(),
            "percent": percent_of(report_req),
            "finished": report_req.status in FINISHED,
            "stage": stage_of(report_req),
            "report_url": report_req.report.get_absolute_url() if report_req.report else None,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def report_request_retry(request, pk: int):
    """Ask again for the period of a failed request: a new request, so the failed one keeps its error."""
    report_req = get_report_request_for_user(request.user, pk)
    if report_req.status != RequestStatus.FAILED:
        return redirect("programmes:report-request", pk=report_req.pk)
    again = report_request(
        ReportPeriod.of(report_req.kind, report_req.period_start),
        source=ReportRequest.Source.STAFF,
        user=request.user,
    )
    return redirect("programmes:report-request", pk=again.pk)
