"""An organisation's page, and adding or changing an organisation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from partners import permissions
from partners.forms.organisations import OrganisationForm
from partners.permissions import can_manage_people
from partners.selectors import organisations as selectors
from partners.services import organisations as services
from partners.views.organisations.access import error_links_of, organisation_creator_required
from vru.forms import apply_model_errors


def organisation_detail(request, pk: int):
    organisation = permissions.get_organisation_for_user(request.user, pk, selectors.organisation_detail_queryset())
    can_invite = permissions.can_invite(request.user, organisation)
    return render(
        request,
        "partners/organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "people": selectors.organisation_people(organisation=organisation),
            "invitations": selectors.open_invitations(organisation=organisation) if can_invite else [],
            "can_change": permissions.can_change_organisation(request.user, organisation),
            "can_invite": can_invite,
            "can_manage_people": can_manage_people(request.user, organisation),
            "in_directory": permissions.can_view_directory(request.user),
        },
    )


@organisation_creator_required
def organisation_create(request):
    return _organisation_form(request, organisation=None)


def organisation_edit(request, pk: int):
    organisation = permissions.get_organisation_for_user(request.user, pk, selectors.organisation_detail_queryset())
    if not permissions.can_change_organisation(request.user, organisation):
        raise PermissionDenied
    return _organisation_form(request, organisation=organisation)


def _organisation_form(request, *, organisation):
    # Which borough's CSP an organisation is decides who writes that borough's plan, so only VRU staff set it.
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        instance=organisation,
        can_set_csp=permissions.can_view_directory(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                organisation = services.organisation_create(user=request.user, **form.service_fields())
                messages.success(request, f"{organisation.name} added to the directory.")
            else:
                organisation = services.organisation_update(
                    organisation=organisation, user=request.user, **form.service_fields()
                )
                messages.success(request, "Organisation details saved.")
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            return redirect(organisation)
    return render(
        request,
        "partners/organisations/organisation_form.html",
        {"form": form, "organisation": organisation, "error_links": error_links_of(form)},
    )
