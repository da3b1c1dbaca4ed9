"""The 360Giving downloads of every awarded grant: a JSON data package, and the same flattened to CSV and XLSX.

Public, like the page: 360Giving's registry and anyone else may fetch them. They
are always the whole set, whatever the page is filtered by, as the standard expects
of a publisher's file.

They are the same for everyone, signed in or not, and hold only published facts, so
shared caches may keep them for an hour (``PUBLIC_CACHE``); every other download is
``private, no-store`` (``vru.headers``).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from commissioning.giving360 import build_package, dumps, flatten
from commissioning.selectors.transparency import published_grants
from vru.exports import table_response

# An award shows in the files within the hour; a publisher's file is fetched in bulk, so caching helps.
PUBLIC_CACHE = cache_control(public=True, max_age=3600)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def download_name() -> str:
    return f"{settings.GRANTS_ID_PREFIX}-grants"


def _package(request) -> dict:
    return build_package(published_grants(), base_url=_base_url(request))


@login_not_required
@PUBLIC_CACHE
@require_safe
def package_json(request):
    response = HttpResponse(dumps(_package(request)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{download_name()}.json"'
    return response


def _flat(request, fmt: str):
    headers, rows = flatten(_package(request)["grants"])
    return table_response(fmt, download_name(), headers, rows, title="grants")


@login_not_required
@PUBLIC_CACHE
@require_safe
def package_csv(request):
    return _flat(request, "csv")


@login_not_required
@PUBLIC_CACHE
@require_safe
def package_xlsx(request):
    return _flat(request, "xlsx")
