"""What the population pages, the API and the downloads read, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q

from partners.models import Borough
from programmes.models import Frequency, ImportStatus, PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.parsing import Period

RECENT_IMPORTS = 10
TABLE_PERIODS = 12


def period_label(frequency: str, start: date) -> str:
    """How a page names a period: ``Apr 2025`` for a month, ``2025-26 Q1`` for a financial quarter."""
    if frequency == Frequency.QUARTER:
        return Period.of(frequency, start).label
    return f"{start:%b %Y}"


def indicators_overview():
    """Every indicator with how many figures it has, its latest period and how many of its figures are demo."""
    return PopulationIndicator.objects.annotate(
        figure_count=Count("figures"),
        latest_start=Max("figures__period_start"),
        demo_count=Count("figures", filter=Q(figures__is_demo=True)),
    ).order_by("name")


def recent_imports(limit: int = RECENT_IMPORTS):
    # The file's text and its problems can be long; a list needs neither.
    return PopulationImport.objects.select_related("uploaded_by").defer("content", "errors")[:limit]


@dataclass
class PeriodColumn:
    start: date
    label: str
    has_demo: bool
    total: Decimal
    borough_count: int


@dataclass
class BoroughRow:
    borough: Borough
    values: list[Decimal | None]


@dataclass
class FigureTable:
    columns: list[PeriodColumn]
    rows: list[BoroughRow]
    has_demo: bool
    figure_count: int


def indicator_table(indicator: PopulationIndicator, *, periods: int = TABLE_PERIODS) -> FigureTable:
    """The indicator's last ``periods`` periods with figures: every borough a row, every period a column."""
    starts = sorted(
        indicator.figures.order_by("-period_start").values_list("period_start", flat=True).distinct()[:periods]
    )
    figures = PopulationFigure.objects.filter(indicator=indicator, period_start__in=starts).values_list(
        "borough_id", "period_start", "value", "is_demo"
    )
    value_of, demo_starts = {}, set()
    for borough_id, start, value, is_demo in figures:
        value_of[(borough_id, start)] = value
        if is_demo:
            demo_starts.add(start)
    rows = [
        BoroughRow(borough, [value_of.get((borough.pk, start)) for start in starts])
        for borough in Borough.objects.order_by("name")
    ]
    columns = []
    for index, start in enumerate(starts):
        present = [row.values[index] for row in rows if row.values[index] is not None]
        columns.append(
            PeriodColumn(
                start=start,
                label=period_label(indicator.frequency, start),
                has_demo=start in demo_starts,
                total=sum(present, Decimal(0)),
                borough_count=len(present),
            )
        )
    return FigureTable(
        columns=columns,
        rows=rows,
        has_demo=indicator.figures.filter(is_demo=True).exists(),
        figure_count=indicator.figures.count(),
    )


def indicator_figures(indicator: PopulationIndicator):
    """All the indicator's figures, oldest first, in the order of the import file's rows."""
    return (
        PopulationFigure.objects.filter(indicator=indicator)
        .select_related("borough")
        .order_by("period_start", "borough__ons_code")
    )


def import_stage(upload: PopulationImport) -> str:
    """Where an import has got to, in words."""
    if upload.status == ImportStatus.QUEUED:
        return "Waiting for the background worker to start the import."
    if upload.status == ImportStatus.RUNNING:
        if not upload.total_rows:
            return "Reading the file."
        if upload.processed_rows >= upload.total_rows:
            return f"Checked all {upload.total_rows:,} rows. Saving the figures."
        return f"Checked {upload.processed_rows:,} of {upload.total_rows:,} rows."
    if upload.status == ImportStatus.DONE:
        return (
            f"Imported {upload.total_rows:,} rows: {upload.created_count:,} created, "
            f"{upload.updated_count:,} updated, {upload.unchanged_count:,} unchanged."
        )
    return "Not imported: the file has problems. Nothing was imported."


def import_progress(upload: PopulationImport) -> dict:
    """The progress answer the upload's page polls (see static/js/progress.mjs)."""
    return {
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "percent": upload.percent_done,
        "finished": upload.status in (ImportStatus.DONE, ImportStatus.FAILED),
        "stage": import_stage(upload),
    }
