"""A signed-in user's own API tokens: see them, make one (shown once) and revoke one."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from api_tokens import selectors, services
from api_tokens.forms import ApiTokenForm
from api_tokens.models import RevokedReason
from vru.access import error_links_of
from vru.forms import apply_model_errors


@require_http_methods(["GET", "POST"])
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            # Rendered, not redirected: the value must not travel in a URL or be kept for a later page.
            return render(request, "api_tokens/token_created.html", {"token": new.token, "value": new.value})
    return render(
        request,
        "api_tokens/token_list.html",
        {
            "tokens": selectors.api_tokens_of(user=request.user),
            "form": form,
            "error_links": error_links_of(form),
            "token_days": settings.API_TOKEN_DAYS,
        },
    )


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    token = selectors.get_api_token_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        services.api_token_revoke(token=token, reason=RevokedReason.BY_OWNER)
        messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
        return redirect("api_tokens:list")
    return render(request, "api_tokens/token_revoke.html", {"token": token})
