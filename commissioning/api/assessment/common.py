"""What the assessment endpoints share: who may call them, and how an application is named and answered."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers

from commissioning.models import ApplicationStatus
from commissioning.permissions import applications_visible_to, can_decide, can_manage_commissioning
from vru.api import Serializer


class VruOnly(permissions.BasePermission):
    message = "Only VRU staff, managers and admins work on assessments."

    def has_permission(self, request, view):
        return can_manage_commissioning(request.user)


class ManagersOnly(permissions.BasePermission):
    message = "Only a VRU manager or an admin awards or declines an application."

    def has_permission(self, request, view):
        return can_decide(request.user)


@extend_schema_field(OpenApiTypes.INT)
class ApplicationField(serializers.PrimaryKeyRelatedField):
    """An application the user may see; another organisation's is "does not exist", as its pages are 404."""

    def get_queryset(self):
        request = self.context.get("request")
        return applications_visible_to(request.user if request else None)


class ApplicationStatusSerializer(Serializer):
    """Where the application stands after the change."""

    application = serializers.IntegerField()
    reference = serializers.CharField()
    # Plain text, not an enum: a second component with the applications' status choices would make the
    # schema's enum names collide (drf-spectacular W001, which fails ``check --deploy``).
    status = serializers.CharField(help_text=f"One of: {', '.join(ApplicationStatus.values)}.")


def application_status(application) -> dict:
    return {"application": application.pk, "reference": application.reference, "status": application.status}
