"""Population indicators, their figures and their imports, for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``programmes.permissions``: VRU staff, managers and admins read
everything (``can_view_population``) and define indicators and import figures
(``can_import_population``); PRG members and partner users get 403, a request without credentials 401.

- ``population-indicators``: list, read, create and change (PUT/PATCH); never deleted here. The
  frequency of an indicator with figures cannot change (400).
- ``population-figures``: read only, exact values. Filter by ``indicator`` (its code), ``borough``
  (its ONS code), ``period_start_after`` / ``period_start_before`` (ISO dates) and ``is_demo``.
- ``population-imports``: POST a CSV file as multipart ``file`` (the page's format: see
  docs/sample-population-indicators.csv); 201 with the import, which then runs in the background.
  GET it to follow ``status``, ``percent`` and ``stage``; a failed import lists every bad row in
  ``errors`` (``{"row": 5, "column": "borough_code", "message": "…"}``) and imported nothing. A file
  that cannot be read (not CSV, empty, too big, not UTF-8) is a 400 on ``file``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Max, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from programmes.models import PopulationFigure, PopulationImport, PopulationIndicator
from programmes.permissions import can_import_population, can_view_population
from programmes.population import selectors
from programmes.population.filters import PopulationFigureFilter
from programmes.population.importing import population_import_create, population_imports_fail_stale
from programmes.population.indicators import INDICATOR_FIELDS, population_indicator_save
from programmes.population.parsing import Period, check_upload_size, read_csv_bytes
from vru.api import ModelSerializer, Serializer, TokenChallengeMixin
from vru.roles import user_display_name


class PopulationAccess(BasePermission):
    """Reading: can_view_population. Defining indicators and importing figures: can_import_population."""

    message = "Only VRU staff, managers and admins can see and import population figures."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return can_view_population(request.user)
        return can_import_population(request.user)


# --- Serializers ---------------------------------------------------------------------------------


class PopulationIndicatorSerializer(ModelSerializer):
    frequency_label = serializers.CharField(source="get_frequency_display", read_only=True)
    figure_count = serializers.IntegerField(read_only=True)
    demo_figure_count = serializers.IntegerField(read_only=True, help_text="How many of its figures are invented.")
    latest_period_start = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = PopulationIndicator
        fields = [
            "id",
            *INDICATOR_FIELDS,
            "frequency_label",
            "figure_count",
            "demo_figure_count",
            "latest_period_start",
        ]


class PopulationFigureSerializer(ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    borough_code = serializers.CharField(source="borough.ons_code", read_only=True)
    borough_name = serializers.CharField(source="borough.name", read_only=True)
    period = serializers.SerializerMethodField(help_text="As import files write it: 2025-04, or 2025-26 Q1.")

    class Meta:
        model = PopulationFigure
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "borough",
            "borough_code",
            "borough_name",
            "period",
            "period_start",
            "period_end",
            "value",
            "is_demo",
            "source_import",
            "updated_at",
        ]
        read_only_fields = fields

    def get_period(self, figure) -> str:
        return Period.of(figure.indicator.frequency, figure.period_start).label


class PopulationImportSummarySerializer(ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(source="percent_done", read_only=True, help_text="0 to 100.")
    finished = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField(help_text="Where the import has got to, in words.")
    uploaded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = PopulationImport
        fields = [
            "id",
            "file_name",
            "is_demo",
            "status",
            "status_label",
            "percent",
            "finished",
            "stage",
            "total_rows",
            "processed_rows",
            "created_count",
            "updated_count",
            "unchanged_count",
            "uploaded_by",
            "uploaded_by_name",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_finished(self, upload) -> bool:
        return selectors.import_progress(upload)["finished"]

    def get_stage(self, upload) -> str:
        return selectors.import_stage(upload)

    def get_uploaded_by_name(self, upload) -> str | None:
        return user_display_name(upload.uploaded_by) if upload.uploaded_by else None


class ImportErrorSerializer(Serializer):
    row = serializers.IntegerField(allow_null=True, help_text="The file's row, the header being row 1.")
    column = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class PopulationImportSerializer(PopulationImportSummarySerializer):
    errors = ImportErrorSerializer(many=True, read_only=True, help_text="Every problem found; empty unless failed.")

    class Meta(PopulationImportSummarySerializer.Meta):
        fields = [*PopulationImportSummarySerializer.Meta.fields, "errors"]
        read_only_fields = fields


class PopulationUploadSerializer(Serializer):
    file = serializers.FileField(help_text="A CSV file with the columns indicator,borough_code,period,value.")

    def validate_file(self, uploaded):
        try:
            check_upload_size(uploaded.size)
            self.content = read_csv_bytes(uploaded.read(), file_name=uploaded.name)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return uploaded


# --- Viewsets ------------------------------------------------------------------------------------


@extend_schema(tags=["Population indicators"])
class PopulationIndicatorViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Population indicators: borough-level public figures per month or financial quarter."""

    serializer_class = PopulationIndicatorSerializer
    permission_classes = [PopulationAccess]
    filterset_fields = ["frequency", "counts_people"]

    def get_queryset(self):
        return PopulationIndicator.objects.annotate(
            figure_count=Count("figures"),
            demo_figure_count=Count("figures", filter=Q(figures__is_demo=True)),
            latest_period_start=Max("figures__period_start"),
        ).order_by("name")

    def perform_create(self, serializer):
        indicator = population_indicator_save(user=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=indicator.pk)

    def perform_update(self, serializer):
        indicator = population_indicator_save(
            user=self.request.user, indicator=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=indicator.pk)


@extend_schema(tags=["Population indicators"])
class PopulationFigureViewSet(TokenChallengeMixin, viewsets.ReadOnlyModelViewSet):
    """Population figures, exact, oldest first."""

    queryset = PopulationFigure.objects.select_related("indicator", "borough").order_by(
        "indicator__name", "period_start", "borough__name"
    )
    serializer_class = PopulationFigureSerializer
    permission_classes = [PopulationAccess]
    filterset_class = PopulationFigureFilter


@extend_schema(tags=["Population indicators"])
class PopulationImportViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Imports of population figures files, newest first. POST a file to import it."""

    permission_classes = [PopulationAccess]
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["status", "is_demo"]

    def get_queryset(self):
        if self.action in ("list", "retrieve") and not getattr(self, "swagger_fake_view", False):
            # As on the pages: an import whose worker died reads failed, never "running" for ever.
            population_imports_fail_stale()
        queryset = PopulationImport.objects.select_related("uploaded_by").defer("content")
        if self.action == "list":
            queryset = queryset.defer("content", "errors")
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return PopulationImportSummarySerializer
        if self.action == "create":
            return PopulationUploadSerializer
        return PopulationImportSerializer

    @extend_schema(request=PopulationUploadSerializer, responses={201: PopulationImportSerializer})
    def create(self, request, *args, **kwargs):
        upload_serializer = PopulationUploadSerializer(data=request.data)
        upload_serializer.is_valid(raise_exception=True)
        upload = population_import_create(
            file_name=upload_serializer.validated_data["file"].name,
            content=upload_serializer.content,
            user=request.user,
        )
        # Read again: the import may have moved on already (run at once in tests; started on a thread or a
        # worker once the upload committed), and the answer shows where it stands.
        upload = self.get_queryset().get(pk=upload.pk)
        return Response(PopulationImportSerializer(upload).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    """Add the population endpoints to the API router (called by vru/api_urls.py)."""
    router.register("population-indicators", PopulationIndicatorViewSet, basename="population-indicator")
    router.register("population-figures", PopulationFigureViewSet, basename="population-figure")
    router.register("population-imports", PopulationImportViewSet, basename="population-import")
