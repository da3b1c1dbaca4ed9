"""The PRG's action log: filtered list, an action's page with its history, add and change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from partners.forms.prg import PrgActionForm
from partners.models import PrgAction
from partners.selectors import prg as selectors
from partners.services import prg as services
from partners.views.prg.access import error_links_of, prg_editor_required, prg_viewer_required, render_prg
from vru.forms import apply_model_errors

PAGE_SIZE = 50
# (sort key, heading) for the action log; an empty key is a column that does not sort.
ACTION_COLUMNS = [
    ("", "Action"),
    ("owner", "Owner"),
    ("", "Meeting"),
    ("due", "Due"),
    ("status", "Status"),
]


@prg_viewer_required
def action_list(request):
    today = timezone.localdate()
    filterset = selectors.action_filterset(filters=request.GET, today=today)
    page = Paginator(selectors.filtered_actions(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_prg(
        request,
        "partners/prg/action_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "actions": page.object_list,
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
            "columns": ACTION_COLUMNS,
            "current_sort": request.GET.get("sort", ""),
        },
    )


@prg_viewer_required
def action_detail(request, pk: int):
    action = get_object_or_404(selectors.actions_queryset(), pk=pk)
    return render_prg(
        request,
        "partners/prg/action_detail.html",
        {"action": action, "history": selectors.action_history(action=action)},
    )


@prg_editor_required
def action_edit(request, pk: int | None = None):
    action = get_object_or_404(PrgAction, pk=pk) if pk else None
    initial = {"meeting": request.GET.get("meeting")} if action is None and request.GET.get("meeting") else None
    form = PrgActionForm(request.POST or None, instance=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.prg_action_save(user=request.user, prg_action=action, **form.service_fields())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, "Action saved.")
            return redirect("partners:prg-action-detail", action.pk)
    return render_prg(
        request,
        "partners/prg/action_form.html",
        {"form": form, "action": action, "error_links": error_links_of(form)},
    )
