"""The London view of every borough's plan, and the peer-to-peer sessions: for VRU staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from partners.filters.plans import plan_years
from partners.forms.plans import PeerSessionForm, YearForm
from partners.models import PlanStatus
from partners.permissions import can_view_london_plans
from partners.selectors import plans as plan_selectors
from partners.services import plans as services
from partners.views.plans.access import vru_required
from programmes.periods import financial_year_of
from programmes.views.access import error_links_of
from vru.forms import apply_model_errors


def london_plans(request):
    if not can_view_london_plans(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    current = financial_year_of(today)
    form = YearForm(request.GET if "year" in request.GET else None, years=plan_years())
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else current
    form.initial = {"year": year}
    return render(
        request,
        "partners/plans/london.html",
        {
            "view": plan_selectors.london_view(year=year, today=today),
            "form": form,
            "error_links": error_links_of(form),
            "statuses": PlanStatus,
        },
    )


@vru_required
def peer_sessions(request):
    form = PeerSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.peer_session_create(user=request.user, **form.service_fields())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, f"Peer session “{session.title}” recorded.")
            return redirect("partners:peer-sessions")
    return render(
        request,
        "partners/plans/peer_sessions.html",
        {"sessions": plan_selectors.peer_session_list(), "form": form, "error_links": error_links_of(form)},
    )
