"""DRF permission classes that ask ``programmes.permissions``, where the rules live."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from programmes.permissions import can_change_programmes, can_view_programmes, can_view_strategy


class CanViewStrategy(BasePermission):
    """Reference data (the strategy, tags and geography): any signed-in user may read it."""

    message = "You need to sign in to see the VRU's strategy."

    def has_permission(self, request, view):
        return can_view_strategy(request.user)


class CanViewAndChangeProgrammes(BasePermission):
    """Programmes and their parts: reading needs can_view_programmes, changing needs can_change_programmes."""

    message = "Only VRU staff, managers and admins can see and change programmes."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return can_view_programmes(request.user)
        return can_change_programmes(request.user)
