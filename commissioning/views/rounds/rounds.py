"""Funding rounds, for VRU staff: the list, a round's page, its settings, and publishing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from commissioning.forms.rounds import SERVICE_FIELD_MAP, PublishForm, RoundForm
from commissioning.models import FundingRound
from commissioning.selectors import rounds as selectors
from commissioning.services import rounds as services
from commissioning.views.rounds.access import commissioning_required, error_links_of
from vru.forms import apply_model_errors

PAGE_SIZE = 25


@commissioning_required
def round_list(request):
    filterset = selectors.round_filterset(filters=request.GET)
    page = Paginator(selectors.filtered_rounds(filterset).order_by("-closes_at", "title"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "commissioning/rounds/round_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "rounds": page.object_list,
            "error_links": filterset.form.error_links() if filterset.form.errors else [],
        },
    )


def _render_detail(request, pk: int, *, error_links=None):
    page = selectors.round_page(pk, with_history=True)
    return render(
        request,
        "commissioning/rounds/round_detail.html",
        {
            "page": page,
            "funding_round": page.funding_round,
            "publishing_problems": services.publishing_problems(page.funding_round),
            "error_links": error_links or [],
        },
    )


@commissioning_required
def round_detail(request, pk: int):
    return _render_detail(request, pk)


@commissioning_required
def round_edit(request, pk: int | None = None):
    funding_round = (
        get_object_or_404(FundingRound.objects.prefetch_related("objectives", "priority_areas"), pk=pk) if pk else None
    )
    # "Add a round" on a fund's page starts the round on that fund.
    initial = {"fund": request.GET.get("fund")} if funding_round is None and request.GET.get("fund") else None
    form = RoundForm(request.POST or None, funding_round=funding_round, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if funding_round is None:
                funding_round = services.round_create(user=request.user, **form.service_fields())
            else:
                funding_round = services.round_update(
                    funding_round=funding_round, user=request.user, **form.service_fields()
                )
        except ValidationError as error:
            apply_model_errors(form, error, SERVICE_FIELD_MAP)
        else:
            messages.success(request, f"Round “{funding_round.title}” saved.")
            return redirect(funding_round)
    return render(
        request,
        "commissioning/rounds/round_form.html",
        {"form": form, "funding_round": funding_round, "error_links": error_links_of(form)},
    )


@commissioning_required
@require_POST
def round_publish(request, pk: int):
    funding_round = get_object_or_404(FundingRound, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, pk, error_links=[("#publishing", "Choose to publish or unpublish the round.")])
    published = form.cleaned_data["published"]
    try:
        services.round_set_published(funding_round=funding_round, user=request.user, published=published)
    except ValidationError as error:
        links = [("#publishing", message) for message in error.messages]
        return _render_detail(request, pk, error_links=links)
    if published:
        messages.success(request, f"Round “{funding_round.title}” published.")
    else:
        messages.success(request, f"Round “{funding_round.title}” unpublished: it is no longer listed at /funding/.")
    return redirect(funding_round)
