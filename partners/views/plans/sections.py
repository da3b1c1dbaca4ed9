"""A plan's sections as the partnership fills them in: a theme's actions and the governance standards.

Each page has "Save and come back later", which leaves the section incomplete, and
"Save and mark as complete". A theme's actions are saved all together or not at all.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from partners.forms.plans import ActionFormSet, GovernanceForm, initial_actions
from partners.models import GovernanceStandard, PlanTheme
from partners.services import plans as services
from partners.views.plans.access import plan_for_writing
from programmes.views.access import error_links_of

STEP_ADD, STEP_COMPLETE = "add", "complete"


def plan_theme(request, pk: int, number: int):
    plan, refusal = plan_for_writing(request, pk)
    if refusal:
        return refusal
    theme = get_object_or_404(PlanTheme, number=number)
    step = request.POST.get("step")
    if request.method != "POST":
        actions = plan.actions.filter(theme=theme).order_by("order", "pk")
        formset = ActionFormSet(prefix="actions", initial=initial_actions(actions))
    elif step == STEP_ADD:
        formset = ActionFormSet(request.POST, prefix="actions").with_another_row()
    else:
        formset = ActionFormSet(request.POST, prefix="actions")
        if formset.is_valid():
            try:
                services.theme_actions_save(
                    plan=plan,
                    theme=theme,
                    user=request.user,
                    rows=formset.action_rows(),
                    mark_complete=step == STEP_COMPLETE,
                )
            except services.ActionRowsError as error:
                formset.show_row_errors(error.action_errors)
            except ValidationError as error:
                formset.problems.extend(error.messages)
            else:
                if step == STEP_COMPLETE:
                    messages.success(request, f"“{theme.title}” saved and marked as complete.")
                else:
                    messages.success(request, f"“{theme.title}” saved. It is not marked as complete yet.")
                return redirect(plan)
    return render(
        request,
        "partners/plans/theme_form.html",
        {
            "plan": plan,
            "theme": theme,
            "formset": formset,
            "error_links": formset.error_links() if formset.is_bound else [],
        },
    )


def plan_governance(request, pk: int):
    plan, refusal = plan_for_writing(request, pk)
    if refusal:
        return refusal
    standards = list(GovernanceStandard.objects.all())
    answers = {answer.standard_id: answer for answer in plan.governance_answers.all()}
    form = GovernanceForm(request.POST or None, standards=standards, answers=answers)
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("step") == STEP_COMPLETE
        try:
            services.governance_save(plan=plan, user=request.user, rows=form.governance_rows(), mark_complete=complete)
        except services.GovernanceRowsError as error:
            form.show_errors(error.standard_errors)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if complete:
                messages.success(request, "The minimum governance standards are saved and complete.")
            else:
                messages.success(request, "Your answers on the minimum governance standards are saved.")
            return redirect(plan)
    return render(
        request,
        "partners/plans/governance_form.html",
        {"plan": plan, "form": form, "error_links": error_links_of(form)},
    )
