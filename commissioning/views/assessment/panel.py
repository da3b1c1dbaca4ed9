"""The panel's view: the assessors' scores side by side, moderation, and a round's assessments export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from commissioning.forms.assessment import ModerationForm
from commissioning.models import ApplicationStatus, FundingRound
from commissioning.permissions import (
    can_assign_assessors,
    can_decide_application,
    can_export_assessments,
    can_moderate,
    can_see_scores,
    is_conflicted,
)
from commissioning.selectors import assessment as selectors
from commissioning.services import assessment as services
from commissioning.views.assessment.access import application_for_staff, conflicted, london_day, refused
from vru.access import error_links_of, require
from vru.exports import table_response

EXPORT_FORMATS = ("csv", "xlsx")


def application_assessment(request, pk: int):
    application = application_for_staff(request, pk)
    if not can_see_scores(request.user, application):
        return conflicted(request, application)
    summary = selectors.assessment_summary(application)
    return render(
        request,
        "commissioning/assessment/summary.html",
        {
            "application": application,
            "round": application.round,
            "summary": summary,
            "may_assign": can_assign_assessors(request.user, application),
            "may_moderate": can_moderate(request.user, application),
            "may_decide": can_decide_application(request.user, application),
        },
    )


def application_moderate(request, pk: int):
    application = application_for_staff(request, pk)
    if is_conflicted(request.user, application):
        return conflicted(request, application)
    if application.status != ApplicationStatus.ASSESSED:
        if application.moderated_at:
            message = (
                f"The panel recommended “{application.get_panel_recommendation_display().lower()}” "
                f"on {london_day(application.moderated_at)}."
            )
        else:
            message = (
                "The panel moderates once every assessor has submitted their scores; this application is "
                f"“{application.get_status_display().lower()}”."
            )
        return refused(
            request, application=application, heading="This application cannot be moderated now", message=message
        )
    form = ModerationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_moderate(
                application=application,
                user=request.user,
                recommendation=form.cleaned_data["recommendation"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            messages.success(request, f"The panel’s recommendation on {application.reference} is recorded.")
            return redirect(application)
    return render(
        request,
        "commissioning/assessment/moderate.html",
        {
            "application": application,
            "round": application.round,
            "summary": selectors.assessment_summary(application),
            "form": form,
            "error_links": error_links_of(form),
        },
    )


@require(can_export_assessments)
def round_assessments_export(request, pk: int):
    """Every submitted assessment of the round, a row per criterion, as CSV or XLSX (``?format=``)."""
    funding_round = get_object_or_404(FundingRound, pk=pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        return HttpResponseBadRequest("Choose format=csv or format=xlsx.")
    rows = selectors.export_rows(funding_round=funding_round, user=request.user)
    filename = f"assessments-{slugify(funding_round.title)[:60] or funding_round.pk}"
    return table_response(fmt, filename, selectors.EXPORT_HEADERS, rows, title="Assessments")
