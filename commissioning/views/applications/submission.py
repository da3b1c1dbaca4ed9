"""Checking the answers, submitting before the round closes, the confirmation, and withdrawing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from commissioning.models import ApplicationStatus
from commissioning.permissions import can_withdraw_application, get_application_for_user
from commissioning.selectors.applications import application_detail_queryset, application_overview
from commissioning.services import applications as services
from commissioning.views.applications.access import application_for_writing
from partners.permissions import is_member


def _check_page(request, application, *, refused: ValidationError | None = None):
    overview = application_overview(application=application)
    problems = overview.problems
    error_links = []
    if refused is not None:
        # The service and the page read the same rules: a problem links to the section it is about.
        anchors = {problem.message: f"#{problem.anchor}" for problem in problems}
        error_links = [(anchors.get(message, "#submit"), message) for message in refused.messages]
    return render(
        request,
        "commissioning/applications/check.html",
        {
            "application": application,
            "round": application.round,
            "overview": overview,
            "problems": problems,
            "has_closed": application.round.has_closed(),
            "error_links": error_links,
        },
    )


def application_check(request, pk: int):
    """Every section with a "Change" link, and the button that submits; what is missing is listed first."""
    application, refusal = application_for_writing(request, pk)
    if refusal:
        return refusal
    return _check_page(request, application)


@require_POST
def application_submit(request, pk: int):
    application, refusal = application_for_writing(request, pk)
    if refusal:
        return refusal
    try:
        services.application_submit(application=application, user=request.user)
    except ValidationError as error:
        return _check_page(request, application, refused=error)
    return redirect("commissioning:application-submitted", pk=application.pk)


def application_submitted(request, pk: int):
    application = get_application_for_user(request.user, pk, application_detail_queryset())
    if not is_member(request.user, application.organisation):
        raise PermissionDenied
    if application.submitted_at is None:
        return redirect(application)
    return render(
        request,
        "commissioning/applications/submitted.html",
        {"application": application, "round": application.round},
    )


@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk: int):
    """A page asking the applicant to confirm, and the button that withdraws."""
    application = get_application_for_user(request.user, pk, application_detail_queryset())
    if not can_withdraw_application(request.user, application):
        if not is_member(request.user, application.organisation):
            raise PermissionDenied
        message = (
            "This application has already been withdrawn."
            if application.status == ApplicationStatus.WITHDRAWN
            else "A decision has been made on this application, so it can no longer be withdrawn."
        )
        return render(
            request,
            "commissioning/applications/locked.html",
            {"application": application, "heading": "You cannot withdraw this application", "message": message},
            status=403,
        )
    error_links = []
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, user=request.user)
        except ValidationError as error:
            error_links = [("#withdraw", message) for message in error.messages]
        else:
            messages.success(request, f"Application {application.reference} has been withdrawn.")
            return redirect(application)
    return render(
        request,
        "commissioning/applications/withdraw.html",
        {"application": application, "round": application.round, "error_links": error_links},
    )
