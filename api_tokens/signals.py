"""A new password or a disabled account revokes the user's tokens, whichever page, form or command did it."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from api_tokens.models import RevokedReason
from api_tokens.services import api_tokens_revoke_all


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="api_tokens_revoke_on_credentials_change")
def revoke_tokens_on_credentials_change(sender, instance, created, **kwargs):
    if created:
        return
    if not instance.is_active:
        api_tokens_revoke_all(user=instance, reason=RevokedReason.ACCOUNT_DISABLED)
    # set_password() keeps the new raw password in _password until the save is done: it is set by a
    # password change, a reset, the admin's set-password form and changepassword, and not by the
    # re-hash a sign-in does when the hasher's settings change (Django's own password_changed hook
    # keys off it the same way).
    elif getattr(instance, "_password", None) is not None:
        api_tokens_revoke_all(user=instance, reason=RevokedReason.PASSWORD_CHANGED)
