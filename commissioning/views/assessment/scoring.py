"""An assessor's pages: their assignments, the conflict of interest declaration, and scoring."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from commissioning.forms.assessment import ConflictForm, ScoreForm
from commissioning.permissions import SCORING_STATUSES, can_declare_conflict, can_manage_commissioning, can_score
from commissioning.selectors import assessment as selectors
from commissioning.selectors.applications import application_overview
from commissioning.services import assessment as services
from commissioning.views.assessment.access import conflicted, own_assessment, refused
from vru.access import error_links_of, require

PAGE_SIZE = 25
STEP_SAVE, STEP_SUBMIT = "save", "submit"


@require(can_manage_commissioning)
def assessment_list(request):
    """Your assessments: what to do next on each, to-do first."""
    paginator = Paginator(selectors.assessments_of(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    counts = selectors.assignment_counts(request.user)
    return render(
        request,
        "commissioning/assessment/assessment_list.html",
        {
            "page": page,
            "assessments": page.object_list,
            "to_declare": counts[selectors.TODO_DECLARE],
            "to_score": counts[selectors.TODO_SCORE],
            "done": counts[selectors.DONE],
            "steps": {"declare": selectors.TODO_DECLARE, "score": selectors.TODO_SCORE},
        },
    )


def _not_scoring(request, application):
    return refused(
        request,
        application=application,
        heading="This application is no longer being assessed",
        message=f"It is “{application.get_status_display().lower()}”, so its assessment cannot change.",
    )


def assessment_conflict(request, pk: int):
    assessment = own_assessment(request, pk)
    application = assessment.application
    context = {"assessment": assessment, "application": application, "round": application.round}
    if assessment.has_conflict is not None:
        # Declaring is once and final: a changed mind is put right by an admin.
        status = 200 if request.method == "GET" else 403
        return render(request, "commissioning/assessment/conflict_declared.html", context, status=status)
    if not can_declare_conflict(request.user, assessment) or application.status not in SCORING_STATUSES:
        return _not_scoring(request, application)
    form = ConflictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(
                assessment=assessment,
                user=request.user,
                has_conflict=form.cleaned_data["has_conflict"],
                details=form.cleaned_data["conflict_details"],
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            if form.cleaned_data["has_conflict"]:
                messages.success(
                    request,
                    f"Your conflict of interest on {application.reference} is recorded. "
                    "You will not score it or see its scores.",
                )
                return redirect("commissioning:assessment-list")
            messages.success(
                request, f"You declared no conflict of interest. You can now score {application.reference}."
            )
            return redirect("commissioning:assessment-score", pk=assessment.pk)
    return render(
        request,
        "commissioning/assessment/conflict.html",
        {**context, "form": form, "error_links": error_links_of(form)},
    )


def assessment_score(request, pk: int):
    assessment = own_assessment(request, pk)
    application = assessment.application
    if assessment.has_conflict:
        return conflicted(request, application)
    if assessment.has_conflict is None:
        return redirect("commissioning:assessment-conflict", pk=assessment.pk)
    criteria = list(application.round.criteria.order_by("order", "pk"))
    context = {
        "assessment": assessment,
        "application": application,
        "round": application.round,
        "criteria": criteria,
        "overview": application_overview(application=application),
    }
    if assessment.submitted_at is not None:
        scores = {score.criterion_id: score for score in assessment.scores.all()}
        context["rows"] = [(criterion, scores.get(criterion.pk)) for criterion in criteria]
        context["total"] = selectors.weighted_total({pk: s.score for pk, s in scores.items()}, criteria)
        return render(request, "commissioning/assessment/score_submitted.html", context)
    if not can_score(request.user, assessment):
        return _not_scoring(request, application)
    form = ScoreForm(request.POST if request.method == "POST" else None, criteria=criteria, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("step") == STEP_SUBMIT
        try:
            services.assessment_score(
                assessment=assessment,
                user=request.user,
                scores=form.score_rows(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            if submit:
                messages.success(request, f"Your scores for {application.reference} are submitted.")
                return redirect("commissioning:assessment-score", pk=assessment.pk)
            messages.success(request, f"Your scores for {application.reference} are saved. They are not submitted yet.")
            return redirect("commissioning:assessment-list")
    return render(
        request,
        "commissioning/assessment/score.html",
        {**context, "form": form, "error_links": error_links_of(form)},
    )
