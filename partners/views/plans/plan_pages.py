"""The plan list, starting this year's plan, a plan's page and its CSV export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partners.models import BoroughPlan, Organisation
from partners.permissions import (
    can_assess_plans,
    can_start_plan,
    can_update_plan_progress,
    can_write_plan,
    get_organisation_for_user,
    get_plan_for_user,
    is_member,
    plans_visible_to,
)
from partners.selectors import plans as plan_selectors
from partners.services import plans as services
from partners.views.plans.access import plan_reader_required
from programmes.periods import financial_year_label, financial_year_of
from vru.exports import csv_response
from vru.roles import is_vru

PAGE_SIZE = 40


@plan_reader_required
def plan_list(request):
    filterset = plan_selectors.plan_filterset(filters=request.GET, queryset=plans_visible_to(request.user))
    page = Paginator(plan_selectors.filtered_plans(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    year = financial_year_of(timezone.localdate())
    to_start = []
    if not is_vru(request.user):
        to_start = list(
            Organisation.objects.filter(memberships__user=request.user, csp_borough__isnull=False)
            .exclude(plans__financial_year=year)
            .select_related("csp_borough")
        )
    return render(
        request,
        "partners/plans/plan_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "plans": page.object_list,
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
            "to_start": to_start,
            "year_label": financial_year_label(year),
            "is_vru": is_vru(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_start(request, organisation_pk: int):
    """A page saying what starting does (and what is copied), and the button that does it."""
    organisation = get_organisation_for_user(
        request.user, organisation_pk, Organisation.objects.select_related("csp_borough")
    )
    if not can_start_plan(request.user, organisation):
        raise PermissionDenied
    year = financial_year_of(timezone.localdate())
    existing = BoroughPlan.objects.filter(borough_id=organisation.csp_borough_id, financial_year=year).first()
    if existing is not None:
        return redirect(existing)
    previous = BoroughPlan.objects.filter(borough_id=organisation.csp_borough_id, financial_year=year - 1).first()
    error_links = []
    if request.method == "POST":
        try:
            plan = services.plan_start(organisation=organisation, user=request.user, financial_year=year)
        except ValidationError as error:
            error_links = [("#start", message) for message in error.messages]
        else:
            messages.success(request, f"Your {plan.year_label} plan is started. Its reference is {plan.reference}.")
            return redirect(plan)
    return render(
        request,
        "partners/plans/plan_start.html",
        {
            "organisation": organisation,
            "year_label": financial_year_label(year),
            "previous": previous,
            "error_links": error_links,
        },
    )


def plan_detail(request, pk: int):
    """For the partnership, the task list while the plan is editable and a read-only view once submitted;
    for VRU staff, the read-only view with the assessments and the change history."""
    plan = get_plan_for_user(request.user, pk, plan_selectors.plan_detail_queryset())
    member = is_member(request.user, plan.organisation)
    if member and can_write_plan(request.user, plan):
        overview = plan_selectors.plan_overview(plan=plan, with_assessments=True)
        return render(request, "partners/plans/plan_tasks.html", {"plan": plan, "overview": overview})
    staff = is_vru(request.user)
    overview = plan_selectors.plan_overview(plan=plan, with_updates=True, with_assessments=True)
    return render(
        request,
        "partners/plans/plan_view.html",
        {
            "plan": plan,
            "overview": overview,
            "is_staff_view": staff,
            "can_assess": can_assess_plans(request.user) and plan.status == "submitted",
            "can_update_progress": member and can_update_plan_progress(request.user, plan),
            "history": plan_selectors.plan_history(plan=plan) if staff else None,
        },
    )


CSV_COLUMNS = [
    "Plan reference",
    "Borough",
    "Financial year",
    "Plan status",
    "Theme number",
    "Theme",
    "Action",
    "Outcome",
    "Named lead",
    "Lead organisations",
    "Start date",
    "End date",
    "RAG status",
    "Latest update",
    "Latest RAG status",
    "Latest progress",
]


def plan_export(request, pk: int):
    """The plan's actions, one a row, with each one's latest quarterly update."""
    plan = get_plan_for_user(request.user, pk, plan_selectors.plan_detail_queryset())
    overview = plan_selectors.plan_overview(plan=plan, with_updates=True)
    rows = []
    for part in overview.themes:
        for action in part.actions:
            update = action.latest_update
            rows.append(
                [
                    plan.reference,
                    plan.borough.name,
                    plan.year_label,
                    plan.get_status_display(),
                    part.theme.number,
                    part.theme.title,
                    action.action,
                    action.outcome,
                    action.lead,
                    action.lead_organisations,
                    action.start_date,
                    action.end_date,
                    action.get_rag_display(),
                    f"{financial_year_label(update.financial_year)} Q{update.quarter}" if update else "",
                    update.get_rag_display() if update else "",
                    update.progress if update else "",
                ]
            )
    return csv_response(f"{plan.reference}-actions", CSV_COLUMNS, rows, excel_bom=True)
