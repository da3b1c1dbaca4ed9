"""Uploading a population figures file and following its import.

The import runs in the background; its page shows where it has got to and, with JavaScript, follows
it through ``status.json`` (static/js/progress.mjs). Without JavaScript the page has a Refresh link.
"""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from programmes.models import ImportStatus
from programmes.permissions import can_import_population, get_population_import_for_user
from programmes.population import selectors
from programmes.population.importing import population_import_create, population_imports_fail_stale
from programmes.views.population.forms import PopulationUploadForm
from vru.access import error_links_of, require


@require(can_import_population)
def import_create(request):
    form = PopulationUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload = population_import_create(
            file_name=form.cleaned_data["file"].name, content=form.content, user=request.user
        )
        return redirect("programmes:population-import-detail", upload.pk)
    return render(
        request, "programmes/population/import_form.html", {"form": form, "error_links": error_links_of(form)}
    )


def _checked(user, pk: int):
    """The import, failed first if it has stopped showing progress, so no page says "running" for ever."""
    upload = get_population_import_for_user(user, pk)
    if upload.status in (ImportStatus.QUEUED, ImportStatus.RUNNING) and population_imports_fail_stale(import_id=pk):
        upload.refresh_from_db()
    return upload


@never_cache
def import_detail(request, pk: int):
    upload = _checked(request.user, pk)
    return render(
        request,
        "programmes/population/import_detail.html",
        {
            "upload": upload,
            "progress": selectors.import_progress(upload),
            "is_done": upload.status == ImportStatus.DONE,
            "is_failed": upload.status == ImportStatus.FAILED,
        },
    )


@never_cache
def import_status(request, pk: int):
    upload = _checked(request.user, pk)
    return JsonResponse(selectors.import_progress(upload))
