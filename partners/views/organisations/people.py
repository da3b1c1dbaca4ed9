"""The people who act for an organisation: inviting colleagues, changing their role, removing them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partners import permissions
from partners.forms.organisations import InvitationForm, MembershipRoleForm
from partners.permissions import can_manage_people
from partners.services import organisations as services
from partners.views.organisations.access import error_links_of
from vru.forms import apply_model_errors


def _organisation(request, pk, rule):
    """The organisation (404 for one the user may not see), then 403 unless ``rule`` allows the change."""
    organisation = permissions.get_organisation_for_user(request.user, pk)
    if not rule(request.user, organisation):
        raise PermissionDenied
    return organisation


def _link_builder(request):
    return lambda token: request.build_absolute_uri(reverse("partners:invitation-accept", args=[token]))


def _people_url(organisation) -> str:
    return f"{organisation.get_absolute_url()}#people"


def invite(request, pk: int):
    organisation = _organisation(request, pk, permissions.can_invite)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                organisation=organisation, user=request.user, link_for=_link_builder(request), **form.service_fields()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            return redirect("partners:invitation-sent", pk=organisation.pk, invitation_pk=invitation.pk)
    return render(
        request,
        "partners/organisations/invite.html",
        {
            "form": form,
            "organisation": organisation,
            "error_links": error_links_of(form),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )


def invitation_sent(request, pk: int, invitation_pk: int):
    organisation = _organisation(request, pk, permissions.can_invite)
    invitation = get_object_or_404(organisation.invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    return render(
        request, "partners/organisations/invitation_sent.html", {"organisation": organisation, "invitation": invitation}
    )


@require_POST
def invitation_resend(request, pk: int, invitation_pk: int):
    organisation = _organisation(request, pk, permissions.can_invite)
    invitation = get_object_or_404(organisation.invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    try:
        invitation = services.invitation_resend(
            invitation=invitation, user=request.user, link_for=_link_builder(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_people_url(organisation))
    return redirect("partners:invitation-sent", pk=organisation.pk, invitation_pk=invitation.pk)


def invitation_cancel(request, pk: int, invitation_pk: int):
    organisation = _organisation(request, pk, permissions.can_invite)
    invitation = get_object_or_404(organisation.invitations.filter(accepted_at__isnull=True), pk=invitation_pk)
    if request.method == "POST":
        services.invitation_cancel(invitation=invitation, user=request.user)
        messages.success(request, f"The invitation to {invitation.email} is cancelled: its link no longer works.")
        return redirect(_people_url(organisation))
    return render(
        request,
        "partners/organisations/confirm.html",
        {
            "organisation": organisation,
            "title": f"Cancel the invitation to {invitation.email}?",
            "detail": "The link in their email will stop working. You can invite them again later.",
            "button": "Cancel the invitation",
        },
    )


def membership_edit(request, pk: int, membership_pk: int):
    organisation = _organisation(request, pk, can_manage_people)
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=membership_pk)
    person = membership.user.get_full_name() or membership.user.get_username()
    form = MembershipRoleForm(request.POST if request.method == "POST" else None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"], user=request.user)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"{person} is now {membership.get_role_display().lower()}.")
            return redirect(_people_url(organisation))
    return render(
        request,
        "partners/organisations/membership_form.html",
        {"form": form, "organisation": organisation, "person": person, "error_links": error_links_of(form)},
    )


def membership_remove(request, pk: int, membership_pk: int):
    organisation = _organisation(request, pk, can_manage_people)
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=membership_pk)
    person = membership.user.get_full_name() or membership.user.get_username()
    error_links = []
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, user=request.user)
        except ValidationError as error:
            error_links = [("#confirm-heading", message) for message in error.messages]
        else:
            if membership.user_id == request.user.pk and not permissions.can_view_directory(request.user):
                messages.success(request, f"You no longer act for {organisation.name}.")
                return redirect("partners:home")
            messages.success(request, f"{person} no longer acts for {organisation.name}.")
            return redirect(_people_url(organisation))
    return render(
        request,
        "partners/organisations/confirm.html",
        {
            "organisation": organisation,
            "title": f"Remove {person} from {organisation.name}?",
            "detail": "They will no longer see the organisation's records. Their account stays, "
            "so they keep what they do for other organisations.",
            "button": f"Remove {person}",
            "error_links": error_links,
        },
    )
