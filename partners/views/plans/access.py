"""Who may open the plan pages: each view asks ``partners.permissions`` through these helpers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from partners.permissions import (
    can_assess_plans,
    can_list_plans,
    can_write_plan,
    get_plan_for_user,
    is_member,
)
from partners.services.plans import PLAN_LOCKED
from vru.access import require

# Pages listing plans: VRU staff see every plan, partners their own; anyone else may not look.
plan_reader_required = require(can_list_plans)
vru_required = require(can_assess_plans)


def locked(request, plan, *, heading: str | None = None, message: str = PLAN_LOCKED):
    """Why the partnership cannot change the plan now, with the way to its read-only page."""
    return render(
        request,
        "partners/plans/locked.html",
        {"plan": plan, "heading": heading or "You cannot change this plan", "message": message},
        status=403,
    )


def plan_for_writing(request, pk):
    """The plan and ``None`` when the user may change it; otherwise the plan and the 403 to send.

    404 for anyone who may not see the plan; 403 for VRU staff and for the partnership
    once the plan has been submitted.
    """
    plan = get_plan_for_user(request.user, pk)
    if can_write_plan(request.user, plan):
        return plan, None
    if is_member(request.user, plan.organisation):
        return plan, locked(request, plan)
    raise PermissionDenied
