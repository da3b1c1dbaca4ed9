"""Assessors' assessments: assigning, declaring on conflicts of interest, and scoring."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from commissioning.api.assessment.common import ApplicationField, VruOnly
from commissioning.models import Assessment, Criterion, CriterionScore, Recommendation
from commissioning.permissions import assessments_visible_to
from commissioning.selectors.assessment import weighted_total
from commissioning.services import assessment as services
from vru.api import ModelSerializer, Serializer, TokenChallengeMixin
from vru.roles import user_display_name


class AssessmentFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="application__round", label="Funding round id")
    submitted = django_filters.BooleanFilter(
        field_name="submitted_at", lookup_expr="isnull", exclude=True, label="Scores submitted"
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label="Only my own assessments")

    class Meta:
        model = Assessment
        fields = ["application", "round", "assessor", "has_conflict", "submitted", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        user = self.request.user
        return queryset.filter(assessor=user) if value else queryset.exclude(assessor=user)


class CriterionScoreSerializer(ModelSerializer):
    criterion_title = serializers.CharField(source="criterion.title", read_only=True)
    weight = serializers.IntegerField(source="criterion.weight", read_only=True)

    class Meta:
        model = CriterionScore
        fields = ["criterion", "criterion_title", "weight", "score", "comment"]


class AssessmentSerializer(ModelSerializer):
    application_reference = serializers.CharField(source="application.reference", read_only=True)
    round = serializers.IntegerField(source="application.round_id", read_only=True)
    assessor_name = serializers.SerializerMethodField()
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices,
        allow_null=True,
        read_only=True,
        help_text="Null until the assessor gives one, and to others until the assessment is submitted.",
    )
    scores = serializers.SerializerMethodField(help_text="Shown to the assessor as they go; to others once submitted.")
    weighted_total = serializers.SerializerMethodField(help_text="Σ score × weight / 5: out of 100, once submitted.")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "application",
            "application_reference",
            "round",
            "assessor",
            "assessor_name",
            "assigned_by",
            "assigned_at",
            "has_conflict",
            "conflict_details",
            "conflict_declared_at",
            "recommendation",
            "comment",
            "submitted_at",
            "scores",
            "weighted_total",
        ]
        read_only_fields = fields

    def _shown(self, assessment) -> bool:
        request = self.context.get("request")
        return assessment.submitted_at is not None or (request and assessment.assessor_id == request.user.pk)

    def get_assessor_name(self, assessment) -> str:
        return user_display_name(assessment.assessor)

    @extend_schema(responses=CriterionScoreSerializer(many=True))
    def get_scores(self, assessment) -> list:
        if not self._shown(assessment):
            return []
        return CriterionScoreSerializer(assessment.scores.all(), many=True).data

    def get_weighted_total(self, assessment) -> str | None:
        if assessment.submitted_at is None:
            return None
        criteria = list(assessment.application.round.criteria.all())
        return str(weighted_total({s.criterion_id: s.score for s in assessment.scores.all()}, criteria))

    def to_representation(self, assessment):
        data = super().to_representation(assessment)
        if not self._shown(assessment):
            data["recommendation"] = None
            data["comment"] = ""
        # The model keeps "" for none given; the API says null, as for every value not there.
        data["recommendation"] = data["recommendation"] or None
        return data


class AssignSerializer(Serializer):
    application = ApplicationField()
    assessor = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), help_text="A user at the VRU: staff, a manager or an admin."
    )


class DeclareSerializer(Serializer):
    has_conflict = serializers.BooleanField()
    conflict_details = serializers.CharField(required=False, allow_blank=True, default="")


class ScoreInputSerializer(Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=5, allow_null=True, required=False, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ScoresSerializer(Serializer):
    scores = ScoreInputSerializer(many=True)
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices, required=False, allow_blank=True, allow_null=True
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(
        default=False, help_text="True finishes the assessment: every criterion, the recommendation and comment needed."
    )


@extend_schema(tags=["Assessment"])
class AssessmentViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Assessors' assessments. Filter by ``application``, ``round``, ``assessor``, ``has_conflict``,
    ``submitted`` and ``mine``.

    POST assigns an assessor to an eligible application (``{"application": 1, "assessor": 2}``);
    DELETE takes off one who has not started.
    """

    serializer_class = AssessmentSerializer
    permission_classes = [VruOnly]
    filterset_class = AssessmentFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        return (
            assessments_visible_to(self.request.user)
            .select_related("assessor", "application__round")
            .prefetch_related(
                Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")),
                Prefetch("application__round__criteria", queryset=Criterion.objects.order_by("order", "pk")),
            )
            .order_by("-assigned_at", "-pk")
        )

    def get_serializer_class(self):
        return {"create": AssignSerializer, "declare": DeclareSerializer, "scores": ScoresSerializer}.get(
            self.action, AssessmentSerializer
        )

    def _result(self, assessment, code=status.HTTP_200_OK):
        assessment = self.get_queryset().get(pk=assessment.pk)
        return Response(AssessmentSerializer(assessment, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=AssignSerializer, responses={201: AssessmentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = serializer.validated_data["application"]
        assessor = serializer.validated_data["assessor"]
        created = services.assessors_assign(application=application, user=request.user, assessors=[assessor])
        if not created:
            raise serializers.ValidationError({"assessor": ["This person is already assigned to the application."]})
        return self._result(created[0], status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.assessor_remove(assessment=instance, user=self.request.user)

    def _own(self):
        assessment = self.get_object()
        if assessment.assessor_id != self.request.user.pk:
            raise PermissionDenied("Only the assigned assessor does this.")
        return assessment

    @extend_schema(request=DeclareSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def declare(self, request, pk=None):
        """The assessor declares whether they have a conflict of interest: once, and final."""
        assessment = self._own()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.conflict_declare(
            assessment=assessment,
            user=request.user,
            has_conflict=serializer.validated_data["has_conflict"],
            details=serializer.validated_data["conflict_details"],
        )
        return self._result(assessment)

    @extend_schema(request=ScoresSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """The assessor saves their scores (all criteria sent are replaced), and with ``submit`` finishes."""
        assessment = self._own()
        if assessment.has_conflict:
            raise PermissionDenied("You declared a conflict of interest, so you cannot score this application.")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = [services.ScoreRow(row["criterion"], row["score"], row["comment"]) for row in data["scores"]]
        try:
            services.assessment_score(
                assessment=assessment,
                user=request.user,
                scores=rows,
                recommendation=data.get("recommendation") or "",
                comment=data["comment"],
                submit=data["submit"],
            )
        except services.ScoreRowsError as error:
            detail = dict(error.field_errors)
            if error.criterion_errors:
                detail["scores"] = {str(pk): fields for pk, fields in error.criterion_errors.items()}
            raise serializers.ValidationError(detail) from None
        return self._result(assessment)
