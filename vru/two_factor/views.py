"""The pages of two-factor authentication: the account page, setting up the app, the code after the password,
backup codes, turning it off."""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from vru.context_processors import landing_url
from vru.forms import apply_model_errors
from vru.two_factor import policy, services
from vru.two_factor.forms import CodeForm

NEW_CODES_KEY = "vru_new_backup_codes"


def _next(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if url and safe:
        return url
    return default


def _error_links(form):
    return form.error_links() if form.is_bound and form.errors else None


def _qr_svg(device) -> str:
    # Drawn here as inline SVG with classes only: nothing fetched, nothing a Content-Security-Policy forbids.
    qr = segno.make(device.config_url, error="m")
    return mark_safe(qr.svg_inline(scale=4, title="QR code to add this service to your authenticator app"))


def _grouped_key(device) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
def account(request):
    user = request.user
    enabled = policy.has_authenticator(user)
    return render(
        request,
        "two_factor/account.html",
        {
            "enabled": enabled,
            "required": policy.two_factor_required(user),
            "codes_left": services.backup_codes_left(user=user) if enabled else 0,
        },
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    if policy.pending_step(request) == policy.VERIFY:
        # Someone who has an app proves it before replacing it.
        return redirect(policy.step_url(policy.VERIFY, request.get_full_path()))
    next_url = _next(request, reverse("two-factor:account"))
    device = services.authenticator_for_setup(user=request.user)
    form = CodeForm(request.POST or None, help_text="The 6-digit code your app shows for this service.")
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.authenticator_confirm(user=request.user, device=device, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            django_otp.login(request, device)
            policy.mark_verified(request)
            request.session[NEW_CODES_KEY] = codes
            return redirect(f"{reverse('two-factor:backup-codes')}?{urlencode({'next': next_url})}")
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "key": _grouped_key(device),
            "next": next_url,
            "required": policy.two_factor_required(request.user),
            "error_links": _error_links(form),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    next_url = _next(request, landing_url(request.user))
    if policy.pending_step(request) != policy.VERIFY:
        return redirect(next_url)
    form = CodeForm(
        request.POST or None,
        help_text="The 6-digit code your authenticator app shows now, or one of your backup codes.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = services.code_verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            django_otp.login(request, device)
            policy.mark_verified(request)
            if isinstance(device, StaticDevice):
                left = services.backup_codes_left(user=request.user)
                messages.success(
                    request,
                    f"You used a backup code: it will not work again. {left} left; get new ones from "
                    "Two-factor authentication.",
                )
            return redirect(next_url)
    return render(
        request, "two_factor/verify.html", {"form": form, "next": next_url, "error_links": _error_links(form)}
    )


@never_cache
def backup_codes(request):
    if request.method == "POST":
        if not policy.has_authenticator(request.user):
            return redirect("two-factor:account")
        request.session[NEW_CODES_KEY] = services.backup_codes_regenerate(user=request.user)
        return redirect("two-factor:backup-codes")
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        # Shown once, when made: afterwards only how many are left.
        return redirect("two-factor:account")
    return render(
        request,
        "two_factor/backup_codes.html",
        {"codes": codes, "next": _next(request, reverse("two-factor:account"))},
    )


@require_POST
def turn_off(request):
    try:
        services.two_factor_disable(user=request.user)
    except ValidationError as error:
        return render(
            request,
            "two_factor/account.html",
            {
                "enabled": True,
                "required": True,
                "codes_left": services.backup_codes_left(user=request.user),
                "error_links": [("#turn-off", message) for message in error.messages],
            },
            status=400,
        )
    messages.success(request, "Two-factor authentication is off. You sign in with your password alone.")
    return redirect("two-factor:account")
