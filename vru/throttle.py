"""Limits on guessing: sign-in attempts (through django-axes) and password reset emails.

Both count by the client's address as well as by what was typed, and keep their
counts where every web process sees them: axes in the database, the reset limits
in the shared cache (Redis in production).
"""

import hashlib
import logging

from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format

logger = logging.getLogger(__name__)

RESET_WINDOW_SECONDS = 60 * 60


def client_ip(request) -> str:
    """The address the request came from.

    Behind the TLS proxy (``BEHIND_TLS_PROXY``) every connection comes from the
    proxy, which appends the address it saw to X-Forwarded-For: that last entry
    is the one a client cannot forge. Anywhere else the header is ignored.
    """
    if settings.BEHIND_TLS_PROXY:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


# --- Sign-in ----------------------------------------------------------------------------


def lockout_message(request, username: str | None) -> str:
    """Says sign-in is locked and until when: the last counted failure plus the lockout time."""
    ip_address = client_ip(request)
    last = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=ip_address)).aggregate(
        last=Max("attempt_time")
    )["last"]
    until = timezone.localtime((last or timezone.now()) + settings.AXES_COOLOFF_TIME)
    return (
        f"Too many failed attempts to sign in. Signing in is locked for {settings.SIGN_IN_LOCKOUT_MINUTES} minutes, "
        f"even with the right password: try again after {time_format(until, 'H:i')}, or ask an administrator "
        "to unlock your account."
    )


def lockout_response(request, original_response=None, credentials=None):
    """What axes answers to a refused sign-in: the sign-in page saying it is locked, as 429.

    Our sign-in page has already put the message in its form; any other sign-in
    form (the admin's) is answered with our sign-in page carrying it at the top.
    """
    match = getattr(request, "resolver_match", None)
    if original_response is not None and match is not None and match.view_name == "login":
        original_response.status_code = 429
        return original_response
    from vru.auth_forms import SignInForm

    username = (credentials or {}).get("username")
    response = TemplateResponse(
        request,
        "registration/login.html",
        {"form": SignInForm(request), "error_links": [("#id_username", lockout_message(request, username))]},
        status=429,
    )
    return response.render()


# --- Password reset ------------------------------------------------------------------------


def _count(kind: str, value: str) -> int:
    """This hour's requests for ``value``; the hour starts at the first of them."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        return 1


def password_reset_allowed(*, email: str, request) -> bool:
    """Whether to send a reset email: at most so many per address asked for, and per client, an hour."""
    per_email = _count("email", email.strip().lower())
    per_client = _count("client", client_ip(request))
    allowed = (
        per_email <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL and per_client <= settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    )
    if not allowed:
        logger.warning("Password reset email withheld: limit reached (client %s)", client_ip(request))
    return allowed
