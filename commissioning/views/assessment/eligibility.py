"""The eligibility check of a submitted application, and the assessors assigned to an eligible one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commissioning.forms.assessment import AssessorsForm, EligibilityForm
from commissioning.models import ApplicationStatus
from commissioning.permissions import can_assign_assessors, can_check_eligibility, can_remove_assessor
from commissioning.services import assessment as services
from commissioning.views.assessment.access import application_for_staff, london_day, refused
from vru.access import error_links_of
from vru.roles import user_display_name, vru_users


def _eligibility_refusal(request, application):
    if application.eligibility_checked_at:
        who = application.eligibility_checked_by
        message = (
            f"Its eligibility was checked on {london_day(application.eligibility_checked_at)}"
            f"{' by ' + user_display_name(who) if who else ''}: "
            f"{'eligible' if application.status != ApplicationStatus.INELIGIBLE else 'not eligible'}."
        )
        return refused(request, application=application, heading="Eligibility has been checked", message=message)
    return refused(
        request,
        application=application,
        heading="Eligibility cannot be checked yet",
        message=f"Eligibility is checked once an application is submitted; this one is "
        f"“{application.get_status_display().lower()}”.",
    )


def application_eligibility(request, pk: int):
    application = application_for_staff(request, pk)
    if not can_check_eligibility(request.user, application):
        return _eligibility_refusal(request, application)
    form = EligibilityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_check_eligibility(
                application=application,
                user=request.user,
                eligible=form.cleaned_data["eligible"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            if form.cleaned_data["eligible"]:
                messages.success(request, f"{application.reference} is eligible. Now assign its assessors.")
                return redirect("commissioning:application-assessors", pk=application.pk)
            messages.success(request, f"{application.reference} is not eligible. The applicant can see why.")
            return redirect(application)
    return render(
        request,
        "commissioning/assessment/eligibility.html",
        {"application": application, "round": application.round, "form": form, "error_links": error_links_of(form)},
    )


def _assessors_page(request, application, form=None, problems=()):
    assessments = list(application.assessments.select_related("assessor", "assigned_by").order_by("assigned_at", "pk"))
    for assessment in assessments:
        assessment.application = application  # spares can_remove_assessor a query per row
        assessment.removable = can_remove_assessor(request.user, assessment)
    people = vru_users().exclude(pk__in=[a.assessor_id for a in assessments])
    form = form or AssessorsForm(people=people)
    links = [("#assessors-table", problem) for problem in problems] + error_links_of(form)
    return render(
        request,
        "commissioning/assessment/assessors.html",
        {
            "application": application,
            "round": application.round,
            "assessments": assessments,
            "form": form,
            "error_links": links,
        },
        status=400 if problems else 200,
    )


def _assessors_refusal(request, application):
    return refused(
        request,
        application=application,
        heading="Assessors cannot be changed now",
        message="Assessors are assigned once an application is found eligible, until the panel moderates it; "
        f"this one is “{application.get_status_display().lower()}”.",
    )


def application_assessors(request, pk: int):
    application = application_for_staff(request, pk)
    if not can_assign_assessors(request.user, application):
        return _assessors_refusal(request, application)
    if request.method != "POST":
        return _assessors_page(request, application)
    assigned = application.assessments.values("assessor_id")
    form = AssessorsForm(request.POST, people=vru_users().exclude(pk__in=assigned))
    if form.is_valid():
        try:
            created = services.assessors_assign(
                application=application, user=request.user, assessors=form.cleaned_data["assessors"]
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            names = ", ".join(user_display_name(a.assessor) for a in created)
            messages.success(request, f"Assigned {names} to assess {application.reference}.")
            return redirect("commissioning:application-assessors", pk=application.pk)
    return _assessors_page(request, application, form)


@require_POST
def application_assessor_remove(request, pk: int, assessment_pk: int):
    application = application_for_staff(request, pk)
    assessment = get_object_or_404(application.assessments.select_related("assessor"), pk=assessment_pk)
    if not can_assign_assessors(request.user, application):
        return _assessors_refusal(request, application)
    try:
        services.assessor_remove(assessment=assessment, user=request.user)
    except ValidationError as error:
        return _assessors_page(request, application, problems=error.messages)
    messages.success(request, f"{user_display_name(assessment.assessor)} no longer assesses {application.reference}.")
    return redirect(reverse("commissioning:application-assessors", args=[application.pk]))
