"""A partner user's home page: their organisations and, from the plans panel, what is due from them."""

from django.shortcuts import render

from partners.selectors import organisations as selectors
from partners.views.organisations.access import partner_required


@partner_required
def home(request):
    return render(
        request,
        "partners/organisations/home.html",
        {"memberships": selectors.memberships_of(user=request.user)},
    )
