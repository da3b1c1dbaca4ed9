"""Grants and their payments (tranches) for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``commissioning.permissions``: VRU staff,
managers and admins read every grant; a partner user reads their own
organisations' grants and gets 404 for any other; PRG members get 403. VRU roles
change a grant's conditions, agreement date and linked programme (PATCH), and
release and pay tranches; only managers and admins vary a grant (``POST
grants/{id}/vary/``). Every change goes through ``commissioning.services.grants``,
so a refused change is a 400 with the errors by field, and nothing is saved.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from commissioning.filters.grants import GrantFilter
from commissioning.models import Grant, GrantVariation, Tranche
from commissioning.permissions import (
    can_edit_grant,
    can_list_grants,
    can_manage_commissioning,
    can_vary_grant,
    grants_visible_to,
)
from commissioning.selectors import grants as selectors
from commissioning.services import grants as services
from programmes.models import Programme
from vru.api import ModelSerializer, SelectorFilterBackend, Serializer, TokenChallengeMixin
from vru.roles import user_display_name

# --- Permissions ---------------------------------------------------------------------------


class GrantAccess(BasePermission):
    """Anyone who may list grants may ask for one (the queryset answers 404 for another's);
    changing one needs ``can_edit_grant``, and varying it ``can_vary_grant``."""

    message = "Only VRU staff change a grant, and only VRU managers vary one."

    def has_permission(self, request, view):
        return can_list_grants(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "vary":
            return can_vary_grant(request.user)
        return can_edit_grant(request.user)


class TrancheAccess(BasePermission):
    message = "Only VRU staff release payments and mark them paid."

    def has_permission(self, request, view):
        return can_list_grants(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or can_manage_commissioning(request.user)


# --- Serializers ---------------------------------------------------------------------------


def _name(user) -> str | None:
    return user_display_name(user) if user is not None else None


class TrancheSerializer(ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    condition_label = serializers.CharField(source="get_condition_display", read_only=True)
    condition_quarter = serializers.SerializerMethodField(help_text="The quarter of the return that releases it.")
    released_by_name = serializers.SerializerMethodField()
    paid_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Tranche
        fields = [
            "id",
            "grant",
            "number",
            "amount",
            "due_date",
            "condition",
            "condition_label",
            "condition_return",
            "condition_quarter",
            "status",
            "status_label",
            "released_at",
            "released_by_name",
            "paid_on",
            "paid_by_name",
        ]
        read_only_fields = fields

    def get_condition_quarter(self, tranche) -> str | None:
        return tranche.condition_return.period.label if tranche.condition_return_id else None

    def get_released_by_name(self, tranche) -> str | None:
        return _name(tranche.released_by)

    def get_paid_by_name(self, tranche) -> str | None:
        return _name(tranche.paid_by)


class GrantVariationSerializer(ModelSerializer):
    made_by_name = serializers.SerializerMethodField()

    class Meta:
        model = GrantVariation
        fields = [
            "id",
            "reason",
            "old_amount",
            "new_amount",
            "old_start_date",
            "new_start_date",
            "old_end_date",
            "new_end_date",
            "made_at",
            "made_by_name",
        ]
        read_only_fields = fields

    def get_made_by_name(self, variation) -> str:
        return user_display_name(variation.made_by)


class GrantSerializer(ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    fund_name = serializers.CharField(source="fund.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    paid = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="The total of the paid tranches."
    )
    boroughs = serializers.SerializerMethodField(help_text="The ids of the boroughs the application serves.")
    tranches = TrancheSerializer(many=True, read_only=True)
    variations = GrantVariationSerializer(many=True, read_only=True)
    returns = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Its monitoring returns' ids.")

    class Meta:
        model = Grant
        fields = [
            "id",
            "identifier",
            "title",
            "description",
            "application",
            "organisation",
            "organisation_name",
            "fund",
            "fund_name",
            "objective",
            "programme",
            "amount",
            "paid",
            "start_date",
            "end_date",
            "conditions",
            "agreement_signed_on",
            "status",
            "status_label",
            "awarded_at",
            "boroughs",
            "tranches",
            "variations",
            "returns",
        ]
        read_only_fields = fields

    def get_boroughs(self, grant) -> list[int]:
        return [borough.pk for borough in grant.application.boroughs.all()]


class GrantUpdateSerializer(Serializer):
    """What VRU staff change on a grant; a field left out stays as it is."""

    conditions = serializers.CharField(required=False, allow_blank=True)
    agreement_signed_on = serializers.DateField(
        required=False, allow_null=True, help_text="Recording it releases the payments due on signature."
    )
    programme = serializers.PrimaryKeyRelatedField(
        queryset=Programme.objects.all(), required=False, allow_null=True, help_text="The linked programme's id."
    )


class GrantVarySerializer(Serializer):
    reason = serializers.CharField(help_text="Why the grant is varied; kept with its record.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)


class TrancheReleaseSerializer(Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=services.CHANGE_REASON_LENGTH)


class TranchePaySerializer(Serializer):
    paid_on = serializers.DateField(help_text="The date the payment was made: not in the future.")


# --- Viewsets ---------------------------------------------------------------------------------


@extend_schema(tags=["Grants"])
class GrantViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Grants with their payment schedule, variations and returns' ids.

    Filter as the grant list does: ``q``, ``fund``, ``objective``, ``organisation``,
    ``borough`` and ``status``. PATCH (VRU roles) changes ``conditions``,
    ``agreement_signed_on`` (not in the future) and ``programme``.
    """

    serializer_class = GrantSerializer
    permission_classes = [GrantAccess]
    filter_backends = [SelectorFilterBackend]
    filterset_class = GrantFilter
    http_method_names = ["get", "patch", "post", "head", "options"]

    def build_filterset(self, params, queryset):
        return selectors.grant_filterset(
            filters=params, queryset=queryset, visible=grants_visible_to(self.request.user)
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Grant.objects.none()
        # The filter backend's selector adds what a row shows (``for_listing``), for one grant as for the list.
        return (
            grants_visible_to(self.request.user)
            .prefetch_related(
                Prefetch(
                    "tranches",
                    queryset=Tranche.objects.select_related("condition_return", "released_by", "paid_by"),
                ),
                Prefetch("variations", queryset=GrantVariation.objects.select_related("made_by")),
                "returns",
            )
            .order_by("-awarded_at", "pk")
        )

    def _refreshed(self, grant):
        return self.filter_queryset(self.get_queryset()).get(pk=grant.pk)

    @extend_schema(request=GrantUpdateSerializer, responses=GrantSerializer)
    def partial_update(self, request, *args, **kwargs):
        grant = self.get_object()
        serializer = GrantUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = {
            name: serializer.validated_data.get(name, getattr(grant, name))
            for name in ("conditions", "agreement_signed_on", "programme")
        }
        grant = services.grant_update(grant=grant, user=request.user, **fields)
        return Response(GrantSerializer(self._refreshed(grant), context=self.get_serializer_context()).data)

    @extend_schema(request=GrantVarySerializer, responses=GrantSerializer)
    @action(detail=True, methods=["post"])
    def vary(self, request, pk=None):
        """Vary the amount and/or dates (VRU managers and admins), with a reason."""
        grant = self.get_object()
        serializer = GrantVarySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.grant_vary(grant=grant, user=request.user, **serializer.validated_data)
        return Response(
            GrantSerializer(self._refreshed(grant), context=self.get_serializer_context()).data,
            status=status.HTTP_200_OK,
        )


@extend_schema(tags=["Grants"])
class TrancheViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """The payments of the grants you may see. Filter by ``grant`` id and ``status``.

    VRU roles ``release`` a payment whose condition is a VRU confirmation (with an
    optional ``note``), and mark a released payment paid (``pay`` with ``paid_on``).
    """

    serializer_class = TrancheSerializer
    permission_classes = [TrancheAccess]
    filterset_fields = ["grant", "status", "condition"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Tranche.objects.none()
        grants = grants_visible_to(self.request.user)
        return (
            Tranche.objects.filter(grant__in=grants.values("pk"))
            .select_related("condition_return", "released_by", "paid_by")
            .order_by("grant", "number")
        )

    def _answer(self, tranche):
        return Response(TrancheSerializer(self.get_queryset().get(pk=tranche.pk)).data)

    @extend_schema(request=TrancheReleaseSerializer, responses=TrancheSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        tranche = self.get_object()
        serializer = TrancheReleaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.tranche_release(tranche=tranche, user=request.user, note=serializer.validated_data.get("note", ""))
        return self._answer(tranche)

    @extend_schema(request=TranchePaySerializer, responses=TrancheSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        tranche = self.get_object()
        serializer = TranchePaySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.tranche_pay(tranche=tranche, user=request.user, paid_on=serializer.validated_data["paid_on"])
        return self._answer(tranche)


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("grants", GrantViewSet, basename="grant")
    router.register("tranches", TrancheViewSet, basename="tranche")
