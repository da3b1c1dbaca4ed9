"""A programme's milestones and indicators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from programmes import services
from programmes.forms import IndicatorForm, IndicatorValueFormSet, MilestoneForm, initial_values
from programmes.permissions import get_programme_for_user
from programmes.views.access import error_links_of, programmes_editor_required
from vru.forms import apply_model_errors


@programmes_editor_required
def milestone_edit(request, pk: int, milestone_pk: int | None = None):
    programme = get_programme_for_user(request.user, pk)
    milestone = get_object_or_404(programme.milestones, pk=milestone_pk) if milestone_pk else None
    form = MilestoneForm(request.POST or None, instance=milestone, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(
                programme=programme, milestone=milestone, user=request.user, **form.service_fields()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Milestone saved.")
            return redirect(f"{programme.get_absolute_url()}#milestones")
    return render(
        request,
        "programmes/milestone_form.html",
        {"form": form, "programme": programme, "milestone": milestone, "error_links": error_links_of(form)},
    )


@programmes_editor_required
def milestone_delete(request, pk: int, milestone_pk: int):
    programme = get_programme_for_user(request.user, pk)
    milestone = get_object_or_404(programme.milestones, pk=milestone_pk)
    if request.method == "POST":
        services.milestone_delete(milestone=milestone, user=request.user)
        messages.success(request, f"Milestone “{milestone.title}” deleted.")
        return redirect(f"{programme.get_absolute_url()}#milestones")
    return render(
        request,
        "programmes/confirm_delete.html",
        {"programme": programme, "thing": "milestone", "name": milestone.title},
    )


@programmes_editor_required
def indicator_edit(request, pk: int, indicator_pk: int | None = None):
    programme = get_programme_for_user(request.user, pk)
    indicator = get_object_or_404(programme.indicators, pk=indicator_pk) if indicator_pk else None
    data = request.POST or None
    form = IndicatorForm(data, instance=indicator, programme=programme)
    formset = IndicatorValueFormSet(
        data, programme=programme, prefix="values", initial=None if data else initial_values(indicator, programme)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.indicator_save(
                programme=programme,
                indicator=indicator,
                user=request.user,
                values=formset.period_values(),
                **form.service_fields(),
            )
        except services.IndicatorValuesError as error:
            formset.show_row_errors(error.row_errors)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Indicator saved.")
            return redirect(f"{programme.get_absolute_url()}#indicators")
    return render(
        request,
        "programmes/indicator_form.html",
        {
            "form": form,
            "formset": formset,
            "programme": programme,
            "indicator": indicator,
            "error_links": error_links_of(form, formset),
        },
    )


@programmes_editor_required
def indicator_delete(request, pk: int, indicator_pk: int):
    programme = get_programme_for_user(request.user, pk)
    indicator = get_object_or_404(programme.indicators, pk=indicator_pk)
    if request.method == "POST":
        services.indicator_delete(indicator=indicator, user=request.user)
        messages.success(request, f"Indicator “{indicator.name}” deleted.")
        return redirect(f"{programme.get_absolute_url()}#indicators")
    return render(
        request,
        "programmes/confirm_delete.html",
        {
            "programme": programme,
            "thing": "indicator",
            "name": indicator.name,
            "detail": "Its targets and values go too.",
        },
    )
