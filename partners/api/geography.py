"""London's geography for the API: boroughs, their wards and the Metropolitan Police's Basic Command Units.

Reference data, read only, for any signed-in user. Registered in ``vru.api_urls``.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets

from partners.models import BasicCommandUnit, Borough, Ward
from partners.permissions import can_view_geography
from vru.api import ModelSerializer, TokenChallengeMixin


class CanViewGeography(permissions.BasePermission):
    message = "You need to sign in to see London's boroughs, wards and Basic Command Units."

    def has_permission(self, request, view):
        return can_view_geography(request.user)


class BoroughSerializer(ModelSerializer):
    bcu_name = serializers.CharField(source="bcu.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Borough
        fields = ["id", "name", "ons_code", "lae_code", "bcu", "bcu_name"]
        extra_kwargs = {
            "bcu": {"help_text": "Null for the City of London, which has its own police force."},
            "lae_code": {"help_text": "The council's local-authority-eng code: its organisation id is GB-LAE-<code>."},
        }


class WardSerializer(ModelSerializer):
    borough_name = serializers.CharField(source="borough.name", read_only=True)

    class Meta:
        model = Ward
        fields = ["id", "name", "ons_code", "borough", "borough_name"]


class BasicCommandUnitSerializer(ModelSerializer):
    class Meta:
        model = BasicCommandUnit
        fields = ["id", "code", "name", "boroughs"]
        extra_kwargs = {"boroughs": {"read_only": True, "help_text": "The ids of the boroughs the unit covers."}}


@extend_schema(tags=["Geography"])
class BoroughViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """London's 32 boroughs and the City of London, each with its Basic Command Unit. Filter by ``bcu`` id."""

    queryset = Borough.objects.select_related("bcu")
    serializer_class = BoroughSerializer
    permission_classes = [CanViewGeography]
    filterset_fields = ["bcu"]


@extend_schema(tags=["Geography"])
class BasicCommandUnitViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """The Metropolitan Police's Basic Command Units, each with the ids of its boroughs."""

    queryset = BasicCommandUnit.objects.prefetch_related("boroughs")
    serializer_class = BasicCommandUnitSerializer
    permission_classes = [CanViewGeography]


@extend_schema(tags=["Geography"])
class WardViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """London's electoral wards, each with its ONS code and borough. Filter by ``borough`` id."""

    queryset = Ward.objects.select_related("borough").order_by("borough__name", "name")
    serializer_class = WardSerializer
    permission_classes = [CanViewGeography]
    filterset_fields = ["borough"]
