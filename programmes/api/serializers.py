"""What the programmes API reads and writes.

Serializers check the shape of the input; the services in ``programmes.services``
check the rules and save. Money and other decimals are strings, dates are ISO
8601, users are ids with a read-only display name beside them.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programmes.models import (
    ContextualLayer,
    Indicator,
    InterventionType,
    Milestone,
    Objective,
    PreventionLevel,
    PriorityArea,
    Programme,
    StrategicAim,
    TargetGroup,
)
from programmes.periods import FinancialQuarter
from vru.api import ModelSerializer, Serializer
from vru.roles import user_display_name, vru_users

VRU_USER_ERRORS = {"does_not_exist": "User {pk_value} is not an active member of VRU staff."}


# --- Strategy and tags (read only) ----------------------------------------------


class StrategicAimSerializer(ModelSerializer):
    class Meta:
        model = StrategicAim
        fields = ["id", "number", "title", "description"]


class ContextualLayerSerializer(ModelSerializer):
    class Meta:
        model = ContextualLayer
        fields = ["id", "number", "name", "description"]


class PriorityAreaSerializer(ModelSerializer):
    class Meta:
        model = PriorityArea
        fields = ["id", "number", "title", "description"]


class ObjectiveSerializer(ModelSerializer):
    contextual_layer_name = serializers.CharField(source="contextual_layer.name", read_only=True)
    key_activities = serializers.ListField(
        child=serializers.CharField(), source="key_activity_list", read_only=True, help_text="One activity an item."
    )
    rationale = serializers.CharField(read_only=True, help_text="Why: paragraphs separated by a blank line.")
    rationale_paragraphs = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Objective
        fields = [
            "id",
            "number",
            "title",
            "summary",
            "contextual_layer",
            "contextual_layer_name",
            "key_activities",
            "rationale",
            "rationale_paragraphs",
            "priority_areas",
        ]


class InterventionTypeSerializer(ModelSerializer):
    impact_band_label = serializers.CharField(source="get_impact_band_display", read_only=True)

    class Meta:
        model = InterventionType
        fields = ["id", "name", "impact_band", "impact_band_label", "description"]


class PreventionLevelSerializer(ModelSerializer):
    class Meta:
        model = PreventionLevel
        fields = ["id", "name", "description", "order"]


class TargetGroupSerializer(ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "name", "order"]


# --- Programmes and their parts -------------------------------------------------


class ProgrammeSerializer(ModelSerializer):
    lead_officer = serializers.PrimaryKeyRelatedField(
        queryset=vru_users(), error_messages=VRU_USER_ERRORS, help_text="The id of a VRU staff member."
    )
    lead_officer_name = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "id",
            "title",
            "description",
            "objectives",
            "priority_areas",
            "lead_officer",
            "lead_officer_name",
            "status",
            "start_date",
            "end_date",
            "budget",
            "boroughs",
            "target_cohort",
            "intervention_types",
            "prevention_levels",
            "target_groups",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"budget": {"help_text": 'In pounds, as a string such as "125000.00".'}}

    def get_lead_officer_name(self, programme) -> str:
        return user_display_name(programme.lead_officer)


class _ProgrammePartSerializer(ModelSerializer):
    """A milestone or an indicator: it is given its programme when created and stays with it."""

    def validate_programme(self, programme):
        if self.instance is not None and programme.pk != self.instance.programme_id:
            raise serializers.ValidationError(
                f"A {self.Meta.model._meta.verbose_name} cannot move to another programme."
            )
        return programme


class MilestoneSerializer(_ProgrammePartSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=vru_users(), error_messages=VRU_USER_ERRORS, help_text="The id of a VRU staff member."
    )
    owner_name = serializers.SerializerMethodField()
    is_late = serializers.BooleanField(read_only=True, help_text="Not done and past its due date.")

    class Meta:
        model = Milestone
        fields = ["id", "programme", "title", "due_date", "owner", "owner_name", "rag", "done_date", "is_late"]
        extra_kwargs = {"done_date": {"help_text": "Empty until the milestone is done; never in the future."}}

    def get_owner_name(self, milestone) -> str:
        return user_display_name(milestone.owner)


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^\d{4}-\d{2} Q[1-4]$",
        "example": "2025-26 Q1",
        "description": "A UK financial quarter.",
    }
)
class FinancialQuarterField(serializers.Field):
    """A UK financial quarter written as its label, such as ``2025-26 Q1`` (April to June 2025)."""

    default_error_messages = {"invalid": "Enter a financial quarter such as 2025-26 Q1."}

    def to_internal_value(self, data) -> FinancialQuarter:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return FinancialQuarter.parse(data)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value: FinancialQuarter) -> str:
        return value.label


class IndicatorValueSerializer(Serializer):
    """An indicator's target and actual for one quarter."""

    period = FinancialQuarterField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)
    actual = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, default=None)


class IndicatorSerializer(_ProgrammePartSerializer):
    values = IndicatorValueSerializer(
        many=True,
        required=False,
        max_length=60,
        help_text="The quarters' targets and actuals. When written, the list replaces the recorded quarters: "
        "a quarter left out, or with neither a target nor an actual, is removed. Leave the list out to keep them.",
    )

    class Meta:
        model = Indicator
        fields = ["id", "programme", "name", "unit", "direction", "baseline", "aggregation", "counts_people", "values"]
