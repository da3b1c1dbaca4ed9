"""The PRG's home page and its members."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from partners.forms.prg import PrgMemberForm
from partners.models import PrgMember
from partners.selectors import prg as selectors
from partners.services import prg as services
from partners.views.prg.access import error_links_of, prg_editor_required, prg_viewer_required, render_prg
from vru.forms import apply_model_errors


@prg_viewer_required
def prg_home(request):
    return render_prg(request, "partners/prg/home.html", {"home": selectors.prg_home()})


@prg_viewer_required
def member_list(request):
    return render_prg(
        request,
        "partners/prg/member_list.html",
        {
            "current": list(selectors.current_members()),
            "future": list(selectors.future_members()),
            "past": list(selectors.past_members()),
        },
    )


@prg_editor_required
def member_edit(request, pk: int | None = None):
    member = get_object_or_404(PrgMember, pk=pk) if pk else None
    form = PrgMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.prg_member_save(user=request.user, member=member, **form.service_fields())
        except ValidationError as error:
            apply_model_errors(form, error, {"account": "user"})
        else:
            messages.success(request, f"{member.name}’s membership saved.")
            return redirect("partners:prg-members")
    return render_prg(
        request,
        "partners/prg/member_form.html",
        {"form": form, "member": member, "error_links": error_links_of(form)},
    )
