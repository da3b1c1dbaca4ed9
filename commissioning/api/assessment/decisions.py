"""The eligibility check, the panel's recommendation and the manager's decision: POST-only endpoints."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from commissioning.api.assessment.common import (
    ApplicationField,
    ApplicationStatusSerializer,
    ManagersOnly,
    VruOnly,
    application_status,
)
from commissioning.models import Recommendation
from commissioning.models import TrancheCondition as Condition
from commissioning.permissions import is_conflicted
from commissioning.services import assessment as services
from commissioning.services import awards
from programmes.models import Objective, Programme
from programmes.periods import FinancialQuarter
from vru.api import Serializer, TokenChallengeMixin

AWARD, DECLINE = "award", "decline"


class EligibilitySerializer(Serializer):
    application = ApplicationField()
    eligible = serializers.BooleanField()
    notes = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Needed when not eligible: the applicant sees them."
    )


class ModerationSerializer(Serializer):
    application = ApplicationField()
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    notes = serializers.CharField(allow_blank=True)


@extend_schema(tags=["Assessment"], request=EligibilitySerializer, responses={201: ApplicationStatusSerializer})
class EligibilityCheckViewSet(TokenChallengeMixin, viewsets.GenericViewSet):
    """Record the eligibility check of a submitted application (POST only)."""

    serializer_class = EligibilitySerializer
    permission_classes = [VruOnly]

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        application = services.application_check_eligibility(
            application=data["application"], user=request.user, eligible=data["eligible"], notes=data["notes"]
        )
        return Response(application_status(application), status=status.HTTP_201_CREATED)


@extend_schema(tags=["Assessment"], request=ModerationSerializer, responses={201: ApplicationStatusSerializer})
class ModerationViewSet(TokenChallengeMixin, viewsets.GenericViewSet):
    """Record the panel's recommendation on an assessed application (POST only)."""

    serializer_class = ModerationSerializer
    permission_classes = [VruOnly]

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if is_conflicted(request.user, data["application"]):
            raise PermissionDenied(
                "You declared a conflict of interest on this application, so you cannot moderate it."
            )
        application = services.application_moderate(
            application=data["application"],
            user=request.user,
            recommendation=data["recommendation"],
            notes=data["notes"],
        )
        return Response(application_status(application), status=status.HTTP_201_CREATED)


# --- Decisions ---------------------------------------------------------------------------------


class DecisionTrancheSerializer(Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    due_date = serializers.DateField()
    condition = serializers.ChoiceField(choices=Condition.choices)
    quarter = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="For a return-released payment: such as 2026-27 Q1."
    )

    def validate(self, attrs):
        quarter = None
        if attrs["condition"] == Condition.RETURN_ACCEPTED:
            try:
                quarter = FinancialQuarter.parse(attrs["quarter"])
            except ValueError:
                raise serializers.ValidationError(
                    {"quarter": ["Give the quarter of the return, such as 2026-27 Q1."]}
                ) from None
        return awards.TrancheSpec(attrs["amount"], attrs["due_date"], attrs["condition"], quarter)


class ApplicationDecisionSerializer(Serializer):
    application = ApplicationField()
    outcome = serializers.ChoiceField(choices=[(AWARD, "Award"), (DECLINE, "Decline")])
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all(), required=False)
    start_date = serializers.DateField(required=False, help_text="The application's when not given.")
    end_date = serializers.DateField(required=False, help_text="The application's when not given.")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all(), required=False, allow_null=True)
    tranches = DecisionTrancheSerializer(
        many=True,
        required=False,
        help_text="The payment schedule; the default one (awards.default_schedule) if left out.",
    )
    reasons = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Shown to the applicant; needed to decline."
    )

    def validate(self, attrs):
        if attrs["outcome"] == AWARD:
            errors = {}
            if attrs.get("amount") is None:
                errors["amount"] = ["Give the amount to award."]
            if attrs.get("objective") is None:
                errors["objective"] = ["Give the objective the grant counts against."]
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


class DecisionGrantSerializer(Serializer):
    id = serializers.IntegerField()
    identifier = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class ApplicationDecisionResultSerializer(ApplicationStatusSerializer):
    outcome = serializers.CharField()
    grant = DecisionGrantSerializer(allow_null=True)


@extend_schema(
    tags=["Assessment"], request=ApplicationDecisionSerializer, responses={201: ApplicationDecisionResultSerializer}
)
class DecisionViewSet(TokenChallengeMixin, viewsets.GenericViewSet):
    """A manager's decision on a recommended application (POST only): ``outcome`` ``award`` (amount,
    objective, dates, conditions, programme, tranches) or ``decline`` (reasons)."""

    serializer_class = ApplicationDecisionSerializer
    permission_classes = [ManagersOnly]

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        application = data["application"]
        if is_conflicted(request.user, application):
            raise PermissionDenied("You declared a conflict of interest on this application, so you cannot decide it.")
        grant = None
        if data["outcome"] == AWARD:
            grant = awards.application_award(
                application=application,
                user=request.user,
                amount=data["amount"],
                objective=data["objective"],
                start_date=data.get("start_date") or application.start_date,
                end_date=data.get("end_date") or application.end_date,
                conditions=data["conditions"].strip(),
                tranches=data.get("tranches"),
                programme=data.get("programme"),
                reasons=data["reasons"].strip(),
            )
            application = grant.application
        else:
            application = awards.application_decline(
                application=application, user=request.user, reasons=data["reasons"]
            )
        body = {**application_status(application), "outcome": data["outcome"], "grant": None}
        if grant is not None:
            body["grant"] = {"id": grant.pk, "identifier": grant.identifier, "amount": str(grant.amount)}
        return Response(body, status=status.HTTP_201_CREATED)
