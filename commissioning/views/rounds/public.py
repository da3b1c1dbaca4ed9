"""The public funding pages at /funding/: open rounds, and each published round's guidance and criteria.

No sign-in is needed. Nothing unpublished is ever shown here: staff preview a
round on its staff page.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from commissioning.permissions import can_manage_commissioning, can_start_application
from commissioning.selectors import rounds as selectors


@login_not_required
def funding(request):
    return render(request, "commissioning/rounds/funding.html", {"page": selectors.funding_page()})


@login_not_required
def funding_round(request, pk: int):
    funding_round = selectors.get_published_round(pk)
    now = timezone.now()
    return render(
        request,
        "commissioning/rounds/funding_round.html",
        {
            "funding_round": funding_round,
            "status": selectors.round_status(funding_round, now),
            "can_apply": can_start_application(request.user, funding_round),
            "is_staff_viewer": can_manage_commissioning(request.user),
            "sign_in_url": f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}",
        },
    )
