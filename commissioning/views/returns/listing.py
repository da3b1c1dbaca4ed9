"""The monitoring-return list (VRU staff: every return, filtered; partners: their own, what they owe first)
and the CSV/XLSX export of exactly what it shows."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from commissioning.permissions import can_export_returns, can_list_returns, returns_visible_to
from commissioning.selectors import returns as selectors
from vru.access import require
from vru.exports import table_response
from vru.roles import is_vru

PAGE_SIZE = 30
FORMATS = ("csv", "xlsx")


def _filterset(request, today):
    return selectors.return_filterset(filters=request.GET, queryset=returns_visible_to(request.user), today=today)


@require(can_list_returns)
def return_list(request):
    today = timezone.localdate()
    filterset = _filterset(request, today)
    staff = is_vru(request.user)
    returns = selectors.filtered_returns(filterset, for_partner=not staff)
    page = Paginator(returns, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    for name in ("page", "format"):
        query.pop(name, None)
    return render(
        request,
        "commissioning/returns/return_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "returns": page.object_list,
            "today": today,
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
            "export_query": query.urlencode(),
            "is_vru": staff,
            "can_export": can_export_returns(request.user),
        },
    )


COLUMNS = [
    "Grant id",
    "Grant title",
    "Organisation",
    "Fund",
    "Quarter",
    "Due on",
    "Status",
    "Overdue",
    "Submitted at",
    "Submitted by",
    "Reviewed at",
    "Reviewed by",
    "Spend in the quarter (£)",
    "Young people reached",
]


@require(can_export_returns)
def return_list_export(request):
    """Exactly the returns the list shows for the same filters, one a row, with their totals."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return HttpResponseBadRequest("Ask for format=csv or format=xlsx.", content_type="text/plain")
    today = timezone.localdate()
    filterset = _filterset(request, today)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"These filters are not valid: {problems}", content_type="text/plain")
    rows = selectors.export_rows(selectors.filtered_returns(filterset), today=today)
    return table_response(fmt, f"monitoring-returns-{today:%Y-%m-%d}", COLUMNS, rows, title="Monitoring returns")
