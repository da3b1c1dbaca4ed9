"""Changing a grant: its agreement and conditions, a manager's variation, and releasing and paying its tranches.

Each page finds the grant through ``get_grant_for_user`` first, so someone who may
not see it gets 404; then asks ``commissioning.permissions`` whether they may change it (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format

from commissioning.forms.grants import GrantEditForm, GrantVaryForm, TranchePayForm, TrancheReleaseForm
from commissioning.models import Tranche
from commissioning.permissions import (
    can_edit_grant,
    can_pay_tranche,
    can_release_tranche,
    can_vary_grant,
    get_grant_for_user,
)
from commissioning.selectors import grants as selectors
from commissioning.services import grants as services
from vru.access import error_links_of
from vru.forms import apply_model_errors
from vru.templatetags.vru_tags import money


def grant_edit(request, pk: int):
    grant = get_grant_for_user(request.user, pk, selectors.grant_detail_queryset())
    if not can_edit_grant(request.user):
        raise PermissionDenied
    form = GrantEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "conditions": grant.conditions,
            "agreement_signed_on": grant.agreement_signed_on,
            "programme": grant.programme_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        had_agreement = grant.agreement_signed_on is not None
        try:
            grant = services.grant_update(grant=grant, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            message = "The grant is updated."
            if grant.agreement_signed_on and not had_agreement:
                message += " The payments due on signature of the agreement are released."
            messages.success(request, message)
            return redirect(grant)
    return render(
        request,
        "commissioning/grants/grant_edit.html",
        {"grant": grant, "form": form, "error_links": error_links_of(form)},
    )


def _variation_message(outcome) -> str:
    variation = outcome.variation
    parts = [
        f"The grant is varied: {money(variation.new_amount)} from {date_format(variation.new_start_date)} "
        f"to {date_format(variation.new_end_date)}."
    ]
    if outcome.changed_tranche:
        parts.append(f"Payment {outcome.changed_tranche.number} is now {money(outcome.changed_tranche.amount)}.")
    if outcome.added_tranche:
        parts.append(
            f"Payment {outcome.added_tranche.number} of {money(outcome.added_tranche.amount)} is added, "
            "to be released by VRU staff."
        )
    if outcome.returns_added:
        parts.append(f"Returns added for {', '.join(q.label for q in outcome.returns_added)}.")
    if outcome.returns_removed:
        parts.append(f"Returns removed for {', '.join(q.label for q in outcome.returns_removed)}.")
    if outcome.tranches_made_manual:
        numbers = ", ".join(str(number) for number in outcome.tranches_made_manual)
        parts.append(f"Payment {numbers} waited on a removed return and is now released by VRU staff.")
    return " ".join(parts)


def grant_vary(request, pk: int):
    grant = get_grant_for_user(request.user, pk, selectors.grant_detail_queryset())
    if not can_vary_grant(request.user):
        raise PermissionDenied
    form = GrantVaryForm(
        request.POST if request.method == "POST" else None,
        initial={"amount": grant.amount, "start_date": grant.start_date, "end_date": grant.end_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.grant_vary(grant=grant, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _variation_message(outcome))
            return redirect(grant)
    overview = selectors.grant_overview(grant=grant)
    return render(
        request,
        "commissioning/grants/grant_vary.html",
        {"grant": grant, "overview": overview, "form": form, "error_links": error_links_of(form)},
    )


def _tranche_for(request, grant_pk: int, pk: int) -> Tranche:
    grant = get_grant_for_user(request.user, grant_pk, selectors.grant_detail_queryset())
    return get_object_or_404(Tranche.objects.select_related("condition_return", "released_by"), grant=grant, pk=pk)


def tranche_release(request, grant_pk: int, pk: int):
    """Release a payment whose condition is a VRU confirmation, with a note for the record."""
    tranche = _tranche_for(request, grant_pk, pk)
    grant = tranche.grant
    if not can_release_tranche(request.user, tranche):
        raise PermissionDenied
    form = TrancheReleaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tranche_release(tranche=tranche, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Payment {tranche.number} of {money(tranche.amount)} is released.")
            return redirect(grant)
    return render(
        request,
        "commissioning/grants/tranche_release.html",
        {"grant": grant, "tranche": tranche, "form": form, "error_links": error_links_of(form)},
    )


def tranche_pay(request, grant_pk: int, pk: int):
    """Record the date a released payment was made."""
    tranche = _tranche_for(request, grant_pk, pk)
    grant = tranche.grant
    if not can_pay_tranche(request.user, tranche):
        raise PermissionDenied
    form = TranchePayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tranche_pay(tranche=tranche, user=request.user, paid_on=form.cleaned_data["paid_on"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Payment {tranche.number} of {money(tranche.amount)} is marked paid.")
            return redirect(grant)
    return render(
        request,
        "commissioning/grants/tranche_pay.html",
        {"grant": grant, "tranche": tranche, "form": form, "error_links": error_links_of(form)},
    )
