"""Funds and the ledger: every fund and objective's total, awarded, paid and available; a fund's page,
its details and what it sets aside for each objective."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from commissioning.forms.rounds import FundAllocationsForm, FundForm
from commissioning.models import Fund
from commissioning.selectors import rounds as selectors
from commissioning.services import rounds as services
from commissioning.views.rounds.access import commissioning_required, error_links_of
from vru.exports import table_response
from vru.forms import apply_model_errors

EXPORT_FORMATS = ("csv", "xlsx")


@commissioning_required
def fund_list(request):
    return render(request, "commissioning/rounds/fund_list.html", {"page": selectors.funds_page()})


@commissioning_required
def ledger_export(request, fmt: str):
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    rows = selectors.ledger_rows(selectors.funds_page())
    filename = f"ledger-{timezone.localdate():%Y-%m-%d}"
    return table_response(fmt, filename, selectors.LEDGER_HEADERS, rows, title="Ledger")


@commissioning_required
def fund_detail(request, pk: int):
    fund = selectors.get_fund_with_ledger(pk)
    return render(request, "commissioning/rounds/fund_detail.html", {"page": selectors.fund_page(fund)})


@commissioning_required
def fund_edit(request, pk: int | None = None):
    fund = get_object_or_404(Fund, pk=pk) if pk else None
    form = FundForm(request.POST or None, instance=fund)
    if request.method == "POST" and form.is_valid():
        try:
            if fund is None:
                fund = services.fund_create(user=request.user, **form.service_fields())
            else:
                fund = services.fund_update(fund=fund, user=request.user, **form.service_fields())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Fund “{fund.name}” saved.")
            return redirect(fund)
    return render(
        request,
        "commissioning/rounds/fund_form.html",
        {"form": form, "fund": fund, "error_links": error_links_of(form)},
    )


@commissioning_required
def fund_allocations(request, pk: int):
    fund = get_object_or_404(Fund, pk=pk)
    form = FundAllocationsForm(
        request.POST or None,
        fund=fund,
        objectives=selectors.objectives_in_order(),
        current=selectors.allocation_amounts(fund),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_allocations_set(fund=fund, user=request.user, allocations=form.allocations())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Allocations of “{fund.name}” saved.")
            return redirect(fund)
    return render(
        request,
        "commissioning/rounds/fund_allocations.html",
        {"form": form, "fund": fund, "error_links": error_links_of(form)},
    )
