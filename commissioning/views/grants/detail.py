"""A grant's page: its terms, payment schedule, returns, variations and (for VRU staff) its change history."""

from django.shortcuts import render
from django.utils import timezone

from commissioning.permissions import (
    can_edit_grant,
    can_pay_tranche,
    can_release_tranche,
    can_review_return,
    can_vary_grant,
    get_grant_for_user,
    returns_writable_by,
)
from commissioning.selectors import grants as selectors
from vru.roles import is_vru


def grant_detail(request, pk: int):
    grant = get_grant_for_user(request.user, pk, selectors.grant_detail_queryset())
    user = request.user
    staff = is_vru(user)
    overview = selectors.grant_overview(grant=grant, with_history=staff)
    return render(
        request,
        "commissioning/grants/grant_detail.html",
        {
            "grant": grant,
            "overview": overview,
            "today": timezone.localdate(),
            "is_staff_view": staff,
            "can_edit": can_edit_grant(user),
            "can_vary": can_vary_grant(user),
            "releasable": {t.pk for t in overview.tranches if can_release_tranche(user, t)},
            "payable": {t.pk for t in overview.tranches if can_pay_tranche(user, t)},
            "reviewable": {r.pk for r in overview.returns if can_review_return(user, r)},
            "writable": returns_writable_by(user, overview.returns),
            "history": overview.history,
        },
    )
