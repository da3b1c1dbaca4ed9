"""The Django admin for population indicators, their figures and the imports that brought them.

Indicators are reference data edited here, with their history. Figures and imports are read only:
figures change only through an import, so every value can be traced to the file it came from; an
admin may delete them (invented demo figures, say).
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.selectors import period_label

CONTENT_PREVIEW = 5000


@admin.register(PopulationIndicator)
class PopulationIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "unit", "frequency", "direction", "counts_people", "source", "figure_count"]
    list_filter = ["frequency", "counts_people"]
    search_fields = ["name", "code", "source", "description"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(figure_count=Count("figures"))

    @admin.display(description="figures", ordering="figure_count")
    def figure_count(self, indicator):
        return indicator.figure_count

    def get_readonly_fields(self, request, obj=None):
        # Figures are read by their indicator's frequency: a monthly figure cannot become a quarter's.
        if obj is not None and obj.figures.exists():
            return ["frequency"]
        return []


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PopulationFigure)
class PopulationFigureAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "borough", "period", "value", "is_demo", "source_import", "updated_at"]
    list_filter = ["indicator", "borough", "is_demo"]
    list_select_related = ["indicator", "borough", "source_import"]
    search_fields = ["borough__name", "borough__ons_code", "indicator__name", "indicator__code"]
    date_hierarchy = "period_start"
    ordering = ["indicator__name", "-period_start", "borough__name"]

    @admin.display(description="period", ordering="period_start")
    def period(self, figure):
        return period_label(figure.indicator.frequency, figure.period_start)


@admin.register(PopulationImport)
class PopulationImportAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "status",
        "is_demo",
        "uploaded_by",
        "created_at",
        "total_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "problem_count",
    ]
    list_filter = ["status", "is_demo"]
    list_select_related = ["uploaded_by"]
    search_fields = ["file_name"]
    date_hierarchy = "created_at"
    fields = [
        "file_name",
        "status",
        "is_demo",
        "uploaded_by",
        "created_at",
        "finished_at",
        "total_rows",
        "processed_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "problems",
        "content_preview",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    @admin.display(description="problems")
    def problem_count(self, upload):
        return len(upload.errors) or "–"

    @admin.display(description="problems")
    def problems(self, upload):
        if not upload.errors:
            return "None"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (error.get("row") or "–", error.get("column") or "–", error.get("message", ""))
                for error in upload.errors
            ),
        )
        return format_html(
            "<table><caption>Each problem found, by row and column of the file</caption>"
            "<thead><tr><th scope='col'>Row</th><th scope='col'>Column</th><th scope='col'>Problem</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="file (first lines)")
    def content_preview(self, upload):
        text = upload.content
        more = len(text) > CONTENT_PREVIEW
        return format_html("<pre>{}{}</pre>", text[:CONTENT_PREVIEW], "\n…" if more else "")
