"""Who may see and change the strategy and programmes: the one place these rules live.

The pages, the API and the exports all ask these functions.
"""

from django.http import Http404

from programmes.models import Programme
from vru.roles import is_vru


def can_view_strategy(user) -> bool:
    """Aims, objectives and priority areas are the VRU's public strategy: any signed-in user."""
    return user.is_authenticated and user.is_active


def can_view_programmes(user) -> bool:
    """Programmes, their budgets and milestones are the VRU's own working records."""
    return is_vru(user)


def can_change_programmes(user) -> bool:
    return is_vru(user)


def programmes_visible_to(user):
    return Programme.objects.all() if can_view_programmes(user) else Programme.objects.none()


def get_programme_for_user(user, pk, queryset=None) -> Programme:
    """The programme, or 404 for anyone who may not see it."""
    queryset = queryset if queryset is not None else Programme.objects.all()
    if not can_view_programmes(user):
        raise Http404("No such programme.")
    try:
        return queryset.get(pk=pk)
    except (Programme.DoesNotExist, ValueError, TypeError):
        raise Http404("No such programme.") from None
