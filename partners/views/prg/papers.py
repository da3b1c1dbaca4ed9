"""Meeting papers: upload, change, remove and download; their recommendations and the decisions on them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect

from partners.files import EXTENSIONS
from partners.forms.prg import DecisionForm, PaperForm, RecommendationForm
from partners.models import Decision, Meeting, Paper, Recommendation
from partners.selectors import prg as selectors
from partners.services import prg as services
from partners.views.prg.access import error_links_of, prg_editor_required, prg_viewer_required, render_prg
from vru.forms import apply_model_errors


def _paper_anchor(paper: Paper) -> str:
    return f"{paper.meeting.get_absolute_url()}#paper-{paper.pk}"


@prg_editor_required
def paper_upload(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = PaperForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_upload(
                user=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                agenda_item=form.cleaned_data["agenda_item"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Paper “{paper.title}” added.")
            return redirect(_paper_anchor(paper))
    return render_prg(
        request,
        "partners/prg/paper_form.html",
        {"form": form, "meeting": meeting, "paper": None, "error_links": error_links_of(form)},
    )


@prg_editor_required
def paper_edit(request, pk: int):
    paper = get_object_or_404(selectors.paper_queryset(), pk=pk)
    form = PaperForm(request.POST or None, instance=paper, meeting=paper.meeting, with_file=False)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_update(
                user=request.user,
                paper=paper,
                title=form.cleaned_data["title"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Paper saved.")
            return redirect(_paper_anchor(paper))
    return render_prg(
        request,
        "partners/prg/paper_form.html",
        {"form": form, "meeting": paper.meeting, "paper": paper, "error_links": error_links_of(form)},
    )


@prg_editor_required
def paper_delete(request, pk: int):
    paper = get_object_or_404(selectors.paper_queryset(), pk=pk)
    meeting = paper.meeting
    problem = None
    if request.method == "POST":
        try:
            services.paper_delete(user=request.user, paper=paper)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, f"Paper “{paper.title}” removed.")
            return redirect(f"{meeting.get_absolute_url()}#papers")
    return render_prg(
        request,
        "partners/prg/confirm_delete.html",
        {
            "thing": "paper",
            "name": paper.title,
            "detail": "Its file and its recommendations go too.",
            "back": _paper_anchor(paper),
            "meeting": meeting,
            "error_links": [("#main-content", problem)] if problem else [],
        },
    )


@prg_viewer_required
def paper_download(request, pk: int):
    """The file, as an attachment with the type found when it was checked, never sniffed by the browser."""
    paper = get_object_or_404(Paper, pk=pk)
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError:
        raise Http404("The paper's file is missing.") from None
    filename = services.paper_file_name(paper.title, EXTENSIONS.get(paper.content_type, ""))
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=paper.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@prg_editor_required
def recommendation_edit(request, pk: int | None = None, paper_pk: int | None = None):
    recommendation = get_object_or_404(Recommendation.objects.select_related("paper__meeting"), pk=pk) if pk else None
    paper = recommendation.paper if recommendation else get_object_or_404(selectors.paper_queryset(), pk=paper_pk)
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_save(
                user=request.user, paper=paper, recommendation=recommendation, **form.service_fields()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Recommendation saved.")
            return redirect(_paper_anchor(paper))
    return render_prg(
        request,
        "partners/prg/recommendation_form.html",
        {"form": form, "paper": paper, "recommendation": recommendation, "error_links": error_links_of(form)},
    )


@prg_editor_required
def recommendation_delete(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("paper__meeting"), pk=pk)
    paper = recommendation.paper
    problem = None
    if request.method == "POST":
        try:
            services.recommendation_delete(user=request.user, recommendation=recommendation)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, "Recommendation removed.")
            return redirect(_paper_anchor(paper))
    return render_prg(
        request,
        "partners/prg/confirm_delete.html",
        {
            "thing": "recommendation",
            "name": recommendation.text,
            "back": _paper_anchor(paper),
            "meeting": paper.meeting,
            "error_links": [("#main-content", problem)] if problem else [],
        },
    )


@prg_editor_required
def decision_edit(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("paper__meeting"), pk=pk)
    decision = Decision.objects.filter(recommendation=recommendation).first()
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(user=request.user, recommendation=recommendation, **form.service_fields())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect(_paper_anchor(recommendation.paper))
    return render_prg(
        request,
        "partners/prg/decision_form.html",
        {
            "form": form,
            "recommendation": recommendation,
            "paper": recommendation.paper,
            "decision": decision,
            "error_links": error_links_of(form),
        },
    )
