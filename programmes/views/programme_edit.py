from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from programmes import selectors, services
from programmes.forms import ProgrammeForm
from programmes.history import programme_history
from programmes.permissions import get_programme_for_user
from programmes.views.access import error_links_of, programmes_editor_required, programmes_viewer_required
from vru.forms import apply_model_errors


@programmes_viewer_required
def programme_detail(request, pk: int):
    programme = get_programme_for_user(request.user, pk, selectors.programme_detail_queryset())
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "history": programme_history(programme=programme)},
    )


@programmes_editor_required
def programme_create(request):
    return _programme_form(request, programme=None)


@programmes_editor_required
def programme_edit(request, pk: int):
    return _programme_form(request, programme=get_programme_for_user(request.user, pk))


def _programme_form(request, *, programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                programme = services.programme_create(user=request.user, **form.service_fields())
                messages.success(request, f"Programme “{programme.title}” created.")
            else:
                programme = services.programme_update(programme=programme, user=request.user, **form.service_fields())
                messages.success(request, "Programme saved.")
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            return redirect(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": programme, "error_links": error_links_of(form)},
    )
