"""The only writers of API tokens: the page, the API, the admin and the revocation on a password change call these."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from api_tokens.models import ApiToken, RevokedReason

TOKEN_START = "vru_"
PREFIX_LENGTH = 12
# Writing "last used" on every request would turn each API read into a write; a few minutes is close enough.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenRefused(Exception):
    """The token given is unknown, expired or revoked; the message says which, for the client to act on."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    value: str  # the only copy: shown once, never stored


def token_digest(value: str) -> str:
    # The value is 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(value.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> NewToken:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    if not user.is_active:
        raise ValidationError("A disabled account cannot have tokens")
    value = TOKEN_START + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=value[:PREFIX_LENGTH],
        digest=token_digest(value),
        created_at=now,
        expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return NewToken(token=token, value=value)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, reason: str = RevokedReason.BY_OWNER) -> ApiToken:
    """Revoke one token; revoking a revoked token changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_reason = reason
        token.save(update_fields=["revoked_at", "revoked_reason"])
    return token


def api_tokens_revoke_all(*, user, reason: str) -> int:
    """Revoke every token of ``user`` still in force; returns how many."""
    return ApiToken.objects.filter(user=user).unrevoked().update(revoked_at=timezone.now(), revoked_reason=reason)


def api_token_authenticate(*, value: str) -> ApiToken:
    """The token ``value`` names, if it may be used now, noting when it was used."""
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(value)).first()
    if token is None:
        raise TokenRefused("Invalid token.")
    if token.is_revoked:
        raise TokenRefused("This token has been revoked: make a new one under API tokens.")
    if token.is_expired:
        raise TokenRefused("This token has expired: make a new one under API tokens.")
    if not token.user.is_active:
        raise TokenRefused("User inactive or deleted.")
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
