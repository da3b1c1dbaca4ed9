"""The application list, a round's pipeline for VRU staff, and its CSV and XLSX downloads of what is filtered."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from commissioning.models import FundingRound
from commissioning.permissions import applications_visible_to
from commissioning.selectors import applications as selectors
from commissioning.views.applications.access import application_reader_required, pipeline_viewer_required
from vru.exports import table_response
from vru.roles import is_vru

PAGE_SIZE = 25
FORMATS = ("csv", "xlsx")


@application_reader_required
def application_list(request):
    """VRU staff: every application, with the pipeline's filters. A partner: their organisations' applications."""
    staff = is_vru(request.user)
    filterset = selectors.application_filterset(
        filters=request.GET if staff else None, queryset=applications_visible_to(request.user)
    )
    page = Paginator(selectors.filtered_applications(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "commissioning/applications/list.html",
        {
            "is_staff_view": staff,
            "filter_form": filterset.form if staff else None,
            "page": page,
            "applications": page.object_list,
            "error_links": filterset.form.error_links() if staff and filterset.form.errors else [],
        },
    )


@pipeline_viewer_required
def round_pipeline(request, pk: int):
    round = get_object_or_404(FundingRound.objects.select_related("fund"), pk=pk)
    filterset = selectors.application_filterset(filters=request.GET, round=round)
    page = Paginator(selectors.filtered_applications(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "commissioning/applications/pipeline.html",
        {
            "round": round,
            "counts": selectors.status_counts(round=round),
            "filter_form": filterset.form,
            "page": page,
            "applications": page.object_list,
            "export_query": query.urlencode(),
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
        },
    )


@pipeline_viewer_required
def round_pipeline_export(request, pk: int):
    """Exactly the applications the pipeline shows for the same filters, on every page, as CSV or XLSX."""
    round = get_object_or_404(FundingRound, pk=pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return HttpResponseBadRequest("Choose format=csv or format=xlsx.", content_type="text/plain")
    filterset = selectors.application_filterset(filters=request.GET, round=round)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"These filters are not valid: {problems}", content_type="text/plain")
    filename = f"{slugify(round.title)[:60]}-applications-{timezone.localdate():%Y-%m-%d}"
    return table_response(
        fmt, filename, selectors.EXPORT_HEADERS, selectors.export_rows(filterset.qs), title="Applications"
    )
