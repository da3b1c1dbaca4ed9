"""Monitoring returns for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``commissioning.permissions``: VRU staff,
managers and admins read every return; a partner user reads their own
organisations' returns and gets 404 for any other; PRG members get 403.

The grantee changes a return (PATCH) while it is not submitted or has been
returned for revision: ``progress``, ``risks``, and the nested lists ``spend``
(``[{"budget_line": id, "amount": "1250.00"}]``), ``reach`` (``[{"borough": id,
"age_band": "15_17", "count": 12}]``) and ``indicator_actuals`` (``[{"indicator": id,
"actual": "40"}]``). A list sent replaces that kind of figure as a whole (a row with a
``null`` value, or left out, is removed); a list not sent is left as it is. Then
``POST …/submit/``. VRU roles ``accept`` a submitted return (optional ``note``) or
``return`` it with a ``note``. A change to a submitted or accepted return is a 400
and nothing changes; accepted returns are locked for good.
"""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from commissioning.filters.returns import ReturnApiFilter
from commissioning.models import AgeBand, MonitoringReturn, ReturnIndicatorActual, ReturnReach, ReturnSpend
from commissioning.permissions import can_list_returns, can_manage_commissioning, returns_visible_to
from commissioning.selectors import returns as selectors
from commissioning.services import returns as services
from partners.permissions import is_member
from vru.api import ModelSerializer, SelectorFilterBackend, Serializer, TokenChallengeMixin
from vru.roles import user_display_name

REVIEW_ACTIONS = ("accept", "send_back")


class ReturnAccess(BasePermission):
    """Reading: VRU roles and partner users (their own returns, by the queryset). Writing and submitting:
    the grantee's own people. Accepting and returning: VRU roles."""

    message = "Only the grantee's people write a return, and only VRU staff review it."

    def has_permission(self, request, view):
        return can_list_returns(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) in REVIEW_ACTIONS:
            return can_manage_commissioning(request.user)
        return is_member(request.user, obj.grant.organisation)


# --- Serializers ---------------------------------------------------------------------------------


class SpendSerializer(ModelSerializer):
    budget_line_description = serializers.CharField(source="budget_line.description", read_only=True)

    class Meta:
        model = ReturnSpend
        fields = ["budget_line", "budget_line_description", "amount"]


class ReachSerializer(ModelSerializer):
    borough_name = serializers.CharField(source="borough.name", read_only=True)

    class Meta:
        model = ReturnReach
        fields = ["borough", "borough_name", "age_band", "count"]


class ActualSerializer(ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = ReturnIndicatorActual
        fields = ["indicator", "indicator_name", "actual"]


class MonitoringReturnSerializer(ModelSerializer):
    grant_identifier = serializers.CharField(source="grant.identifier", read_only=True)
    grant_title = serializers.CharField(source="grant.title", read_only=True)
    organisation = serializers.IntegerField(source="grant.organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="grant.organisation.name", read_only=True)
    period = serializers.CharField(source="period.label", read_only=True, help_text="Such as 2026-27 Q1.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_editable = serializers.BooleanField(read_only=True, help_text="Not submitted, or returned for revision.")
    is_overdue = serializers.SerializerMethodField()
    submitted_by_name = serializers.SerializerMethodField()
    reviewed_by_name = serializers.SerializerMethodField()
    spend = SpendSerializer(many=True, read_only=True)
    reach = ReachSerializer(many=True, read_only=True)
    indicator_actuals = ActualSerializer(many=True, read_only=True)

    class Meta:
        model = MonitoringReturn
        fields = [
            "id",
            "grant",
            "grant_identifier",
            "grant_title",
            "organisation",
            "organisation_name",
            "financial_year",
            "quarter",
            "period",
            "due_on",
            "status",
            "status_label",
            "is_editable",
            "is_overdue",
            "progress",
            "risks",
            "submitted_at",
            "submitted_by_name",
            "reviewed_at",
            "reviewed_by_name",
            "review_note",
            "spend",
            "reach",
            "indicator_actuals",
        ]
        read_only_fields = fields

    def get_is_overdue(self, monitoring_return) -> bool:
        return monitoring_return.is_overdue(self.context["today"])

    def get_submitted_by_name(self, monitoring_return) -> str | None:
        user = monitoring_return.submitted_by
        return user_display_name(user) if user else None

    def get_reviewed_by_name(self, monitoring_return) -> str | None:
        user = monitoring_return.reviewed_by
        return user_display_name(user) if user else None


class SpendRowSerializer(Serializer):
    budget_line = serializers.IntegerField(help_text="The id of one of the application's budget lines.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"), allow_null=True)


class ReachRowSerializer(Serializer):
    borough = serializers.IntegerField(help_text="The id of one of the boroughs the application serves.")
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    count = serializers.IntegerField(min_value=0, allow_null=True, help_text="Young people reached: a count only.")


class ActualRowSerializer(Serializer):
    indicator = serializers.IntegerField(help_text="The id of an indicator of the grant's linked programme.")
    actual = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class MonitoringReturnWriteSerializer(Serializer):
    progress = serializers.CharField(required=False, allow_blank=True)
    risks = serializers.CharField(required=False, allow_blank=True)
    spend = SpendRowSerializer(many=True, required=False)
    reach = ReachRowSerializer(many=True, required=False)
    indicator_actuals = ActualRowSerializer(many=True, required=False)

    def service_fields(self) -> dict:
        data = self.validated_data
        fields = {name: data[name] for name in ("progress", "risks") if name in data}
        if "spend" in data:
            fields["spend"] = [services.SpendRow(row["budget_line"], row["amount"]) for row in data["spend"]]
        if "reach" in data:
            fields["reach"] = [
                services.ReachRow(row["borough"], row["age_band"], row["count"]) for row in data["reach"]
            ]
        if "indicator_actuals" in data:
            fields["actuals"] = [
                services.ActualRow(row["indicator"], row["actual"]) for row in data["indicator_actuals"]
            ]
        return fields


class ReviewNoteSerializer(Serializer):
    note = serializers.CharField(required=False, allow_blank=True)


class SendBackSerializer(Serializer):
    note = serializers.CharField(help_text="What the grantee must change.")


# --- Viewset ---------------------------------------------------------------------------------------


@extend_schema(tags=["Monitoring returns"])
class MonitoringReturnViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Quarterly monitoring returns with their figures.

    Filter by ``status`` (``draft``, ``submitted``, ``returned``, ``accepted`` or
    ``overdue``), ``quarter`` (such as ``2026-27 Q1``), ``fund``, ``organisation`` and
    ``grant`` ids.
    """

    serializer_class = MonitoringReturnSerializer
    permission_classes = [ReturnAccess]
    filter_backends = [SelectorFilterBackend]
    filterset_class = ReturnApiFilter
    http_method_names = ["get", "patch", "post", "head", "options"]

    def build_filterset(self, params, queryset):
        return selectors.return_filterset(filters=params, queryset=queryset, filterset_class=ReturnApiFilter)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MonitoringReturn.objects.none()
        return (
            returns_visible_to(self.request.user)
            .select_related("grant__organisation", "submitted_by", "reviewed_by")
            .prefetch_related(
                Prefetch("spend", queryset=ReturnSpend.objects.select_related("budget_line")),
                Prefetch("reach", queryset=ReturnReach.objects.select_related("borough")),
                Prefetch("indicator_actuals", queryset=ReturnIndicatorActual.objects.select_related("indicator")),
            )
            .order_by("due_on", "grant", "pk")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def _answer(self, monitoring_return):
        return Response(
            MonitoringReturnSerializer(
                self.get_queryset().get(pk=monitoring_return.pk), context=self.get_serializer_context()
            ).data
        )

    @extend_schema(request=MonitoringReturnWriteSerializer, responses=MonitoringReturnSerializer)
    def partial_update(self, request, *args, **kwargs):
        monitoring_return = self.get_object()
        serializer = MonitoringReturnWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.return_save(monitoring_return=monitoring_return, user=request.user, **serializer.service_fields())
        return self._answer(monitoring_return)

    @extend_schema(request=None, responses=MonitoringReturnSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit the return as saved: it needs its progress narrative, and its quarter to be over."""
        monitoring_return = self.get_object()
        services.return_submit(monitoring_return=monitoring_return, user=request.user)
        return self._answer(monitoring_return)

    @extend_schema(request=ReviewNoteSerializer, responses=MonitoringReturnSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a submitted return: locked for good; payments waiting on it released; actuals rolled up."""
        monitoring_return = self.get_object()
        serializer = ReviewNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.return_accept(
            monitoring_return=monitoring_return, user=request.user, note=serializer.validated_data.get("note", "")
        )
        return self._answer(monitoring_return)

    @extend_schema(request=SendBackSerializer, responses=MonitoringReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, pk=None):
        """Return a submitted return to the grantee for revision, with a note saying what to change."""
        monitoring_return = self.get_object()
        serializer = SendBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.return_send_back(
            monitoring_return=monitoring_return, user=request.user, note=serializer.validated_data["note"]
        )
        return self._answer(monitoring_return)


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("monitoring-returns", MonitoringReturnViewSet, basename="monitoring-return")
