"""Starting an application to an open round, for one of the organisations the partner acts for."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from commissioning.forms.applications import OrganisationChoiceForm
from commissioning.models import Application, ApplicationStatus, FundingRound
from commissioning.permissions import can_apply
from commissioning.services import applications as services
from commissioning.views.applications.access import applicant_required
from partners.models import Organisation


@require_http_methods(["GET", "POST"])
@applicant_required
def application_start(request, round_pk: int):
    """What starting does and, for someone acting for several organisations, which one is applying.

    The round's public page posts here straight away; a GET is the page to start
    from (after signing in, or from the partner's home page).
    """
    round = get_object_or_404(FundingRound.objects.published().select_related("fund"), pk=round_pk)
    organisations = Organisation.objects.for_user(request.user).order_by("name")
    choices = list(organisations)
    if not choices:
        return render(request, "commissioning/applications/no_organisation.html", {"round": round}, status=403)
    live = {
        application.organisation_id: application
        for application in Application.objects.filter(round=round, organisation__in=choices).exclude(
            status=ApplicationStatus.WITHDRAWN
        )
    }
    single = choices[0] if len(choices) == 1 else None
    if single is not None and single.pk in live:
        return redirect(live[single.pk])
    refusal = services.not_open_message(round, timezone.now())
    form = (
        None
        if single
        else OrganisationChoiceForm(request.POST if request.method == "POST" else None, organisations=organisations)
    )
    error_links = []
    if request.method == "POST":
        if refusal:
            error_links = [("#start", refusal)]
        elif single is not None or form.is_valid():
            organisation = single or form.cleaned_data["organisation"]
            if organisation.pk in live:
                return redirect(live[organisation.pk])
            if not can_apply(request.user, organisation):
                raise PermissionDenied
            try:
                application = services.application_start(round=round, organisation=organisation, user=request.user)
            except services.ApplicationExists as error:
                return redirect(error.application)
            except ValidationError as error:
                error_links = [("#start", message) for message in error.messages]
            else:
                messages.success(request, f"Your application is started. Its reference is {application.reference}.")
                return redirect(application)
        else:
            error_links = form.error_links()
    return render(
        request,
        "commissioning/applications/start.html",
        {
            "round": round,
            "single": single,
            "form": form,
            "live": [live[organisation.pk] for organisation in choices if organisation.pk in live],
            "refusal": refusal,
            "error_links": error_links,
        },
    )
