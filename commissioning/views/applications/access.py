"""Who may open the application pages: each view asks ``commissioning.permissions`` through these helpers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from commissioning.models import Application, ApplicationStatus
from commissioning.permissions import (
    can_apply_to_rounds,
    can_list_applications,
    can_view_pipeline,
    can_write_application,
    get_application_for_user,
)
from commissioning.selectors.applications import application_detail_queryset
from commissioning.services.applications import APPLICATION_LOCKED, APPLICATION_WITHDRAWN
from partners.permissions import is_member
from vru.access import require

application_reader_required = require(can_list_applications)
applicant_required = require(can_apply_to_rounds)
pipeline_viewer_required = require(can_view_pipeline)


def locked(request, application: Application):
    """Why the applicant cannot change the application now, with the way to its read-only page."""
    withdrawn = application.status == ApplicationStatus.WITHDRAWN
    return render(
        request,
        "commissioning/applications/locked.html",
        {
            "application": application,
            "heading": "You cannot change this application",
            "message": APPLICATION_WITHDRAWN if withdrawn else APPLICATION_LOCKED,
        },
        status=403,
    )


def application_for_writing(request, pk) -> tuple[Application, object]:
    """The application and ``None`` when the user may change it; otherwise the application and the 403 to send.

    404 for anyone who may not see it; 403 for VRU staff, who read applications but
    never write them, and for the applicant once it is no longer a draft.
    """
    application = get_application_for_user(request.user, pk, application_detail_queryset())
    if can_write_application(request.user, application):
        return application, None
    if is_member(request.user, application.organisation):
        return application, locked(request, application)
    raise PermissionDenied
