"""The partner directory for VRU staff, and its CSV export of exactly what is filtered."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from partners.permissions import can_create_organisation
from partners.selectors import organisations as selectors
from partners.views.organisations.access import directory_viewer_required
from vru.exports import csv_response

PAGE_SIZE = 25

# (sort key, heading); an empty key is a column that does not sort.
COLUMNS = [
    ("name", "Name"),
    ("", "Type"),
    ("", "Boroughs served"),
    ("", "Charity number"),
    ("", "Company number"),
    ("", "People"),
]


@directory_viewer_required
def directory(request):
    filterset = selectors.organisation_filterset(filters=request.GET)
    page = Paginator(selectors.filtered_organisations(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/organisations/directory.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "organisations": page.object_list,
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
            "export_query": request.GET.urlencode(),
            "columns": COLUMNS,
            "current_sort": request.GET.get("sort", ""),
            "can_create": can_create_organisation(request.user),
        },
    )


CSV_COLUMNS = [
    "ID",
    "Name",
    "Type",
    "Community Safety Partnership for",
    "Charity number",
    "Company number",
    "Boroughs served",
    "Address",
    "Postcode",
    "Website",
    "People",
]


@directory_viewer_required
def directory_export(request):
    """Exactly the organisations the directory shows for the same filters and sort, on one sheet."""
    filterset = selectors.organisation_filterset(filters=request.GET)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"These filters are not valid: {problems}", content_type="text/plain")
    rows = (
        [
            organisation.pk,
            organisation.name,
            organisation.get_type_display(),
            organisation.csp_borough.name if organisation.csp_borough else "",
            organisation.charity_number,
            organisation.company_number,
            "; ".join(borough.name for borough in organisation.boroughs_served.all()),
            " ".join(organisation.address.split()),
            organisation.postcode,
            organisation.website,
            organisation.people,
        ]
        for organisation in filterset.qs
    )
    filename = f"partner-directory-{timezone.localdate():%Y-%m-%d}"
    return csv_response(filename, CSV_COLUMNS, rows, excel_bom=True)
