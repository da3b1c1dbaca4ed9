"""Sessions end after ``SESSION_IDLE_MINUTES`` without a request, and ``SESSION_MAX_HOURS`` after signing in.

The session keeps when its user signed in and when they were last seen. A session
past either limit is signed out on its next request, which then carries on as
anyone's would: a page sends them to sign in (and back afterwards), with a message
saying why; the API answers 401.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "vru_signed_in_at"
LAST_SEEN = "vru_last_seen"
# Saving the session only when a minute has passed keeps most requests from writing to the database.
TOUCH_AFTER_SECONDS = 60


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def expiry_message(session, now: float) -> str | None:
    """Why this session must end now, or None while it may go on."""
    idle_minutes = settings.SESSION_IDLE_MINUTES
    if now - session[LAST_SEEN] > idle_minutes * 60:
        return f"You were signed out after {idle_minutes} minutes without activity. Sign in again to carry on."
    if now - session[SIGNED_IN_AT] > settings.SESSION_MAX_HOURS * 60 * 60:
        return f"You were signed out {settings.SESSION_MAX_HOURS} hours after signing in. Sign in again to carry on."
    return None


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            if SIGNED_IN_AT not in session or LAST_SEEN not in session:
                # A session from before these limits: count from now.
                session[SIGNED_IN_AT] = session.get(SIGNED_IN_AT, now)
                session[LAST_SEEN] = now
            elif message := expiry_message(session, now):
                logout(request)
                messages.warning(request, message)
            elif now - session[LAST_SEEN] >= TOUCH_AFTER_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)
