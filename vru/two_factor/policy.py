"""Who must use a second factor, and whether this session has given it yet.

When someone signs in with their password, the session records what it still owes:
``verify`` (they have an authenticator app: enter its code) or ``setup`` (their role
requires one and they have none). Reading it from the session keeps every later
request free of database queries; giving the code clears it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vru.roles import roles_of

STEP_KEY = "vru_two_factor_step"
VERIFY = "verify"
SETUP = "setup"


def two_factor_required(user) -> bool:
    """Whether the user's roles are among ``TWO_FACTOR_REQUIRED_ROLES``."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    return any(role.value in required for role in roles_of(user))


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def step_owed(user) -> str:
    """What someone who has just given their password still owes: ``verify``, ``setup`` or nothing."""
    if has_authenticator(user):
        return VERIFY
    if two_factor_required(user):
        return SETUP
    return ""


@receiver(user_logged_in)
def record_step_owed(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[STEP_KEY] = step_owed(user)


def pending_step(request) -> str:
    """What this signed-in session still owes; worked out once for a session that began before 2FA."""
    session = request.session
    if STEP_KEY not in session:
        session[STEP_KEY] = step_owed(request.user)
    return session[STEP_KEY]


def mark_verified(request) -> None:
    request.session[STEP_KEY] = ""


def step_url(step: str, next_url: str) -> str:
    return f"{reverse(f'two-factor:{step}')}?{urlencode({'next': next_url})}"


def after_password_url(request, next_url: str) -> str:
    """Where the sign-in page sends someone whose password was right: the step owed, then ``next_url``."""
    step = pending_step(request)
    return step_url(step, next_url) if step else next_url
