"""Who may see and change partners' records, plans and the PRG's business: the one place these rules live.

The pages, the API and every export ask these functions. A partner only ever sees
their own organisations' records; asked for anyone else's, the ``get_*_for_user``
helpers raise 404, so a guessed URL reveals nothing.
"""

from django.http import Http404

from partners.models import BoroughPlan, Membership, MembershipRole, Organisation
from vru.roles import Role, is_vru, roles_of


def can_view_geography(user) -> bool:
    """Boroughs and Basic Command Units are public reference data: any signed-in user."""
    return user.is_authenticated and user.is_active


# --- Organisations and people --------------------------------------------------


def is_partner(user) -> bool:
    return Role.PARTNER in roles_of(user)


def is_member(user, organisation) -> bool:
    return is_partner(user) and Membership.objects.filter(user=user, organisation=organisation).exists()


def is_organisation_admin(user, organisation) -> bool:
    return (
        is_partner(user)
        and Membership.objects.filter(user=user, organisation=organisation, role=MembershipRole.ADMIN).exists()
    )


def can_view_directory(user) -> bool:
    """The partner directory, with every organisation: VRU staff, managers and admins."""
    return is_vru(user)


def organisations_visible_to(user):
    if is_vru(user):
        return Organisation.objects.all()
    if is_partner(user):
        return Organisation.objects.for_user(user)
    return Organisation.objects.none()


def get_organisation_for_user(user, pk, queryset=None) -> Organisation:
    """The organisation, or 404 for anyone who may not see it."""
    queryset = organisations_visible_to(user) if queryset is None else queryset & organisations_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such organisation.") from None


def can_change_organisation(user, organisation) -> bool:
    return is_vru(user) or is_organisation_admin(user, organisation)


def can_create_organisation(user) -> bool:
    """Adding an organisation to the directory is for the people who keep the directory: VRU roles."""
    return can_view_directory(user)


def can_change_memberships_directly(user) -> bool:
    """Adding an existing account to an organisation (the API's memberships): VRU roles only."""
    return can_view_directory(user)


def can_manage_people(user, organisation) -> bool:
    """Changing a colleague's role or removing them: whoever may invite people to the organisation."""
    return can_invite(user, organisation)


def can_invite(user, organisation) -> bool:
    """VRU staff and the organisation's own admins invite colleagues."""
    return is_vru(user) or is_organisation_admin(user, organisation)


# --- Borough violence reduction plans ---------------------------------------------


def plans_visible_to(user):
    if is_vru(user):
        return BoroughPlan.objects.all()
    if is_partner(user):
        return BoroughPlan.objects.for_user(user)
    return BoroughPlan.objects.none()


def get_plan_for_user(user, pk, queryset=None) -> BoroughPlan:
    """The plan, or 404 for anyone outside its borough's partnership (and not at the VRU)."""
    queryset = plans_visible_to(user) if queryset is None else queryset & plans_visible_to(user)
    try:
        return queryset.get(pk=pk)
    except (BoroughPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("No such plan.") from None


def can_list_plans(user) -> bool:
    """Lists of plans: VRU staff see every plan, partners their own; PRG members none."""
    return is_vru(user) or is_partner(user)


def can_write_plan(user, plan) -> bool:
    """The partnership writes its own plan while it is a draft or has been returned; never once submitted."""
    return plan.is_editable and is_member(user, plan.organisation)


def can_start_plan(user, organisation) -> bool:
    return organisation.csp_borough_id is not None and is_member(user, organisation)


def can_update_plan_progress(user, plan) -> bool:
    """Quarterly RAG and progress on an accepted plan's actions, by its partnership."""
    from partners.models import PlanStatus

    return plan.status == PlanStatus.ACCEPTED and is_member(user, plan.organisation)


def can_assess_plans(user) -> bool:
    """VRU staff assess plans, rate them, and accept them or return them for changes."""
    return is_vru(user)


def can_view_london_plans(user) -> bool:
    return is_vru(user)


# --- Partnership Reference Group ---------------------------------------------------


def can_view_prg(user) -> bool:
    """Meetings, papers, decisions and actions: VRU roles and PRG members, who read but change nothing."""
    return is_vru(user) or Role.PRG in roles_of(user)


def can_change_prg(user) -> bool:
    return is_vru(user)
