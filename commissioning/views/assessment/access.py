"""Who may open the assessment pages: each view asks ``commissioning.permissions`` through these helpers.

A partner user who may see the application (their own organisation's) gets 403 on these staff pages;
anyone who may not see it at all gets 404, so a guessed address reveals nothing.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.permissions import can_manage_commissioning, get_application_for_user, get_assessment_for_user
from commissioning.selectors.applications import application_detail_queryset
from commissioning.selectors.assessment import assessment_queryset

CONFLICTED = "You declared a conflict of interest, so you cannot score this application or see its scores."


def application_for_staff(request, pk):
    application = get_application_for_user(request.user, pk, application_detail_queryset())
    if not can_manage_commissioning(request.user):
        raise PermissionDenied
    return application


def own_assessment(request, pk):
    """The signed-in assessor's own assessment: 404 for anyone outside the VRU, 403 for other VRU people."""
    assessment = get_assessment_for_user(request.user, pk, assessment_queryset())
    if assessment.assessor_id != request.user.pk:
        raise PermissionDenied
    return assessment


def refused(request, *, application, heading: str, message: str, status: int = 403):
    """Why this cannot be done now, with the way back to the application."""
    return render(
        request,
        "commissioning/assessment/refused.html",
        {"application": application, "round": application.round, "heading": heading, "message": message},
        status=status,
    )


def conflicted(request, application):
    return render(
        request,
        "commissioning/assessment/conflicted.html",
        {"application": application, "round": application.round, "message": CONFLICTED},
        status=403,
    )


def london_day(moment) -> str:
    """ "3 May 2026": the day in London, where a UTC date could be the day before."""
    return date_format(timezone.localtime(moment), "j F Y")
