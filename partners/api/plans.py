"""Borough plans and their actions for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``partners.permissions``: VRU staff, managers
and admins read every plan; a partner user reads their own partnership's plans
and gets 404 for any other. Plans are read only here (they are started,
submitted and assessed on the pages). A plan's actions are created, changed and
deleted by its partnership while the plan is a draft or has been returned, through
``partners.services.plans``.

Once a plan has been submitted, a write to its actions is refused with **400**
``{"non_field_errors": ["This plan has been submitted and can no longer be changed."]}``
and nothing changes; VRU staff, who never write a borough's plan, get 403.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from partners.filters.plans import BoroughPlanFilter, PlanActionFilter
from partners.models import BoroughPlan, GovernanceAnswer, PlanAction, PlanSection, PlanTheme
from partners.permissions import is_member, is_partner, plans_visible_to
from partners.services import plans as services
from vru.api import ModelSerializer, TokenChallengeMixin
from vru.roles import is_vru

# --- Permissions ---------------------------------------------------------------------------


class PlanAccess(permissions.BasePermission):
    """Reading: VRU roles and partner users (their own plans only, by the queryset).
    Changing actions: the plan's own partnership; never VRU staff."""

    message = "Only the borough's Community Safety Partnership changes its plan."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return is_vru(request.user) or is_partner(request.user)
        return is_partner(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return is_member(request.user, obj.plan.organisation)


# --- Serializers ---------------------------------------------------------------------------


class SectionSerializer(ModelSerializer):
    theme_number = serializers.IntegerField(source="theme.number", read_only=True)
    theme_title = serializers.CharField(source="theme.title", read_only=True)

    class Meta:
        model = PlanSection
        fields = ["theme", "theme_number", "theme_title", "completed"]


class GovernanceAnswerSerializer(ModelSerializer):
    standard_title = serializers.CharField(source="standard.title", read_only=True)

    class Meta:
        model = GovernanceAnswer
        fields = ["standard", "standard_title", "met", "evidence"]


class BoroughPlanSerializer(ModelSerializer):
    borough_name = serializers.CharField(source="borough.name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    year_label = serializers.CharField(read_only=True, help_text="The financial year, such as 2025-26.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_editable = serializers.BooleanField(read_only=True, help_text="A draft, or returned for changes.")
    sections = SectionSerializer(many=True, read_only=True)
    governance_answers = GovernanceAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = BoroughPlan
        fields = [
            "id",
            "reference",
            "borough",
            "borough_name",
            "organisation",
            "organisation_name",
            "financial_year",
            "year_label",
            "status",
            "status_label",
            "is_editable",
            "copied_from",
            "submitted_at",
            "decided_at",
            "sections",
            "governance_answers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlanActionSerializer(ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(
        queryset=BoroughPlan.objects.none(), help_text="The id of a plan of your partnership."
    )
    theme = serializers.PrimaryKeyRelatedField(queryset=PlanTheme.objects.all(), help_text="The id of a theme.")
    theme_title = serializers.CharField(source="theme.title", read_only=True)

    class Meta:
        model = PlanAction
        fields = [
            "id",
            "plan",
            "theme",
            "theme_title",
            "order",
            "action",
            "outcome",
            "lead",
            "lead_organisations",
            "start_date",
            "end_date",
            "rag",
        ]
        read_only_fields = ["order"]
        extra_kwargs = {"end_date": {"help_text": "The same as or after the start date."}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            # Another partnership's plan is "does not exist", as its pages are 404.
            fields["plan"].queryset = plans_visible_to(request.user)
        return fields

    def validate_plan(self, plan):
        if self.instance is not None and plan.pk != self.instance.plan_id:
            raise serializers.ValidationError("An action cannot move to another plan.")
        return plan


# --- Viewsets -------------------------------------------------------------------------------


@extend_schema(tags=["Borough plans"])
class BoroughPlanViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """Borough violence reduction plans with their sections and governance answers.

    VRU staff see every plan; a partner user sees their own partnership's. Filter by
    ``financial_year`` (2025 for 2025-26), ``borough`` id and ``status``.
    """

    serializer_class = BoroughPlanSerializer
    permission_classes = [PlanAccess]
    filterset_class = BoroughPlanFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BoroughPlan.objects.none()
        return (
            plans_visible_to(self.request.user)
            .select_related("borough", "organisation")
            .prefetch_related(
                Prefetch("sections", queryset=PlanSection.objects.select_related("theme")),
                Prefetch("governance_answers", queryset=GovernanceAnswer.objects.select_related("standard")),
            )
        )


@extend_schema(tags=["Borough plans"])
class PlanActionViewSet(TokenChallengeMixin, viewsets.ModelViewSet):
    """The actions of borough plans. Filter by ``plan`` id, ``theme`` id and ``rag``.

    The plan's partnership creates, changes and deletes them while the plan is a
    draft or has been returned. Once it is submitted, a change is a 400 ("This plan
    has been submitted and can no longer be changed.") and nothing changes. An end
    date before the start date is a 400 on ``end_date``.
    """

    serializer_class = PlanActionSerializer
    permission_classes = [PlanAccess]
    filterset_class = PlanActionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanAction.objects.none()
        plans = plans_visible_to(self.request.user)
        return PlanAction.objects.filter(plan__in=plans.values("pk")).select_related("theme", "plan__organisation")

    def perform_create(self, serializer):
        fields = dict(serializer.validated_data)
        plan = fields.pop("plan")
        if not is_member(self.request.user, plan.organisation):
            raise PermissionDenied(PlanAccess.message)
        serializer.instance = services.plan_action_create(plan=plan, user=self.request.user, **fields)

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        fields.pop("plan", None)
        serializer.instance = services.plan_action_update(
            plan_action=serializer.instance, user=self.request.user, **fields
        )

    def perform_destroy(self, instance):
        services.plan_action_delete(plan_action=instance, user=self.request.user)


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("plans", BoroughPlanViewSet, basename="plan")
    router.register("plan-actions", PlanActionViewSet, basename="plan-action")
