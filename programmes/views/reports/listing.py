"""The reports list: the latest of each kind, every report, comparing two, and (for VRU staff) building one now."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from programmes.forms_reports import (
    KIND_ORDER,
    ReportBuildForm,
    ReportCompareForm,
    ReportKindFilterForm,
    periods_to_build,
    report_key,
)
from programmes.models import ReportKind, ReportRequest
from programmes.permissions import can_request_reports, can_view_reports
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request
from programmes.views.reports import queries
from vru.access import error_links_of, require
from vru.forms import apply_model_errors


def request_rows(requests) -> list[dict]:
    return [{"request": request, "period": ReportPeriod.of(request.kind, request.period_start)} for request in requests]


def _compare_initial(latest, reports) -> dict:
    """Suggest the latest quarterly report against the quarter before, when both exist."""
    newest = latest.get(ReportKind.QUARTER) or next(iter(latest.values()), None)
    if newest is None:
        return {}
    earlier = queries.neighbours(reports, newest)[0]
    return {"a": report_key(earlier) if earlier else "", "b": report_key(newest)}


def _render_list(request, *, build_form=None):
    reports = queries.reports_index()
    latest = queries.latest_by_kind(reports)
    filter_form = ReportKindFilterForm(request.GET or None)
    shown_kind = filter_form.cleaned_data["kind"] if filter_form.is_valid() else ""
    may_request = can_request_reports(request.user)
    if may_request:
        build_form = build_form if build_form is not None else ReportBuildForm()
        built = {(report.kind, report.period_start) for report in reports}
        build_form.offer(periods_to_build(timezone.localdate(), built))
    return render(
        request,
        "programmes/reports/report_list.html",
        {
            "latest": [latest[kind] for kind in KIND_ORDER if kind in latest],
            "reports": [report for report in reports if not shown_kind or report.kind == shown_kind],
            "report_count": len(reports),
            "filter_form": filter_form,
            "compare_form": ReportCompareForm(initial=_compare_initial(latest, reports), reports=reports),
            "build_form": build_form if may_request else None,
            "requests": request_rows(queries.recent_requests()) if may_request else [],
            "schedule": {
                "monthly": settings.REPORT_MONTHLY_WORKING_DAY,
                "quarterly": settings.REPORT_QUARTERLY_WORKING_DAY,
            },
            "error_links": error_links_of(filter_form, build_form if may_request else None),
        },
    )


@require(can_view_reports)
def report_list(request):
    return _render_list(request)


@require(can_request_reports)
def report_request_create(request):
    """Ask for a report now; then watch it build on the request's page."""
    if request.method != "POST":
        return redirect("programmes:report-list")
    form = ReportBuildForm(request.POST)
    if form.is_valid():
        try:
            report_req = report_request(
                form.cleaned_data["period"], source=ReportRequest.Source.STAFF, user=request.user
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            return redirect("programmes:report-request", pk=report_req.pk)
    return _render_list(request, build_form=form)
