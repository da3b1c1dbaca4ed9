"""The grant list, and the CSV/XLSX exports of exactly what it shows: the grants, and their payments."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from commissioning.permissions import can_list_grants, grants_visible_to
from commissioning.selectors import grants as selectors
from vru.access import require
from vru.exports import rows_of, table_response
from vru.roles import is_vru, user_display_name

PAGE_SIZE = 25
FORMATS = ("csv", "xlsx")

grant_reader_required = require(can_list_grants)


def _filterset(request):
    return selectors.grant_filterset(filters=request.GET, queryset=grants_visible_to(request.user))


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@grant_reader_required
def grant_list(request):
    filterset = _filterset(request)
    grants = selectors.filtered_grants(filterset)
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "commissioning/grants/grant_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "grants": page.object_list,
            "totals": selectors.grant_totals(grants),
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
            "export_query": _query_without(request, "page", "format"),
            "is_vru": is_vru(request.user),
        },
    )


def _export_request(request):
    """The format asked for and the filtered grants, or the 400 to answer a bad request with."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return None, None, HttpResponseBadRequest("Ask for format=csv or format=xlsx.", content_type="text/plain")
    filterset = _filterset(request)
    if filterset.is_bound and not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return None, None, HttpResponseBadRequest(f"These filters are not valid: {problems}", content_type="text/plain")
    return fmt, filterset.qs, None


GRANT_COLUMNS = [
    "Grant id",
    "Title",
    "Organisation",
    "Fund",
    "Objective",
    "Linked programme",
    "Boroughs",
    "Amount (£)",
    "Paid (£)",
    "Start date",
    "End date",
    "Agreement signed",
    "Status",
    "Awarded on",
]


@grant_reader_required
def grant_list_export(request):
    """Exactly the grants the list shows for the same filters, one a row."""
    fmt, grants, problem = _export_request(request)
    if problem:
        return problem
    rows = (
        [
            grant.identifier,
            grant.title,
            grant.organisation.name,
            grant.fund.name,
            str(grant.objective),
            grant.programme.title if grant.programme else "",
            "; ".join(borough.name for borough in grant.application.boroughs.all()),
            grant.amount,
            grant.paid,
            grant.start_date,
            grant.end_date,
            grant.agreement_signed_on,
            grant.get_status_display(),
            timezone.localdate(grant.awarded_at),
        ]
        for grant in rows_of(grants.only(*selectors.GRANT_EXPORT_FIELDS))
    )
    return table_response(fmt, f"grants-{timezone.localdate():%Y-%m-%d}", GRANT_COLUMNS, rows, title="Grants")


PAYMENT_COLUMNS = [
    "Grant id",
    "Grant title",
    "Organisation",
    "Fund",
    "Payment",
    "Amount (£)",
    "Condition",
    "Return quarter",
    "Due date",
    "Status",
    "Released at",
    "Released by",
    "Paid on",
    "Marked paid by",
]


@grant_reader_required
def payment_list_export(request):
    """Every payment of the grants the list shows for the same filters, one a row."""
    fmt, grants, problem = _export_request(request)
    if problem:
        return problem
    rows = (
        [
            tranche.grant.identifier,
            tranche.grant.title,
            tranche.grant.organisation.name,
            tranche.grant.fund.name,
            tranche.number,
            tranche.amount,
            tranche.get_condition_display(),
            tranche.condition_return.period.label if tranche.condition_return else "",
            tranche.due_date,
            tranche.get_status_display(),
            tranche.released_at,
            user_display_name(tranche.released_by) if tranche.released_by else "",
            tranche.paid_on,
            user_display_name(tranche.paid_by) if tranche.paid_by else "",
        ]
        for tranche in rows_of(selectors.payments_of(grants))
    )
    return table_response(
        fmt, f"grant-payments-{timezone.localdate():%Y-%m-%d}", PAYMENT_COLUMNS, rows, title="Payments"
    )
