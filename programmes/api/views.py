"""The programmes API's viewsets.

Reference data is read only, for any signed-in user. Programmes, milestones and
indicators are for the VRU's own staff; every change goes through
``programmes.services`` with the signed-in user recorded in the history. Every
resource is addressed by its numeric ``id``, objectives included (their strategy
``number`` is a field).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets

from programmes import selectors, services
from programmes.api import serializers
from programmes.api.permissions import CanViewAndChangeProgrammes, CanViewStrategy
from programmes.filters import ProgrammeFilter
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
from programmes.services import PeriodValue
from vru.api import SelectorFilterBackend, TokenChallengeMixin

# --- Reference data ---------------------------------------------------------------


@extend_schema(tags=["Strategy and tags"])
class ReferenceViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only reference data that any signed-in user may see."""

    permission_classes = [CanViewStrategy]


class StrategicAimViewSet(ReferenceViewSet):
    """The VRU strategy's aims."""

    queryset = StrategicAim.objects.all()
    serializer_class = serializers.StrategicAimSerializer


class ObjectiveViewSet(ReferenceViewSet):
    """The strategy's objectives, addressed by id; ``number`` is the objective's number in the strategy.

    Each carries its contextual layer, its key activities as a list, its rationale
    and the ids of its priority areas.
    """

    queryset = Objective.objects.select_related("contextual_layer").prefetch_related("priority_areas")
    serializer_class = serializers.ObjectiveSerializer
    filterset_fields = ["contextual_layer", "priority_areas"]


class ContextualLayerViewSet(ReferenceViewSet):
    """The layers of the contextual safeguarding approach, from the child outwards."""

    queryset = ContextualLayer.objects.all()
    serializer_class = serializers.ContextualLayerSerializer


class PriorityAreaViewSet(ReferenceViewSet):
    """The strategy's priority areas."""

    queryset = PriorityArea.objects.all()
    serializer_class = serializers.PriorityAreaSerializer


class InterventionTypeViewSet(ReferenceViewSet):
    """Youth Endowment Fund Toolkit approaches with the toolkit's impact band."""

    queryset = InterventionType.objects.all()
    serializer_class = serializers.InterventionTypeSerializer
    filterset_fields = ["impact_band"]


class PreventionLevelViewSet(ReferenceViewSet):
    """Prevention levels: primary, secondary, tertiary."""

    queryset = PreventionLevel.objects.all()
    serializer_class = serializers.PreventionLevelSerializer


class TargetGroupViewSet(ReferenceViewSet):
    """The groups a programme can work with."""

    queryset = TargetGroup.objects.all()
    serializer_class = serializers.TargetGroupSerializer


# --- Programmes and their parts -----------------------------------------------------


@extend_schema(tags=["Programmes"])
class ProgrammeViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Programmes, for VRU staff, managers and admins.

    The list filters as the programme list page does. Programmes cannot be deleted
    through the API.
    """

    # The selector adds the lead officer and objectives (``for_listing``); these are the other tags shown.
    queryset = Programme.objects.prefetch_related(
        "priority_areas", "boroughs", "intervention_types", "prevention_levels", "target_groups"
    )
    serializer_class = serializers.ProgrammeSerializer
    permission_classes = [CanViewAndChangeProgrammes]
    filter_backends = [SelectorFilterBackend]
    filterset_class = ProgrammeFilter

    def build_filterset(self, params, queryset):
        return selectors.programme_filterset(filters=params, queryset=queryset)

    def perform_create(self, serializer):
        serializer.instance = services.programme_create(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.programme_update(
            programme=serializer.instance, user=self.request.user, **serializer.validated_data
        )


@extend_schema(tags=["Programmes"])
class ProgrammePartViewSet(TokenChallengeMixin, viewsets.ModelViewSet):
    permission_classes = [CanViewAndChangeProgrammes]


class MilestoneViewSet(ProgrammePartViewSet):
    """Programmes' milestones, for VRU staff, managers and admins. Filter by ``programme`` id."""

    queryset = Milestone.objects.select_related("owner")
    serializer_class = serializers.MilestoneSerializer
    filterset_fields = ["programme", "rag"]

    def perform_create(self, serializer):
        serializer.instance = services.milestone_save(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        milestone = serializer.instance
        programme = fields.pop("programme", None) or milestone.programme
        serializer.instance = services.milestone_save(
            programme=programme, milestone=milestone, user=self.request.user, **fields
        )

    def perform_destroy(self, instance):
        services.milestone_delete(milestone=instance, user=self.request.user)


class IndicatorViewSet(ProgrammePartViewSet):
    """Programmes' indicators with their quarterly targets and actuals. Filter by ``programme`` id.

    Writing ``values`` replaces the indicator's recorded quarters. A malformed row,
    or a quarter outside the programme or entered twice, is a 400 keyed by the
    row's index in the request: ``{"values": {"1": {"period": ["..."]}}}``.
    """

    queryset = Indicator.objects.select_related("programme").prefetch_related("values")
    serializer_class = serializers.IndicatorSerializer
    filterset_fields = ["programme"]

    def perform_create(self, serializer):
        fields = dict(serializer.validated_data)
        self._save(serializer, programme=fields.pop("programme"), indicator=None, fields=fields)

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        indicator = serializer.instance
        programme = fields.pop("programme", None) or indicator.programme
        self._save(serializer, programme=programme, indicator=indicator, fields=fields)

    def perform_destroy(self, instance):
        services.indicator_delete(indicator=instance, user=self.request.user)

    def _save(self, serializer, *, programme, indicator, fields):
        rows = fields.pop("values", None)
        values = None if rows is None else [PeriodValue(**row) for row in rows]
        # A service's IndicatorValuesError numbers rows as given; vru.api turns it into a 400.
        serializer.instance = services.indicator_save(
            programme=programme, indicator=indicator, user=self.request.user, values=values, **fields
        )
