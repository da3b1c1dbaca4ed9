"""Applications for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``commissioning.permissions``: VRU staff,
managers and admins read every application; a partner user reads their own
organisations' and gets 404 for any other. Partners start a draft (``POST``),
change it (``PATCH``; the sections' lists ``budget_lines``, ``reach`` and
``answers`` are replaced as a whole when sent), submit it and withdraw it, through
``commissioning.services.applications``, so the pages' rules apply. VRU staff never
write an application: they get 403.

Once an application has been submitted, a change is refused with **400**
``{"non_field_errors": ["This application has been submitted and can no longer be changed."]}``
and nothing changes.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from commissioning.filters.applications import ApplicationFilter
from commissioning.models import (
    AgeBand,
    Answer,
    Application,
    ApplicationSection,
    BudgetCategory,
    BudgetLine,
    FundingRound,
    ReachEstimate,
)
from commissioning.permissions import (
    applications_visible_to,
    can_apply_to_rounds,
    can_list_applications,
    can_see_decision,
)
from commissioning.selectors import applications as selectors
from commissioning.services import applications as services
from partners.models import Borough, Organisation, Ward
from partners.permissions import is_member
from programmes.models import Objective
from vru.api import ModelSerializer, SelectorFilterBackend, Serializer, TokenChallengeMixin

WRITES = {"create", "partial_update", "submit", "withdraw"}

# --- Permissions -------------------------------------------------------------------------------------------


class ApplicationAccess(permissions.BasePermission):
    """Reading: VRU roles and partner users (their own organisations' only, by the queryset).
    Writing: partner users, on their own organisations' applications."""

    message = "Only the applying organisation's people change an application."

    def has_permission(self, request, view):
        if view.action in WRITES:
            return can_apply_to_rounds(request.user)
        return can_list_applications(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return is_member(request.user, obj.organisation)


# --- Serializers ------------------------------------------------------------------------------------------


class ApplicationBudgetLineSerializer(ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="Give a saved line's id to change it rather than add one.")
    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Pounds, more than 0.")

    class Meta:
        model = BudgetLine
        fields = ["id", "category", "description", "amount"]
        extra_kwargs = {"description": {"allow_blank": True}}


class ApplicationReachSerializer(ModelSerializer):
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    count = serializers.IntegerField(min_value=0, help_text="How many young people: a count, never names.")

    class Meta:
        model = ReachEstimate
        fields = ["age_band", "count"]


class ApplicationAnswerSerializer(ModelSerializer):
    question = serializers.IntegerField(source="question_id", help_text="The id of one of the round's questions.")
    question_text = serializers.CharField(source="question.text", read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "question_text", "text"]
        extra_kwargs = {"text": {"allow_blank": True}}


class ApplicationSerializer(ModelSerializer):
    """An application with every section; ``decision_reasons`` once the applicant may see them."""

    round_title = serializers.CharField(source="round.title", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_editable = serializers.BooleanField(read_only=True, help_text="A draft: its organisation may change it.")
    sections_completed = serializers.ListField(
        child=serializers.ChoiceField(choices=ApplicationSection.choices),
        required=False,
        help_text=(
            "The sections marked complete. Send the whole list to mark sections complete (each is checked as the "
            "page's “Save and mark as complete” checks it); without it, a section you change is no longer complete."
        ),
    )
    boroughs = serializers.PrimaryKeyRelatedField(queryset=Borough.objects.all(), many=True, required=False)
    wards = serializers.PrimaryKeyRelatedField(queryset=Ward.objects.all(), many=True, required=False)
    objectives = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all(), many=True, required=False)
    budget_lines = ApplicationBudgetLineSerializer(many=True, required=False)
    reach = ApplicationReachSerializer(many=True, required=False)
    answers = ApplicationAnswerSerializer(many=True, required=False)
    amount_requested = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, help_text="The sum of the budget lines."
    )
    # Plain text here: the service tidies and checks them, and says what is wrong in the pages' words.
    contact_name = serializers.CharField(required=False, allow_blank=True)
    contact_role = serializers.CharField(required=False, allow_blank=True)
    contact_email = serializers.CharField(required=False, allow_blank=True, help_text="Such as name@example.org.")
    contact_phone = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    postcode = serializers.CharField(required=False, allow_blank=True)
    charity_number = serializers.CharField(required=False, allow_blank=True)
    company_number = serializers.CharField(required=False, allow_blank=True)
    project_title = serializers.CharField(required=False, allow_blank=True)
    project_summary = serializers.CharField(required=False, allow_blank=True, help_text="No more than 500 characters.")
    project_description = serializers.CharField(required=False, allow_blank=True)
    decision_reasons = serializers.SerializerMethodField(
        help_text="Why the application was awarded, declined or found not eligible; empty until then."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "round",
            "round_title",
            "organisation",
            "organisation_name",
            "status",
            "status_label",
            "is_editable",
            "sections_completed",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "address",
            "postcode",
            "charity_number",
            "company_number",
            "project_title",
            "project_summary",
            "project_description",
            "start_date",
            "end_date",
            "boroughs",
            "wards",
            "objectives",
            "budget_lines",
            "reach",
            "answers",
            "amount_requested",
            "created_at",
            "updated_at",
            "submitted_at",
            "withdrawn_at",
            "decided_at",
            "decision_reasons",
        ]
        read_only_fields = [
            "reference",
            "round",
            "organisation",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
            "withdrawn_at",
            "decided_at",
        ]

    def get_decision_reasons(self, application) -> str:
        request = self.context.get("request")
        if request is None or not can_see_decision(request.user, application):
            return ""
        return application.decision_reasons

    def validate_reach(self, rows):
        bands = [row["age_band"] for row in rows]
        if len(bands) != len(set(bands)):
            raise serializers.ValidationError("Give each age band once.")
        return rows

    def validate_answers(self, rows):
        questions = [row["question_id"] for row in rows]
        if len(questions) != len(set(questions)):
            raise serializers.ValidationError("Answer each question once.")
        return rows

    def validate_budget_lines(self, rows):
        ids = [row["id"] for row in rows if row.get("id") is not None]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Give each saved line's id once.")
        return rows


class ApplicationStartSerializer(Serializer):
    round = serializers.PrimaryKeyRelatedField(
        queryset=FundingRound.objects.published(), help_text="The id of a published, open funding round."
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), help_text="The id of an organisation you act for."
    )

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and can_apply_to_rounds(request.user):
            # Another organisation is "does not exist", as its pages are 404.
            fields["organisation"].queryset = Organisation.objects.for_user(request.user)
        return fields


def _changes(validated: dict) -> tuple[dict, list | None]:
    """The serializer's data as ``application_update`` takes it, and the sections to mark complete."""
    changes = dict(validated)
    sections = changes.pop("sections_completed", None)
    if "budget_lines" in changes:
        changes["budget_lines"] = [
            services.BudgetRow(row["category"], row["description"], row["amount"], row.get("id"))
            for row in changes["budget_lines"]
        ]
    if "reach" in changes:
        changes["reach"] = {row["age_band"]: row["count"] for row in changes["reach"]}
    if "answers" in changes:
        changes["answers"] = {row["question_id"]: row["text"] for row in changes["answers"]}
    return changes, sections


def _nested_errors(error: services.ApplicationChangesError) -> dict:
    """The service's errors where a client looks for them: a line's under its place in ``budget_lines``, an age
    band's under ``reach``, a question's under ``answers`` by the question's id."""
    detail: dict = {}
    nested: dict[str, dict] = {"reach": {}, "answers": {}}
    for name, messages in error.field_errors.items():
        if name.startswith("question_"):
            nested["answers"][name.removeprefix("question_")] = messages
        elif name in AgeBand.values:
            nested["reach"][name] = messages
        else:
            detail[name] = messages
    if error.budget_row_errors:
        nested["budget_lines"] = {str(index): fields for index, fields in error.budget_row_errors.items()}
    for name, errors in nested.items():
        if errors:
            if name in detail:
                errors["non_field_errors"] = detail[name]
            detail[name] = errors
    return detail


# --- Viewset ----------------------------------------------------------------------------------------------


@extend_schema(tags=["Applications"])
class ApplicationViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications to funding rounds, with every section of the task list.

    VRU staff see every application; a partner user sees their own organisations'.
    The list filters as a round's pipeline does: ``round``, ``status``, ``borough``,
    ``objective``, ``organisation_type``, ``q`` (reference or title), ``amount_min``
    and ``amount_max``. Partners start a draft with ``round`` and ``organisation``,
    change it with ``PATCH`` while it is a draft, then ``submit`` it before the round
    closes; they may ``withdraw`` it until a decision is made. Applications cannot be
    deleted.
    """

    serializer_class = ApplicationSerializer
    permission_classes = [ApplicationAccess]
    filter_backends = [SelectorFilterBackend]
    filterset_class = ApplicationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def build_filterset(self, params, queryset):
        return selectors.application_filterset(filters=params, queryset=queryset)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return applications_visible_to(self.request.user)

    def filter_queryset(self, queryset):
        # The selector builds the rows afresh (``for_listing``); the sections' lists are added to what it gives.
        return (
            super()
            .filter_queryset(queryset)
            .prefetch_related(
                Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "pk")),
                Prefetch("reach", queryset=ReachEstimate.objects.order_by("age_band")),
                Prefetch("answers", queryset=Answer.objects.select_related("question")),
            )
        )

    def _fresh(self, application) -> Application:
        return self.filter_queryset(self.get_queryset()).get(pk=application.pk)

    @extend_schema(request=ApplicationStartSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        """Start a draft for one of your organisations, pre-filled from its record."""
        start = ApplicationStartSerializer(data=request.data, context=self.get_serializer_context())
        start.is_valid(raise_exception=True)
        try:
            application = services.application_start(user=request.user, **start.validated_data)
        except services.ApplicationExists as error:
            raise serializers.ValidationError({"organisation": error.messages}) from None
        serializer = self.get_serializer(self._fresh(application))
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        changes, sections = _changes(serializer.validated_data)
        try:
            application = services.application_update(
                application=serializer.instance, user=self.request.user, changes=changes, sections_completed=sections
            )
        except services.ApplicationChangesError as error:
            raise serializers.ValidationError(_nested_errors(error)) from None
        serializer.instance = self._fresh(application)

    @extend_schema(request=None, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the application to the VRU: refused, with every reason, until each section is complete, and at or
        after the round's closing time."""
        application = services.application_submit(application=self.get_object(), user=request.user)
        return Response(self.get_serializer(self._fresh(application)).data)

    @extend_schema(request=None, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw the application; refused once a decision has been made."""
        application = services.application_withdraw(application=self.get_object(), user=request.user)
        return Response(self.get_serializer(self._fresh(application)).data)


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("applications", ApplicationViewSet, basename="application")
