"""The public pages of awarded grants: open to everyone, signed in or not."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commissioning.giving360 import org_id
from commissioning.giving360.package import beneficiary_locations
from commissioning.selectors import transparency as selectors

PAGE_SIZE = 25


@login_not_required
@require_safe
def grant_list(request):
    filterset = selectors.published_grant_filterset(filters=request.GET)
    grants = selectors.filtered_grants(filterset)
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    valid = not filterset.is_bound or filterset.is_valid()
    return render(
        request,
        "commissioning/transparency/grant_list.html",
        {
            "filter_form": filterset.form,
            "page": page,
            "grants": page.object_list,
            "totals": selectors.grant_totals(filterset.qs if valid else grants.none()),
            "filtered": filterset.is_bound and any(request.GET.get(name) for name in filterset.filters),
            "any_published": bool(filterset.years),
            "error_links": [] if valid else filterset.form.error_links(),
            "funder_name": settings.FUNDER_NAME,
        },
    )


@login_not_required
@require_safe
def grant_detail(request, pk):
    grant = selectors.get_published_grant(pk)
    return render(
        request,
        "commissioning/transparency/grant_detail.html",
        {
            "grant": grant,
            "recipient_id": org_id(grant.organisation),
            "locations": beneficiary_locations(grant.application),
            "description": [part.strip() for part in grant.description.split("\n\n") if part.strip()],
        },
    )
