"""The task list's sections as the applicant fills them in.

Each page has "Save and come back later", which leaves the section incomplete
(and un-completes it if it was complete), and "Save and mark as complete", which
needs every answer the section asks for. Both check what was typed; nothing is
saved when anything is wrong.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commissioning.forms.applications import (
    STEP_COMPLETE,
    AreaForm,
    BudgetFormSet,
    ObjectivesForm,
    OrganisationDetailsForm,
    ProjectForm,
    QuestionsForm,
    ReachForm,
    initial_budget,
)
from commissioning.models import ApplicationSection, GeographyLevel
from commissioning.services import applications as services
from commissioning.services.applications.rules import ORGANISATION_FIELDS, PROJECT_FIELDS
from commissioning.views.applications.access import application_for_writing
from partners.models import Borough
from vru.access import error_links_of

Section = ApplicationSection
STEP_ADD, STEP_WARDS = "add", "wards"


def _posted(request):
    """The form's data on a POST (even one with nothing ticked), ``None`` to show the saved answers."""
    return request.POST if request.method == "POST" else None


def _saved(request, application, section, complete: bool):
    label = Section(section).label
    if complete:
        messages.success(request, f"“{label}” saved and marked as complete.")
    else:
        messages.success(request, f"“{label}” saved. It is not marked as complete yet.")
    return redirect(application)


def _page(request, application, section, template, context):
    return render(
        request,
        f"commissioning/applications/sections/{template}.html",
        {"application": application, "round": application.round, "section": Section(section), **context},
    )


def _simple(request, application, section, *, form, save, template="form"):
    """A section with one form: on a valid POST, ``save(form, complete)`` calls the service."""
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("step") == STEP_COMPLETE
        try:
            save(form, complete)
        except ValidationError as error:
            form.show_service_errors(error)
        else:
            return _saved(request, application, section, complete)
    return _page(request, application, section, template, {"form": form, "error_links": error_links_of(form)})


def organisation(request, application):
    initial = {name: getattr(application, name) for name in ORGANISATION_FIELDS}
    form = OrganisationDetailsForm(_posted(request), initial=initial)

    def save(form, complete):
        services.application_organisation_save(
            application=application, user=request.user, mark_complete=complete, **form.service_values()
        )

    return _simple(request, application, Section.ORGANISATION, form=form, save=save)


def project(request, application):
    initial = {name: getattr(application, name) for name in PROJECT_FIELDS}
    form = ProjectForm(_posted(request), initial=initial)

    def save(form, complete):
        services.application_project_save(
            application=application, user=request.user, mark_complete=complete, **form.service_values()
        )

    return _simple(request, application, Section.PROJECT, form=form, save=save)


def objectives(request, application):
    form = ObjectivesForm(
        _posted(request),
        round=application.round,
        initial={"objectives": list(application.objectives.values_list("pk", flat=True))},
    )

    def save(form, complete):
        services.application_objectives_save(
            application=application,
            user=request.user,
            mark_complete=complete,
            objectives=form.cleaned_data["objectives"],
        )

    return _simple(request, application, Section.OBJECTIVES, form=form, save=save)


def reach(request, application):
    form = ReachForm(
        _posted(request), initial={estimate.age_band: estimate.count for estimate in application.reach.all()}
    )

    def save(form, complete):
        services.application_reach_save(
            application=application, user=request.user, mark_complete=complete, counts=form.counts()
        )

    return _simple(request, application, Section.REACH, form=form, save=save, template="reach")


def questions(request, application):
    round_questions = list(application.round.questions.all())
    answers = {answer.question_id: answer.text for answer in application.answers.all()}
    form = QuestionsForm(
        _posted(request),
        questions=round_questions,
        initial={f"question_{pk}": text for pk, text in answers.items()},
    )

    def save(form, complete):
        services.application_answers_save(
            application=application, user=request.user, mark_complete=complete, answers=form.answers()
        )

    return _simple(request, application, Section.QUESTIONS, form=form, save=save)


def area(request, application):
    """Boroughs, then the wards of the boroughs chosen: "Show the wards of these boroughs" lists them without
    saving, for browsers without JavaScript."""
    wards_needed = application.round.geography_level == GeographyLevel.WARD
    ticked = [value for value in request.POST.getlist("boroughs") if value.isdigit()]
    if request.method == "POST" and request.POST.get("step") == STEP_WARDS:
        # The ticked boroughs' wards, with what was ticked kept: nothing is saved and no error is shown yet.
        form = AreaForm(
            initial={"boroughs": ticked, "wards": request.POST.getlist("wards")},
            ward_boroughs=Borough.objects.filter(pk__in=ticked),
            wards_needed=wards_needed,
        )
        return _page(request, application, Section.AREA, "area", {"form": form, "error_links": []})

    saved_boroughs = list(application.boroughs.order_by("name"))
    # A ward ticked under a borough since unticked is still offered, so its error can be shown beside it.
    ward_boroughs = list(Borough.objects.filter(pk__in={*ticked, *(b.pk for b in saved_boroughs)}))
    initial = {
        "boroughs": [b.pk for b in saved_boroughs],
        "wards": list(application.wards.values_list("pk", flat=True)),
    }
    form = AreaForm(_posted(request), initial=initial, ward_boroughs=ward_boroughs, wards_needed=wards_needed)

    def save(form, complete):
        services.application_area_save(
            application=application, user=request.user, mark_complete=complete, **form.service_values()
        )

    return _simple(request, application, Section.AREA, form=form, save=save, template="area")


def budget(request, application):
    step = request.POST.get("step")
    if request.method != "POST":
        formset = BudgetFormSet(prefix="lines", initial=initial_budget(application.budget_lines.all()))
    elif step == STEP_ADD:
        formset = BudgetFormSet(request.POST, prefix="lines").with_another_row()
    else:
        formset = BudgetFormSet(request.POST, prefix="lines")
        if formset.is_valid():
            complete = step == STEP_COMPLETE
            try:
                services.application_budget_save(
                    application=application, user=request.user, mark_complete=complete, rows=formset.budget_rows()
                )
            except services.BudgetRowsError as error:
                formset.show_service_errors(error)
            except ValidationError as error:
                formset.problems.extend(error.messages)
            else:
                return _saved(request, application, Section.BUDGET, complete)
    return _page(
        request,
        application,
        Section.BUDGET,
        "budget",
        {"formset": formset, "error_links": formset.error_links() if formset.is_bound else []},
    )


HANDLERS = {
    Section.ORGANISATION: organisation,
    Section.PROJECT: project,
    Section.AREA: area,
    Section.OBJECTIVES: objectives,
    Section.BUDGET: budget,
    Section.REACH: reach,
    Section.QUESTIONS: questions,
}


def application_section(request, pk: int, section: str):
    application, refusal = application_for_writing(request, pk)
    if refusal:
        return refusal
    return HANDLERS[Section(section)](request, application)
