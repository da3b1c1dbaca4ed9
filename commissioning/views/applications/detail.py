"""An application's page: the task list while the applicant is writing it, otherwise a read-only summary
with its status, the decision once made, and for VRU staff the way to each next step and the history."""

from django.shortcuts import render
from django.urls import reverse

from commissioning.models import Application, ApplicationStatus
from commissioning.permissions import (
    can_decide_application,
    can_moderate,
    can_see_decision,
    can_see_scores,
    can_withdraw_application,
    can_write_application,
    get_application_for_user,
)
from commissioning.selectors.applications import application_detail_queryset, application_history, application_overview
from partners.permissions import is_member
from vru.roles import is_vru

S = ApplicationStatus
# The next steps VRU staff take on an application: each shown when its page's own rule would let the
# user in, so nobody (a conflicted assessor, say) is offered a link that answers 403.
STAFF_STEPS = [
    ("application-eligibility", "Check eligibility", lambda user, app: app.status == S.SUBMITTED),
    ("application-assessors", "Assign assessors", lambda user, app: app.status in (S.ELIGIBLE, S.ASSESSED)),
    (
        "application-assessment",
        "See the assessors' scores",
        lambda user, app: (
            app.status in (S.ELIGIBLE, S.ASSESSED, S.RECOMMENDED, S.AWARDED, S.DECLINED) and can_see_scores(user, app)
        ),
    ),
    ("application-moderate", "Record the panel's recommendation", can_moderate),
    ("application-decide", "Award or decline", can_decide_application),
]


def staff_steps(user, application: Application) -> list[tuple[str, str]]:
    return [
        (label, reverse(f"commissioning:{name}", args=[application.pk]))
        for name, label, allowed in STAFF_STEPS
        if allowed(user, application)
    ]


def grant_url(application: Application) -> str | None:
    if application.status != S.AWARDED:
        return None
    grant = getattr(application, "grant", None)
    return reverse("commissioning:grant-detail", args=[grant.pk]) if grant is not None else None


def application_detail(request, pk: int):
    application = get_application_for_user(request.user, pk, application_detail_queryset())
    overview = application_overview(application=application)
    user = request.user
    member = is_member(user, application.organisation)
    may_withdraw = can_withdraw_application(user, application)
    if member and can_write_application(user, application):
        return render(
            request,
            "commissioning/applications/task_list.html",
            {
                "application": application,
                "round": application.round,
                "overview": overview,
                "has_closed": application.round.has_closed(),
                "can_withdraw": may_withdraw,
            },
        )
    staff = is_vru(user)
    return render(
        request,
        "commissioning/applications/view.html",
        {
            "application": application,
            "round": application.round,
            "overview": overview,
            "is_staff_view": staff,
            "is_applicant": member,
            "can_withdraw": may_withdraw,
            "show_decision": can_see_decision(user, application),
            "grant_url": grant_url(application),
            "steps": staff_steps(user, application) if staff else [],
            "history": application_history(application=application) if staff else None,
        },
    )
