"""Every change to someone's second factor: setting up the app, backup codes, turning it off, checking a code."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vru.two_factor.policy import two_factor_required

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"

WRONG_CODE = "The code is not right. Enter the 6-digit code your app shows now, or one of your backup codes."
WRONG_SETUP_CODE = "The code is not right. Enter the 6-digit code your app shows now for this service."
TOO_MANY = "Too many wrong codes. Wait {seconds} seconds, then enter the code your app shows then."


def normalise_code(code: str) -> str:
    """Codes as people type them: spaces and dashes dropped, backup codes in lower case."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def authenticator_for_setup(*, user) -> TOTPDevice:
    """The unconfirmed authenticator the set-up page shows, the same one on every visit until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def _throttled(device) -> ValidationError | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
    return ValidationError({"code": TOO_MANY.format(seconds=seconds)}, code="throttled")


@transaction.atomic
def backup_codes_regenerate(*, user) -> list[str]:
    """A new set of backup codes; the old ones stop working. The codes are shown once, by the caller."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def authenticator_confirm(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Turn two-factor authentication on with the app whose code was entered; returns the new backup codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if error := _throttled(device):
        raise error
    if not device.verify_token(normalise_code(code)):
        raise ValidationError({"code": WRONG_SETUP_CODE}, code="wrong")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_regenerate(user=user)


def code_verify(*, user, code: str):
    """The device that accepts the code (the app for 6 digits, else a backup code, used up), or a ValidationError."""
    code = normalise_code(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise ValidationError({"code": WRONG_CODE}, code="wrong")
        if error := _throttled(device):
            raise error
        verified = device.verify_token(code)
    if not verified:
        raise ValidationError({"code": WRONG_CODE}, code="wrong")
    return device


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_disable(*, user) -> None:
    if two_factor_required(user):
        raise ValidationError("Your role must use two-factor authentication, so it cannot be turned off.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
