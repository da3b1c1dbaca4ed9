"""Performance reports and the requests that build them, for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``programmes.permissions``: VRU staff and PRG members read published
reports (PRG members with small counts of people suppressed, as on the page); only VRU staff see and make
build requests. A request is ``POST {"period": "2025-Q1"}`` (or ``2025-04``, ``2025-26``): it goes through
the same service as the page's "Build a report now", and is answered at once if the report exists.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from programmes.models import PerformanceReport, ReportRequest
from programmes.permissions import can_request_reports, can_view_reports, sees_exact_counts
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request
from programmes.reporting.snapshot import suppressed
from programmes.views.reports.queries import INDEX_FIELDS
from vru.api import ModelSerializer, Serializer, TokenChallengeMixin
from vru.roles import user_display_name


class CanViewReports(BasePermission):
    message = "Only VRU staff and PRG members can read performance reports."

    def has_permission(self, request, view):
        return can_view_reports(request.user)


class CanRequestReports(BasePermission):
    message = "Only VRU staff can ask for a report to be built."

    def has_permission(self, request, view):
        return can_request_reports(request.user)


# --- Serializers ---------------------------------------------------------------------------------


class PerformanceReportSerializer(ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField(help_text="The report's page.")

    class Meta:
        model = PerformanceReport
        fields = ["id", "kind", "kind_label", "slug", "label", "period_start", "period_end", "built_at", "url"]
        read_only_fields = fields

    def get_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(report.get_absolute_url())


class PerformanceReportDetailSerializer(PerformanceReportSerializer):
    data = serializers.SerializerMethodField(
        help_text="The snapshot (see programmes/reporting/snapshot.py). For anyone but VRU staff, counts of "
        'people from 1 to 7 are "*" and others are rounded to the nearest 5; money is never rounded.'
    )

    class Meta(PerformanceReportSerializer.Meta):
        fields = [*PerformanceReportSerializer.Meta.fields, "data"]
        read_only_fields = fields

    def get_data(self, report) -> dict:
        user = self.context["request"].user
        return report.data if sees_exact_counts(user) else suppressed(report.data)


class ReportRequestSerializer(ModelSerializer):
    period = serializers.SerializerMethodField(help_text="Such as 2025-Q1.")
    period_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    requested_by_name = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField(help_text="The report's page, once it is built.")

    class Meta:
        model = ReportRequest
        fields = [
            "id",
            "kind",
            "period",
            "period_label",
            "source",
            "status",
            "status_label",
            "progress",
            "stage",
            "error",
            "report",
            "report_url",
            "requested_by_name",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def _period(self, request_row) -> ReportPeriod:
        return ReportPeriod.of(request_row.kind, request_row.period_start)

    def get_period(self, request_row) -> str:
        return self._period(request_row).slug

    def get_period_label(self, request_row) -> str:
        return self._period(request_row).label

    def get_requested_by_name(self, request_row) -> str | None:
        return user_display_name(request_row.requested_by) if request_row.requested_by else None

    def get_report_url(self, request_row) -> str | None:
        if request_row.report_id is None:
            return None
        return self.context["request"].build_absolute_uri(request_row.report.get_absolute_url())


class ReportRequestCreateSerializer(Serializer):
    period = serializers.CharField(help_text="A month (2025-04), a financial quarter (2025-Q1) or a year (2025-26).")

    def validate_period(self, value) -> ReportPeriod:
        try:
            return ReportPeriod.parse(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None


# --- Viewsets ----------------------------------------------------------------------------------------


@extend_schema(tags=["Performance reports"])
class PerformanceReportViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """Published performance reports, newest period first; filter by ``kind`` (month, quarter or year).

    The list leaves out the figures; a report's own address gives them in ``data``.
    """

    permission_classes = [CanViewReports]
    filterset_fields = ["kind"]

    def get_queryset(self):
        reports = PerformanceReport.objects.order_by("-period_start", "kind")
        return reports.only(*INDEX_FIELDS) if self.action == "list" else reports

    def get_serializer_class(self):
        return PerformanceReportSerializer if self.action == "list" else PerformanceReportDetailSerializer


@extend_schema(tags=["Performance reports"])
class ReportRequestViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests to build a report, newest first, with their progress; VRU staff only.

    ``POST {"period": "2025-Q1"}`` asks for one: the period must have ended. Asking for a period whose
    report exists is answered at once with it; asking while one is building returns that request.
    """

    permission_classes = [CanRequestReports]
    serializer_class = ReportRequestSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        return ReportRequest.objects.select_related("requested_by", "report").order_by("-created_at", "-pk")

    @extend_schema(request=ReportRequestCreateSerializer, responses={201: ReportRequestSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ReportRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = report_request(
            serializer.validated_data["period"],
            source=ReportRequest.Source.STAFF,
            user=request.user,
            today=timezone.localdate(),
        )
        answer = ReportRequestSerializer(self.get_queryset().get(pk=made.pk), context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    """Add the reports' viewsets to the API router (called by vru/api_urls.py)."""
    router.register("reports", PerformanceReportViewSet, basename="report")
    router.register("report-requests", ReportRequestViewSet, basename="report-request")
