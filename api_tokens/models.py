"""An API token is kept as the SHA-256 of its value and a short prefix to recognise it by.

The value itself is shown once, when the token is made, and stored nowhere: a copy of the
database (a backup, say) holds no token that works.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RevokedReason(models.TextChoices):
    BY_OWNER = "by_owner", "Revoked by its owner"
    BY_ADMIN = "by_admin", "Revoked by an admin"
    PASSWORD_CHANGED = "password_changed", "The owner's password changed"
    ACCOUNT_DISABLED = "account_disabled", "The owner's account was disabled"


class ApiTokenQuerySet(models.QuerySet):
    def unrevoked(self):
        return self.filter(revoked_at__isnull=True)

    def usable(self):
        return self.unrevoked().filter(expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so its owner can tell tokens apart.")
    prefix = models.CharField(max_length=12, help_text="The token's first characters; the rest is never stored.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the whole token.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=20, choices=RevokedReason, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
