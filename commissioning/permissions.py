"""Who may see and change funds, rounds, applications, assessments, grants and returns: the one
place these rules live.

The pages, the API and every export ask these functions. A partner only ever sees their
own organisations' applications, grants and returns; asked for anyone else's, the
``get_*_for_user`` helpers raise 404, so a guessed URL reveals nothing.
"""

from django.http import Http404

from commissioning.models import (
    Application,
    ApplicationStatus,
    Assessment,
    Grant,
    MonitoringReturn,
    ReturnStatus,
)
from partners.permissions import is_member, is_partner
from vru.roles import is_manager, is_vru

# --- Funds, rounds and the ledger ---------------------------------------------------


def can_manage_commissioning(user) -> bool:
    """Funds, rounds, pipelines, eligibility, assignments, moderation, grants and reviews: VRU staff."""
    return is_vru(user)


def can_decide(user) -> bool:
    """Awarding or declining an application, and varying a grant: VRU managers (and admins)."""
    return is_manager(user)


# --- Applications -------------------------------------------------------------------------


def can_list_applications(user) -> bool:
    return is_vru(user) or is_partner(user)


def applications_visible_to(user):
    if is_vru(user):
        return Application.objects.all()
    if is_partner(user):
        return Application.objects.for_user(user)
    return Application.objects.none()


def get_application_for_user(user, pk, queryset=None) -> Application:
    """The application, or 404 for anyone outside its organisation (and not at the VRU)."""
    queryset = applications_visible_to(user) if queryset is None else queryset & applications_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404("No such application.") from None


def can_apply(user, organisation) -> bool:
    """Partner users apply for the organisations they belong to."""
    return is_member(user, organisation)


def can_write_application(user, application) -> bool:
    """The organisation's people change their application while it is a draft; never once submitted."""
    return application.is_editable and is_member(user, application.organisation)


def can_withdraw_application(user, application) -> bool:
    """The applicant may withdraw until a decision has been made."""
    return application.status in (
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ELIGIBLE,
        ApplicationStatus.ASSESSED,
        ApplicationStatus.RECOMMENDED,
    ) and is_member(user, application.organisation)


# --- Assessment -----------------------------------------------------------------------------


def conflicted_application_ids(user):
    """The applications the user has declared a conflict of interest on."""
    return Assessment.objects.filter(assessor=user, has_conflict=True).values("application_id")


def can_see_scores(user, application) -> bool:
    """VRU roles see the assessors' scores, except an assessor who has declared a conflict on it."""
    if not is_vru(user):
        return False
    return not Assessment.objects.filter(application=application, assessor=user, has_conflict=True).exists()


def can_score(user, assessment) -> bool:
    """Only the assigned assessor, once they have declared no conflict, and before they have submitted."""
    return (
        is_vru(user)
        and assessment.assessor_id == user.pk
        and assessment.has_conflict is False
        and assessment.submitted_at is None
        and assessment.application.status in (ApplicationStatus.ELIGIBLE, ApplicationStatus.ASSESSED)
    )


def can_declare_conflict(user, assessment) -> bool:
    return is_vru(user) and assessment.assessor_id == user.pk and assessment.has_conflict is None


# --- Grants and returns ----------------------------------------------------------------------


def can_list_grants(user) -> bool:
    return is_vru(user) or is_partner(user)


def grants_visible_to(user):
    if is_vru(user):
        return Grant.objects.all()
    if is_partner(user):
        return Grant.objects.for_user(user)
    return Grant.objects.none()


def get_grant_for_user(user, pk, queryset=None) -> Grant:
    queryset = grants_visible_to(user) if queryset is None else queryset & grants_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (Grant.DoesNotExist, ValueError, TypeError):
        raise Http404("No such grant.") from None


def returns_visible_to(user):
    if is_vru(user):
        return MonitoringReturn.objects.all()
    if is_partner(user):
        return MonitoringReturn.objects.for_user(user)
    return MonitoringReturn.objects.none()


def get_return_for_user(user, pk, queryset=None) -> MonitoringReturn:
    queryset = returns_visible_to(user) if queryset is None else queryset & returns_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (MonitoringReturn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such return.") from None


def can_write_return(user, monitoring_return) -> bool:
    """The grantee fills in a return while it is not submitted or has been returned; an accepted one is locked."""
    return monitoring_return.is_editable and is_member(user, monitoring_return.grant.organisation)


def can_review_return(user, monitoring_return) -> bool:
    """VRU staff accept a submitted return or return it with a note."""
    return is_vru(user) and monitoring_return.status == ReturnStatus.SUBMITTED
