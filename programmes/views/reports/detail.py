"""One published report: its page, its CSV and XLSX downloads, and the switcher between reports.

VRU staff see the figures as built. Everyone else who may read reports (PRG members) sees small counts of
people suppressed, and so does every download, whoever asks: downloads leave the VRU.
"""

from django.shortcuts import redirect, render
from django.urls import reverse

from programmes.forms_reports import ReportMapForm, ReportSwitchForm, report_key
from programmes.permissions import can_view_reports, get_report_for_user, sees_exact_counts
from programmes.reporting import presenters
from programmes.reporting.snapshot import suppressed
from programmes.views.reports import queries
from vru.access import error_links_of, require
from vru.exports import table_response


def data_for(user, report) -> dict:
    """The snapshot as this user may see it."""
    return report.data if sees_exact_counts(user) else suppressed(report.data)


@require(can_view_reports)
def report_detail(request, kind: str, slug: str):
    report = get_report_for_user(request.user, kind, slug)
    data = data_for(request.user, report)
    reports = queries.reports_index()
    previous, following = queries.neighbours(reports, report)
    choices = presenters.map_choices(data)
    map_form = ReportMapForm(
        request.GET if "map" in request.GET else None,
        choices=choices,
        initial={"map": choices[0][0] if choices else ""},
    )
    figure = map_form.cleaned_data["map"] if map_form.is_valid() else None
    return render(
        request,
        "programmes/reports/report_detail.html",
        {
            "report": report,
            "page": presenters.report_page(data, map_figure=figure),
            "switch_form": ReportSwitchForm(initial={"report": report_key(report)}, reports=reports),
            "previous": previous,
            "following": following,
            "map_form": map_form,
            "compare_url": f"{reverse('programmes:report-compare')}?b={report_key(report)}"
            + (f"&a={report_key(previous)}" if previous else ""),
            "suppression_note": presenters.SUPPRESSION_NOTE,
            "error_links": error_links_of(map_form),
        },
    )


@require(can_view_reports)
def report_download(request, kind: str, slug: str, fmt: str):
    """The report's figures as one long table, always with small counts of people suppressed."""
    from programmes.reporting.exports import report_filename, report_table

    report = get_report_for_user(request.user, kind, slug)
    headers, rows = report_table(suppressed(report.data))
    return table_response(fmt, report_filename(report), headers, rows, title="Performance report")


@require(can_view_reports)
def report_switch(request):
    """The period switcher's GET form: on to the chosen report's page."""
    form = ReportSwitchForm(request.GET, reports=queries.reports_index())
    if not form.is_valid():
        return redirect("programmes:report-list")
    kind, slug = form.cleaned_data["report"].split("/", 1)
    return redirect("programmes:report-detail", kind, slug)
