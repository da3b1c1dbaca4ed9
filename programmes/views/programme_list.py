from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from programmes import selectors
from programmes.views.access import programmes_viewer_required
from programmes.views.tables import PROGRAMME_COLUMNS
from vru.exports import csv_response
from vru.roles import user_display_name

PAGE_SIZE = 25


@programmes_viewer_required
def programme_list(request):
    filterset = selectors.programme_filterset(filters=request.GET)
    page = Paginator(selectors.filtered_programmes(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    error_links = filterset.form.error_links() if filterset.form.errors else []
    return render(
        request,
        "programmes/programme_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "programmes": page.object_list,
            "error_links": error_links,
            "export_query": request.GET.urlencode(),
            "columns": PROGRAMME_COLUMNS,
            "current_sort": request.GET.get("sort", ""),
        },
    )


CSV_COLUMNS = [
    "ID",
    "Title",
    "Status",
    "Objectives",
    "Lead officer",
    "Start date",
    "End date",
    "Budget (£)",
    "Target cohort",
]


@programmes_viewer_required
def programme_export_csv(request):
    """Exactly the programmes the list shows for the same filters and sort, on one sheet."""
    filterset = selectors.programme_filterset(filters=request.GET)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"These filters are not valid: {problems}", content_type="text/plain")
    rows = (
        [
            programme.pk,
            programme.title,
            programme.get_status_display(),
            "; ".join(str(objective) for objective in programme.objectives.all()),
            user_display_name(programme.lead_officer),
            programme.start_date,
            programme.end_date,
            f"{programme.budget:.2f}",
            programme.target_cohort,
        ]
        for programme in filterset.qs
    )
    return csv_response(f"programmes-{timezone.localdate():%Y-%m-%d}", CSV_COLUMNS, rows, excel_bom=True)
