"""The API of funds and funding rounds.

``funds``: VRU staff, managers and admins read and write; everyone else gets 403
(401 without credentials). Each fund carries its ledger row (awarded, paid,
available) and its allocations to objectives, replaced as a whole when sent.

``funding-rounds``: VRU roles read every round and write them, with their
criteria and questions nested (each list replaced as a whole when sent; the
criteria's weights must add up to 100). Anyone else, signed in or not, reads
only published rounds, as on the public /funding/ pages: an unpublished round is
a 404 to them, and writing is 403 (401 without credentials).

Every change goes through ``commissioning.services.rounds``, so the rules are
the pages' rules, and a refusal is a 400 with the errors by field.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission

from commissioning.filters.rounds import FundingRoundFilter, RoundStatus
from commissioning.models import Criterion, Fund, FundingRound, RoundQuestion
from commissioning.permissions import can_manage_commissioning, rounds_visible_to
from commissioning.selectors import rounds as selectors
from commissioning.selectors.ledger import fund_ledger
from commissioning.services import rounds as services
from programmes.models import Objective
from vru.api import ModelSerializer, SelectorFilterBackend, Serializer, TokenChallengeMixin, validation_error_detail


class CanManageCommissioning(BasePermission):
    message = "Only VRU staff, managers and admins can see and change funds."

    def has_permission(self, request, view):
        return can_manage_commissioning(request.user)


class ReadPublishedWriteStaff(BasePermission):
    """Anyone reads (the queryset keeps to published rounds for all but VRU roles); VRU roles write."""

    message = "Only VRU staff, managers and admins can change funding rounds."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated) and can_manage_commissioning(request.user)


def _nested_errors(name: str, error: DjangoValidationError) -> serializers.ValidationError:
    """A nested service's refusal under the name of the list it is about."""
    detail = validation_error_detail(error)
    messages = [message for messages in detail.values() for message in messages]
    return serializers.ValidationError({name: messages})


# --- Funds ------------------------------------------------------------------------------------


class AllocationSerializer(Serializer):
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all(), help_text="The objective's id.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class FundSerializer(ModelSerializer):
    financial_year_label = serializers.CharField(source="year_label", read_only=True)
    allocations = AllocationSerializer(
        many=True,
        required=False,
        help_text="What the fund sets aside for each objective. When sent, replaces them all; "
        "together they may not pass the total.",
    )
    awarded = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    paid = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    available = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="The total less what has been awarded."
    )

    class Meta:
        model = Fund
        fields = [
            "id",
            "name",
            "source",
            "financial_year",
            "financial_year_label",
            "total",
            "description",
            "allocations",
            "awarded",
            "paid",
            "available",
        ]
        extra_kwargs = {"financial_year": {"help_text": "The year the financial year starts: 2026 for 2026-27."}}

    def validate_allocations(self, rows):
        numbers = [row["objective"].number for row in rows]
        repeated = sorted({number for number in numbers if numbers.count(number) > 1})
        if repeated:
            raise serializers.ValidationError(f"Objective {repeated[0]} is given more than once.")
        return rows


@extend_schema(tags=["Commissioning: funds and rounds"])
class FundViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Funds with their ledger (total, awarded, paid, available) and allocations to objectives."""

    serializer_class = FundSerializer
    permission_classes = [CanManageCommissioning]
    filterset_fields = ["financial_year"]

    def get_queryset(self):
        return fund_ledger().prefetch_related("allocations__objective").order_by("-financial_year", "name")

    @transaction.atomic
    def _save(self, serializer, fund):
        fields = dict(serializer.validated_data)
        allocations = fields.pop("allocations", None)
        if fund is None:
            fund = services.fund_create(user=self.request.user, **fields)
        else:
            fund = services.fund_update(fund=fund, user=self.request.user, **fields)
        if allocations is not None:
            try:
                services.fund_allocations_set(
                    fund=fund,
                    user=self.request.user,
                    allocations=[(row["objective"], row["amount"]) for row in allocations],
                )
            except DjangoValidationError as error:
                raise _nested_errors("allocations", error) from None
        serializer.instance = self.get_queryset().get(pk=fund.pk)

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


# --- Funding rounds ----------------------------------------------------------------------------


class CriterionSerializer(ModelSerializer):
    id = serializers.IntegerField(
        required=False, allow_null=True, help_text="Give the id of one of the round's criteria to keep it."
    )

    class Meta:
        model = Criterion
        fields = ["id", "title", "description", "weight"]
        extra_kwargs = {"weight": {"min_value": 1, "max_value": services.TOTAL_WEIGHT}}


class QuestionSerializer(ModelSerializer):
    id = serializers.IntegerField(
        required=False, allow_null=True, help_text="Give the id of one of the round's questions to keep it."
    )

    class Meta:
        model = RoundQuestion
        fields = ["id", "text", "hint", "word_limit", "required"]
        extra_kwargs = {"word_limit": {"min_value": 1, "max_value": 5000}}


class FundingRoundSerializer(ModelSerializer):
    fund_name = serializers.CharField(source="fund.name", read_only=True)
    status = serializers.ChoiceField(
        choices=RoundStatus.choices, read_only=True, help_text="Where the round stands now."
    )
    public_url = serializers.SerializerMethodField()
    criteria = CriterionSerializer(
        many=True,
        required=False,
        help_text="Weighted criteria. When sent, replaces them all; the weights must add up to 100. "
        "Refused once applications have been submitted.",
    )
    questions = QuestionSerializer(
        many=True,
        required=False,
        help_text="The round's own questions. When sent, replaces them all. Refused once applications have been "
        "submitted.",
    )

    class Meta:
        model = FundingRound
        fields = [
            "id",
            "fund",
            "fund_name",
            "title",
            "summary",
            "objectives",
            "priority_areas",
            "geography_level",
            "budget_envelope",
            "minimum_request",
            "maximum_request",
            "opens_at",
            "closes_at",
            "guidance",
            "is_published",
            "status",
            "public_url",
            "criteria",
            "questions",
        ]
        extra_kwargs = {
            "opens_at": {"help_text": "ISO 8601 with its offset; shown in London time."},
            "closes_at": {"help_text": "ISO 8601 with its offset; applications are refused from this moment."},
            "objectives": {
                "required": False,
                "allow_empty": True,
                "help_text": "The objectives' ids. A published round needs at least one.",
            },
            "priority_areas": {"required": False},
        }

    def get_public_url(self, funding_round) -> str | None:
        if not funding_round.is_published:
            return None
        url = funding_round.get_public_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def to_representation(self, funding_round):
        data = super().to_representation(funding_round)
        data["status"] = getattr(funding_round, "round_status", None) or selectors.round_status(funding_round)
        return data


@extend_schema(tags=["Commissioning: funds and rounds"])
class FundingRoundViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Funding rounds with their criteria and questions, latest closing first.

    Filter by ``status`` (unpublished, upcoming, open, closed: judged now), ``fund`` and ``geography_level``.
    """

    serializer_class = FundingRoundSerializer
    permission_classes = [ReadPublishedWriteStaff]
    filter_backends = [SelectorFilterBackend]
    filterset_class = FundingRoundFilter

    def get_queryset(self):
        visible = rounds_visible_to(self.request.user)
        return (
            selectors.with_status(visible.select_related("fund"))
            .prefetch_related(*selectors.round_parts())
            .order_by("-closes_at", "title")
        )

    def build_filterset(self, params, queryset):
        return selectors.round_filterset(filters=params, queryset=queryset, at=timezone.now())

    @transaction.atomic
    def _save(self, serializer, funding_round):
        user = self.request.user
        fields = dict(serializer.validated_data)
        criteria = fields.pop("criteria", None)
        questions = fields.pop("questions", None)
        # Publishing needs the criteria sent with it, so it comes last, once they are saved.
        publish = fields.pop("is_published", None)
        if funding_round is None:
            funding_round = services.round_create(user=user, **fields)
        elif fields:
            funding_round = services.round_update(funding_round=funding_round, user=user, **fields)
        if criteria is not None:
            rows = [services.CriterionRow(**row) for row in criteria]
            try:
                services.round_criteria_set(funding_round=funding_round, user=user, criteria=rows)
            except DjangoValidationError as error:
                raise _nested_errors("criteria", error) from None
        if questions is not None:
            rows = [services.QuestionRow(**row) for row in questions]
            try:
                services.round_questions_set(funding_round=funding_round, user=user, questions=rows)
            except DjangoValidationError as error:
                raise _nested_errors("questions", error) from None
        if publish is not None:
            services.round_set_published(funding_round=funding_round, user=user, published=publish)
        serializer.instance = self.get_queryset().get(pk=funding_round.pk)

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


def register(router) -> None:
    """Add the funds and rounds viewsets to the API router (called by vru/api_urls.py)."""
    router.register("funds", FundViewSet, basename="fund")
    router.register("funding-rounds", FundingRoundViewSet, basename="funding-round")
