"""Checking the answers, submitting the plan, and the confirmation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from partners.permissions import get_plan_for_user, is_member
from partners.selectors import plans as plan_selectors
from partners.services import plans as services
from partners.views.plans.access import plan_for_writing


def plan_check(request, pk: int):
    """Every section with a "Change" link; submitting is refused, with what is missing, until all are done."""
    plan, refusal = plan_for_writing(request, pk)
    if refusal:
        return refusal
    refused = None
    if request.method == "POST":
        try:
            services.plan_submit(plan=plan, user=request.user)
        except ValidationError as error:
            refused = error
        else:
            return redirect("partners:plan-submitted", pk=plan.pk)
    overview = plan_selectors.plan_overview(plan=plan)
    problems = overview.problems
    error_links = []
    if refused is not None:
        # The service and the page read the same rules; the page's copy says which section each problem is in.
        error_links = [(f"#{problem.anchor}", problem.message) for problem in problems] or [
            ("#submit", message) for message in refused.messages
        ]
    return render(
        request,
        "partners/plans/check.html",
        {"plan": plan, "overview": overview, "problems": problems, "error_links": error_links},
    )


def plan_submitted(request, pk: int):
    plan = get_plan_for_user(request.user, pk)
    if not is_member(request.user, plan.organisation):
        raise PermissionDenied
    if plan.submitted_at is None:
        return redirect(plan)
    return render(request, "partners/plans/submitted.html", {"plan": plan})
