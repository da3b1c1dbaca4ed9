"""A return's read-only page, the grantee's form, and VRU staff's review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from commissioning.forms.returns import SUBMIT, ReturnForm, ReturnReviewForm, ReviewDecision
from commissioning.models import ReturnStatus
from commissioning.permissions import can_review_return, can_write_return, get_return_for_user
from commissioning.selectors import returns as selectors
from commissioning.services import returns as services
from partners.permissions import is_member
from vru.access import error_links_of
from vru.forms import apply_model_errors
from vru.roles import is_vru


def _get(request, pk):
    return get_return_for_user(request.user, pk, selectors.return_detail_queryset())


def locked(request, monitoring_return, *, heading: str, message: str):
    """Why the return cannot be changed now, with the way to its read-only page."""
    return render(
        request,
        "commissioning/returns/locked.html",
        {"monitoring_return": monitoring_return, "heading": heading, "message": message},
        status=403,
    )


def _locked_message(monitoring_return) -> tuple[str, str]:
    if monitoring_return.status == ReturnStatus.ACCEPTED:
        return "This return is locked", services.RETURN_LOCKED
    return "You cannot change this return", services.RETURN_SUBMITTED


def return_detail(request, pk: int):
    monitoring_return = _get(request, pk)
    user = request.user
    return render(
        request,
        "commissioning/returns/return_detail.html",
        {
            "monitoring_return": monitoring_return,
            "grant": monitoring_return.grant,
            "figures": selectors.return_figures(monitoring_return=monitoring_return),
            "today": timezone.localdate(),
            "is_staff_view": is_vru(user),
            "can_write": can_write_return(user, monitoring_return),
            "can_review": can_review_return(user, monitoring_return),
        },
    )


def return_edit(request, pk: int):
    """The grantee's form: "Save and come back later", or "Submit return" (which needs the narrative)."""
    monitoring_return = _get(request, pk)
    if not can_write_return(request.user, monitoring_return):
        if is_member(request.user, monitoring_return.grant.organisation):
            heading, message = _locked_message(monitoring_return)
            return locked(request, monitoring_return, heading=heading, message=message)
        raise PermissionDenied
    submitting = request.method == "POST" and request.POST.get("action") == SUBMIT
    figures = selectors.return_figures(monitoring_return=monitoring_return, for_editing=True)
    form = ReturnForm(
        request.POST if request.method == "POST" else None,
        figures=figures,
        submitting=submitting,
        initial={"progress": monitoring_return.progress, "risks": monitoring_return.risks},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.return_save(
                monitoring_return=monitoring_return, user=request.user, submit=submitting, **form.service_fields()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            label = monitoring_return.period.label
            if submitting:
                messages.success(request, f"Your {label} return is submitted. The VRU will review it.")
                return redirect(monitoring_return)
            messages.success(request, f"Your {label} return is saved. You can come back to it later.")
            return redirect("commissioning:return-edit", monitoring_return.pk)
    return render(
        request,
        "commissioning/returns/return_edit.html",
        {
            "monitoring_return": monitoring_return,
            "grant": monitoring_return.grant,
            "form": form,
            "today": timezone.localdate(),
            "error_links": error_links_of(form),
        },
    )


def return_review(request, pk: int):
    """VRU staff accept a submitted return, or return it with a note saying what to change."""
    monitoring_return = _get(request, pk)
    if not is_vru(request.user):
        raise PermissionDenied
    if not can_review_return(request.user, monitoring_return):
        heading, message = {
            ReturnStatus.ACCEPTED: ("This return is locked", services.RETURN_LOCKED),
            ReturnStatus.RETURNED: (
                "This return is with the grantee",
                "It was returned for revision; it can be reviewed again once they resubmit it.",
            ),
        }.get(monitoring_return.status, ("This return is not submitted", "It can be reviewed once it is submitted."))
        return locked(request, monitoring_return, heading=heading, message=message)
    form = ReturnReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == ReviewDecision.ACCEPT:
                services.return_accept(monitoring_return=monitoring_return, user=request.user, note=note)
            else:
                services.return_send_back(monitoring_return=monitoring_return, user=request.user, note=note)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            organisation = monitoring_return.grant.organisation
            if decision == ReviewDecision.ACCEPT:
                messages.success(
                    request,
                    f"The {monitoring_return.period.label} return is accepted and locked. "
                    "Any payment waiting on it is released.",
                )
            else:
                messages.success(request, f"The return is sent back to {organisation} with your note.")
            return redirect(monitoring_return)
    return render(
        request,
        "commissioning/returns/return_review.html",
        {
            "monitoring_return": monitoring_return,
            "grant": monitoring_return.grant,
            "figures": selectors.return_figures(monitoring_return=monitoring_return),
            "form": form,
            "today": timezone.localdate(),
            "error_links": error_links_of(form),
        },
    )
