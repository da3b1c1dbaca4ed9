"""The Partnership Reference Group's API: members, meetings, recommendations with decisions, actions, groups.

VRU staff, managers, admins and PRG members read; only VRU roles change
anything (PRG members and partners get 403 on every write). Every change goes
through ``partners.services.prg``, so the rules and the change history are the
same as on the pages. Papers' files are uploaded on the meeting's page only: the
API lists each paper's metadata with the address that downloads it, under the
same permission as the page. Nothing is deleted through the API.
"""

from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission

from partners.filters.prg import PrgActionFilter, PrgMemberFilter, RecommendationFilter
from partners.models import (
    Attendance,
    DecisionOutcome,
    Meeting,
    Organisation,
    Paper,
    PrgAction,
    PrgMember,
    Recommendation,
    TaskAndFinishGroup,
)
from partners.permissions import can_change_prg, can_view_prg
from partners.selectors import prg as selectors
from partners.services import prg as services
from vru.api import ModelSerializer, SelectorFilterBackend, Serializer, TokenChallengeMixin
from vru.api_fields import DateTimeField
from vru.roles import user_display_name


class CanViewAndChangePrg(BasePermission):
    """Reading needs ``can_view_prg``; changing needs ``can_change_prg``."""

    message = "Only VRU staff can change the Partnership Reference Group's records; its members can read them."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return can_view_prg(request.user)
        return can_change_prg(request.user)


# --- Serializers ------------------------------------------------------------------


class PrgMemberSerializer(ModelSerializer):
    account = serializers.PrimaryKeyRelatedField(
        source="user",
        queryset=selectors.prg_accounts(),
        allow_null=True,
        required=False,
        help_text="The id of the member's own account (a user with the PRG member role), if they sign in.",
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    organisation_name = serializers.SerializerMethodField()
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = PrgMember
        fields = [
            "id",
            "name",
            "account",
            "organisation",
            "organisation_name",
            "job_title",
            "role",
            "role_label",
            "term_start",
            "term_end",
        ]

    def get_organisation_name(self, member) -> str | None:
        return member.organisation.name if member.organisation_id else None


class AgendaItemSerializer(Serializer):
    id = serializers.IntegerField(
        required=False, allow_null=True, help_text="Give the id of an item already on the agenda to keep it."
    )
    order = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Its number; empty follows the item before."
    )
    title = serializers.CharField(max_length=200)
    presenter = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PaperSerializer(ModelSerializer):
    """A paper's metadata; the file itself comes from ``download_url``, for VRU staff and PRG members."""

    uploaded_by_name = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "title",
            "agenda_item",
            "content_type",
            "size",
            "uploaded_by_name",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_uploaded_by_name(self, paper) -> str:
        return user_display_name(paper.uploaded_by)

    def get_download_url(self, paper) -> str:
        url = reverse("partners:paper-download", args=[paper.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AttendanceSerializer(Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=PrgMember.objects.all())
    member_name = serializers.CharField(source="member.name", read_only=True)
    status = serializers.ChoiceField(
        choices=Attendance.Status.choices, allow_null=True, help_text="Empty removes what is recorded."
    )


class MeetingSerializer(ModelSerializer):
    agenda_items = AgendaItemSerializer(
        many=True,
        required=False,
        help_text="When written, replaces the agenda in this order; an item left out is removed.",
    )
    papers = PaperSerializer(many=True, read_only=True)
    attendance = AttendanceSerializer(
        many=True,
        required=False,
        help_text="When written, records each member's attendance; members left out keep what is recorded.",
    )

    class Meta:
        model = Meeting
        fields = ["id", "title", "starts_at", "place", "minutes", "agenda_items", "papers", "attendance"]
        extra_kwargs = {"starts_at": {"help_text": "ISO 8601 with its offset; shown in London time."}}


class DecisionSerializer(Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    minute = serializers.CharField(help_text="The minute that records the decision.")
    recorded_by_name = serializers.SerializerMethodField()
    recorded_at = DateTimeField(read_only=True)

    def get_recorded_by_name(self, decision) -> str:
        return user_display_name(decision.recorded_by)


class RecommendationSerializer(ModelSerializer):
    meeting = serializers.IntegerField(source="paper.meeting_id", read_only=True)
    order = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="Its place in the paper's list; empty puts it last."
    )
    decision = DecisionSerializer(
        required=False,
        allow_null=True,
        help_text="The decision taken on it. Write it to record or correct the decision once the meeting has "
        "taken place; a decision is never removed.",
    )

    class Meta:
        model = Recommendation
        fields = ["id", "paper", "meeting", "order", "kind", "text", "decision"]

    def validate_paper(self, paper):
        if self.instance is not None and paper.pk != self.instance.paper_id:
            raise serializers.ValidationError("A recommendation cannot move to another paper.")
        return paper


class PrgActionSerializer(ModelSerializer):
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = PrgAction
        fields = ["id", "action", "owner", "meeting", "meeting_title", "due_date", "status", "notes", "is_overdue"]

    def get_is_overdue(self, action) -> bool:
        """Open or in progress, and past its due date."""
        return getattr(action, "overdue_flag", action.is_overdue)


class TaskAndFinishGroupSerializer(ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(queryset=PrgMember.objects.all(), many=True, required=False)
    is_closed = serializers.BooleanField(read_only=True, help_text="Past its end date.")

    class Meta:
        model = TaskAndFinishGroup
        fields = ["id", "name", "remit", "members", "start_date", "end_date", "is_closed"]


# --- Viewsets -----------------------------------------------------------------------


class PrgViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [CanViewAndChangePrg]


@extend_schema(tags=["Partnership Reference Group"])
class PrgMemberViewSet(PrgViewSet):
    """The group's members, past and present. Filter by ``role``, ``organisation`` and ``current``."""

    queryset = selectors.member_queryset()
    serializer_class = PrgMemberSerializer
    filterset_class = PrgMemberFilter

    def _fields(self, serializer) -> dict:
        fields = dict(serializer.validated_data)
        if "user" in fields:
            fields["account"] = fields.pop("user")
        return fields

    def perform_create(self, serializer):
        serializer.instance = services.prg_member_save(user=self.request.user, **self._fields(serializer))

    def perform_update(self, serializer):
        serializer.instance = services.prg_member_save(
            user=self.request.user, member=serializer.instance, **self._fields(serializer)
        )


@extend_schema(tags=["Partnership Reference Group"])
class MeetingViewSet(PrgViewSet):
    """Meetings with their agenda, papers (metadata and download address) and attendance, newest first.

    Papers are uploaded on the meeting's page, not through the API.
    """

    queryset = selectors.meetings_with_parts()
    serializer_class = MeetingSerializer

    def _save(self, serializer, meeting):
        fields = dict(serializer.validated_data)
        agenda = fields.pop("agenda_items", None)
        attendance = fields.pop("attendance", None)
        serializer.instance = services.meeting_save(
            user=self.request.user,
            meeting=meeting,
            agenda=None if agenda is None else [services.AgendaRow(**row) for row in agenda],
            attendance=None if attendance is None else {row["member"].pk: row["status"] for row in attendance},
            **fields,
        )

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


@extend_schema(tags=["Partnership Reference Group"])
class RecommendationViewSet(PrgViewSet):
    """Papers' recommendations, each with the decision taken on it.

    Filter by ``paper``, ``meeting``, ``kind`` and ``decided``. Writing ``decision``
    records or corrects the decision, in the same transaction as the recommendation.
    """

    queryset = selectors.recommendation_queryset()
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter

    @transaction.atomic
    def _save(self, serializer, recommendation):
        fields = dict(serializer.validated_data)
        decision = fields.pop("decision", None)
        paper = fields.pop("paper", None) or recommendation.paper
        saved = services.recommendation_save(
            user=self.request.user, paper=paper, recommendation=recommendation, **fields
        )
        if decision is not None:
            services.decision_record(user=self.request.user, recommendation=saved, **decision)
        serializer.instance = self.get_queryset().get(pk=saved.pk)

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


@extend_schema(tags=["Partnership Reference Group"])
class PrgActionViewSet(PrgViewSet):
    """The action log, overdue actions first. Filter by ``owner``, ``status``, ``meeting`` and ``overdue=true``."""

    serializer_class = PrgActionSerializer
    filter_backends = [SelectorFilterBackend]
    filterset_class = PrgActionFilter

    def build_filterset(self, params, queryset):
        return selectors.action_filterset(filters=params, queryset=queryset)

    def get_queryset(self):
        return selectors.actions_queryset()

    def perform_create(self, serializer):
        serializer.instance = services.prg_action_save(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.prg_action_save(
            user=self.request.user, prg_action=serializer.instance, **serializer.validated_data
        )


@extend_schema(tags=["Partnership Reference Group"])
class TaskAndFinishGroupViewSet(PrgViewSet):
    """Time-limited task-and-finish groups with their members' ids."""

    queryset = selectors.task_group_queryset()
    serializer_class = TaskAndFinishGroupSerializer
    filterset_fields = ["members"]

    def _save(self, serializer, group):
        fields = dict(serializer.validated_data)
        members = fields.pop("members", None)
        serializer.instance = services.task_group_save(user=self.request.user, group=group, members=members, **fields)

    def perform_create(self, serializer):
        self._save(serializer, None)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


def register(router) -> None:
    """Add the PRG's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("prg-members", PrgMemberViewSet, basename="prg-member")
    router.register("prg-meetings", MeetingViewSet, basename="prg-meeting")
    router.register("prg-recommendations", RecommendationViewSet, basename="prg-recommendation")
    router.register("prg-actions", PrgActionViewSet, basename="prg-action")
    router.register("prg-groups", TaskAndFinishGroupViewSet, basename="prg-group")
