"""Headers every response of the site carries, beside django-csp's Content-Security-Policy.

- ``Permissions-Policy`` refuses the browser features in ``settings.PERMISSIONS_POLICY``.
- ``Cache-Control: private, no-store`` on every response to a signed-in user (pages, API and
  downloads alike) and on every download, so no shared cache or browser history keeps a copy of
  what only that person may see. A view whose answer is the same for everyone marks itself
  ``public`` (the 360Giving open data) and keeps its own caching; so do public pages seen signed
  out, and static files, which WhiteNoise serves before this runs.
"""

from django.conf import settings


def _permissions_policy() -> str:
    return ", ".join(f"{feature}={allowlist}" for feature, allowlist in settings.PERMISSIONS_POLICY.items())


def _is_download(response) -> bool:
    return "Content-Disposition" in response or response.get("Content-Type", "").startswith(
        ("text/csv", "application/vnd.openxmlformats", "application/pdf", "application/octet-stream")
    )


def _marked_public(response) -> bool:
    return "public" in response.get("Cache-Control", "").replace(" ", "").split(",")


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = _permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if _marked_public(response):
            return response
        # request.user is the API's token user too: DRF sets it on the request it wraps.
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or _is_download(response):
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response
