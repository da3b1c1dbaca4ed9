"""Who may see and change funds, rounds, applications, assessments, grants and returns: the one
place these rules live.

The pages, the API and every export ask these functions. A partner only ever sees their
own organisations' applications, grants and returns; asked for anyone else's, the
``get_*_for_user`` helpers raise 404, so a guessed URL reveals nothing.
"""

from django.db.models import Q
from django.http import Http404

from commissioning.models import (
    Application,
    ApplicationStatus,
    Assessment,
    Grant,
    MonitoringReturn,
    ReturnStatus,
    TrancheCondition,
    TrancheStatus,
)
from partners.models import Membership
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


# --- Changing grants, paying tranches, listing returns -----------------------------------------


def can_edit_grant(user) -> bool:
    """A grant's conditions, agreement date and linked programme: VRU staff, managers and admins."""
    return is_vru(user)


def can_vary_grant(user) -> bool:
    """A variation of a grant's amount or dates is a decision: VRU managers and admins, not staff."""
    return can_decide(user)


def can_release_tranche(user, tranche) -> bool:
    """Only a payment whose condition is a VRU confirmation is released by hand, and only once."""
    return is_vru(user) and tranche.condition == TrancheCondition.MANUAL and tranche.status == TrancheStatus.SCHEDULED


def can_pay_tranche(user, tranche) -> bool:
    """A released payment is marked paid by VRU staff."""
    return is_vru(user) and tranche.status == TrancheStatus.RELEASED


def can_list_returns(user) -> bool:
    return is_vru(user) or is_partner(user)


def can_export_returns(user) -> bool:
    """The returns export covers every grantee: VRU roles only."""
    return is_vru(user)


# --- Starting applications, the pipeline, decisions shown to applicants ----------------------------


def can_apply_to_rounds(user) -> bool:
    """Partner users start applications, each for an organisation they act for (``can_apply``)."""
    return is_partner(user)


def can_view_pipeline(user) -> bool:
    """A round's applications, counted, filtered and exported: VRU roles."""
    return can_manage_commissioning(user)


def _organisation_ids(user) -> frozenset[int]:
    """The organisations the user acts for, read once per request and kept on the user, as ``roles_of`` does."""
    cached = getattr(user, "_commissioning_organisation_ids", None)
    if cached is None:
        from partners.models import Membership

        cached = frozenset(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
        user._commissioning_organisation_ids = cached
    return cached


def can_see_decision(user, application) -> bool:
    """VRU roles always; the applicant once the decision (or the eligibility check's "not eligible") is made.

    Asked once per row of a list, so a partner's organisations are read once, not per application.
    """
    if is_vru(user):
        return True
    decided = (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED, ApplicationStatus.INELIGIBLE)
    return application.status in decided and is_partner(user) and application.organisation_id in _organisation_ids(user)


# --- Funding rounds: who reads them, and who may start an application (rounds) -----------------


def rounds_visible_to(user):
    """VRU roles see every round, unpublished too; anyone else, signed in or not, only published ones."""
    from commissioning.models import FundingRound

    return FundingRound.objects.all() if is_vru(user) else FundingRound.objects.published()


def can_start_application(user, funding_round) -> bool:
    """A partner user who acts for an organisation may start an application while the round is open."""
    from partners.models import Membership

    return is_partner(user) and funding_round.is_open() and Membership.objects.filter(user=user).exists()


def returns_writable_by(user, returns) -> set[int]:
    """The ids of ``returns`` the user may write (as ``can_write_return``), asking the database once."""
    if not is_partner(user):
        return set()
    organisations = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    return {r.pk for r in returns if r.is_editable and r.grant.organisation_id in organisations}


# --- Eligibility, assessors, scoring, moderation and decisions (assessment) ---------------------

# While an application is in these statuses its assessors declare conflicts and score it.
SCORING_STATUSES = (ApplicationStatus.ELIGIBLE, ApplicationStatus.ASSESSED)


def is_conflicted(user, application) -> bool:
    """The user is an assessor of the application who has declared a conflict of interest on it."""
    return Assessment.objects.filter(application=application, assessor=user, has_conflict=True).exists()


def can_check_eligibility(user, application) -> bool:
    return is_vru(user) and application.status == ApplicationStatus.SUBMITTED


def can_assign_assessors(user, application) -> bool:
    """From the eligibility check until the panel moderates."""
    return is_vru(user) and application.status in SCORING_STATUSES


def can_remove_assessor(user, assessment) -> bool:
    """An assessor who has not started (not declared on conflicts) may be taken off before scoring ends."""
    return (
        is_vru(user) and assessment.has_conflict is None and assessment.application.status == ApplicationStatus.ELIGIBLE
    )


def can_moderate(user, application) -> bool:
    """VRU roles record the panel's recommendation on an assessed application, unless conflicted on it."""
    return is_vru(user) and application.status == ApplicationStatus.ASSESSED and not is_conflicted(user, application)


def can_decide_application(user, application) -> bool:
    """A manager (or admin) decides a recommended application, unless they declared a conflict on it."""
    return (
        can_decide(user)
        and application.status == ApplicationStatus.RECOMMENDED
        and not is_conflicted(user, application)
    )


def can_export_assessments(user) -> bool:
    """A round's assessments as CSV or XLSX: VRU roles (each without their conflicted applications' rows)."""
    return is_vru(user)


def assessments_visible_to(user):
    """VRU roles see assessments, except others' on an application they declared a conflict on; nobody else
    sees any. An assessor always sees their own."""
    if not is_vru(user):
        return Assessment.objects.none()
    return Assessment.objects.exclude(
        ~Q(assessor=user) & Q(application__in=conflicted_application_ids(user)),
    )


def get_assessment_for_user(user, pk, queryset=None) -> Assessment:
    """The assessment, or 404 for anyone who may not see it."""
    queryset = assessments_visible_to(user) if queryset is None else queryset & assessments_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such assessment.") from None


def can_see_assessment_scores(user, assessment) -> bool:
    """The assessor sees their own scores as they go; others see them once submitted (and not conflicted)."""
    if assessment.assessor_id == user.pk:
        return True
    return assessment.submitted_at is not None and can_see_scores(user, assessment.application)
