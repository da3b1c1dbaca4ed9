"""Two reports side by side, with the difference between them (B − A)."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from programmes.forms_reports import ReportCompareForm, report_key
from programmes.models import PerformanceReport
from programmes.permissions import can_view_reports
from programmes.reporting import presenters
from programmes.views.reports import queries
from programmes.views.reports.detail import data_for
from vru.access import error_links_of, require


@require(can_view_reports)
def report_compare(request):
    reports = queries.reports_index()
    asked = "a" in request.GET or "b" in request.GET
    form = ReportCompareForm(request.GET if asked else None, reports=reports)
    context = {"form": form, "comparison": None, "error_links": error_links_of(form)}
    if asked and form.is_valid():
        keys = [form.cleaned_data["a"], form.cleaned_data["b"]]
        wanted = Q()
        for key in keys:
            kind, slug = key.split("/", 1)
            wanted |= Q(kind=kind, slug=slug)
        by_key = {report_key(report): report for report in PerformanceReport.objects.filter(wanted)}
        if not all(key in by_key for key in keys):
            raise Http404("No such report.")  # withdrawn between the list and this query
        report_a, report_b = by_key[keys[0]], by_key[keys[1]]
        context.update(
            report_a=report_a,
            report_b=report_b,
            comparison=presenters.comparison(data_for(request.user, report_a), data_for(request.user, report_b)),
            suppression_note=presenters.SUPPRESSION_NOTE,
        )
    return render(request, "programmes/reports/report_compare.html", context)
