"""Time-limited task-and-finish groups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from partners.forms.prg import TaskGroupForm
from partners.models import TaskAndFinishGroup
from partners.selectors import prg as selectors
from partners.services import prg as services
from partners.views.prg.access import error_links_of, prg_editor_required, prg_viewer_required, render_prg
from vru.forms import apply_model_errors


@prg_viewer_required
def group_list(request):
    groups = list(selectors.task_groups())
    return render_prg(
        request,
        "partners/prg/group_list.html",
        {
            "open_groups": [group for group in groups if not group.closed],
            "closed_groups": [group for group in groups if group.closed],
            "today": timezone.localdate(),
        },
    )


@prg_editor_required
def group_edit(request, pk: int | None = None):
    group = get_object_or_404(TaskAndFinishGroup, pk=pk) if pk else None
    form = TaskGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.task_group_save(
                user=request.user, group=group, members=list(form.cleaned_data["members"]), **form.service_fields()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Task-and-finish group “{group.name}” saved.")
            return redirect(f"{reverse('partners:prg-groups')}#group-{group.pk}")
    return render_prg(
        request,
        "partners/prg/group_form.html",
        {"form": form, "group": group, "error_links": error_links_of(form)},
    )
