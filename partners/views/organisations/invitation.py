"""Accepting an invitation: reached signed out, from the link in the email."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from partners.forms.organisations import AcceptInvitationForm
from partners.services import organisations as services
from partners.views.organisations.access import error_links_of
from vru.forms import apply_model_errors


def _unusable(request):
    # One page for unknown, expired and used links: telling them apart would help someone guessing tokens.
    return render(
        request,
        "partners/organisations/invitation_unusable.html",
        {"valid_days": settings.INVITATION_VALID_DAYS},
        status=404,
    )


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request, token: str):
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable:
        return _unusable(request)
    account = services.invitation_account(invitation)
    if account is not None:
        return _accept_with_account(request, token, invitation, account)
    if request.user.is_authenticated:
        # Accepting would sign them in as the new person: make them sign out on purpose first.
        return render(
            request,
            "partners/organisations/invitation_signed_in.html",
            {"invitation": invitation, "next": request.path},
        )
    form = AcceptInvitationForm(invitation, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except services.InvitationUnusable:
            return _unusable(request)
        except ValidationError as error:
            apply_model_errors(form, error, {"password": "new_password1"})
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Your account is ready. You now act for {invitation.organisation.name}.")
            return redirect("partners:home")
    return render(
        request,
        "partners/organisations/invitation_accept.html",
        {"form": form, "invitation": invitation, "error_links": error_links_of(form)},
    )


def _accept_with_account(request, token: str, invitation, account):
    """The address has an account already: its owner signs in (if need be) and joins."""
    if not request.user.is_authenticated:
        return render(
            request, "partners/organisations/invitation_sign_in.html", {"invitation": invitation, "next": request.path}
        )
    if request.user != account:
        return render(
            request,
            "partners/organisations/invitation_signed_in.html",
            {"invitation": invitation, "next": request.path},
        )
    error_links = None
    if request.method == "POST":
        try:
            services.invitation_accept_signed_in(token=token, user=request.user)
        except services.InvitationUnusable:
            return _unusable(request)
        except ValidationError as error:
            error_links = [("#main-content", message) for message in error.messages]
        else:
            messages.success(request, f"You now act for {invitation.organisation.name}.")
            return redirect("partners:home")
    return render(
        request,
        "partners/organisations/invitation_join.html",
        {"invitation": invitation, "error_links": error_links},
        status=400 if error_links else 200,
    )
