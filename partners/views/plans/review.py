"""The VRU's assessment of a submitted plan, and the partnership's quarterly updates on an accepted one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from partners.forms.plans import AssessmentForm, ProgressForm, QuarterForm
from partners.models import AssessmentCriterion, AssessmentDecision, PlanStatus, PlanTheme
from partners.permissions import can_assess_plans, can_update_plan_progress, get_plan_for_user, is_member
from partners.selectors import plans as plan_selectors
from partners.services import plans as services
from partners.views.plans.access import locked
from programmes.periods import FinancialQuarter
from programmes.views.access import error_links_of
from vru.forms import apply_model_errors


def plan_assess(request, pk: int):
    plan = get_plan_for_user(request.user, pk, plan_selectors.plan_detail_queryset())
    if not can_assess_plans(request.user):
        raise PermissionDenied
    if plan.status != PlanStatus.SUBMITTED:
        return redirect(plan)
    form = AssessmentForm(
        request.POST or None,
        criteria=list(AssessmentCriterion.objects.filter(active=True)),
        themes=list(PlanTheme.objects.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.plan_assess(plan=plan, user=request.user, **form.service_fields())
        except services.AssessmentRowsError as error:
            form.show_errors(error)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            if assessment.decision == AssessmentDecision.ACCEPT:
                messages.success(request, f"The plan is accepted. {plan.organisation} can see your feedback.")
            else:
                messages.success(request, f"The plan is returned to {plan.organisation} with what to change.")
            return redirect(plan)
    overview = plan_selectors.plan_overview(plan=plan, with_assessments=True)
    return render(
        request,
        "partners/plans/assess.html",
        {"plan": plan, "overview": overview, "form": form, "error_links": error_links_of(form)},
    )


def _chosen_quarter(data, quarters: list[FinancialQuarter], today) -> tuple[FinancialQuarter, QuarterForm]:
    """The quarter asked for, or by default the current one (the last open one for a past year)."""
    form = QuarterForm(data if "quarter" in data else None, quarters=quarters)
    by_number = {quarter.quarter: quarter for quarter in quarters}
    current = FinancialQuarter.containing(today)
    chosen = current if current in quarters else quarters[-1]
    if form.is_bound and form.is_valid():
        chosen = by_number[form.cleaned_data["quarter"]]
    form.initial = {"quarter": chosen.quarter}
    return chosen, form


def plan_progress(request, pk: int):
    """Each action's RAG and progress for a quarter: one update per action per quarter."""
    plan = get_plan_for_user(request.user, pk, plan_selectors.plan_detail_queryset())
    if not can_update_plan_progress(request.user, plan):
        if is_member(request.user, plan.organisation):
            return locked(
                request,
                plan,
                heading="Quarterly updates are not open for this plan",
                message="Quarterly updates start once the VRU has accepted the plan.",
            )
        raise PermissionDenied
    today = timezone.localdate()
    quarters = plan_selectors.open_quarters(plan=plan, today=today)
    if not quarters:
        return locked(
            request,
            plan,
            heading="Quarterly updates are not open yet",
            message=f"The first update is for April to June, once the {plan.year_label} year has begun.",
        )
    quarter, quarter_form = _chosen_quarter(request.POST or request.GET, quarters, today)
    rows = plan_selectors.progress_rows(plan=plan, quarter=quarter)
    form = ProgressForm(request.POST or None, rows=rows)
    quarter_ok = not quarter_form.is_bound or quarter_form.is_valid()
    if request.method == "POST" and quarter_ok and form.is_valid():
        try:
            services.action_updates_save(
                plan=plan, user=request.user, quarter=quarter, rows=form.update_rows(), today=today
            )
        except services.UpdateRowsError as error:
            form.show_errors(error.action_errors)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Your {quarter.label} update is saved.")
            return redirect(plan)
    return render(
        request,
        "partners/plans/progress.html",
        {
            "plan": plan,
            "quarter": quarter,
            "quarter_form": quarter_form,
            "form": form,
            "error_links": error_links_of(quarter_form, form),
        },
    )
