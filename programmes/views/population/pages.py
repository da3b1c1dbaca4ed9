"""The population indicators (VRU staff only): the list, one indicator's figures, its download, and the
sample file that shows the import format."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render

from programmes.models import PopulationIndicator
from programmes.permissions import can_import_population, can_view_population
from programmes.population import selectors
from programmes.population.importing import population_imports_fail_stale
from programmes.population.parsing import COLUMNS, Period
from vru.access import require
from vru.exports import csv_response

SAMPLE_FILE = settings.BASE_DIR / "docs" / "sample-population-indicators.csv"


def _indicator(code: str) -> PopulationIndicator:
    try:
        return PopulationIndicator.objects.get(code=code)
    except PopulationIndicator.DoesNotExist:
        raise Http404("No such population indicator.") from None


@require(can_view_population)
def population_list(request):
    # The recent imports listed below never say "running" for one that died.
    population_imports_fail_stale()
    indicators = list(selectors.indicators_overview())
    for indicator in indicators:
        indicator.latest_label = (
            selectors.period_label(indicator.frequency, indicator.latest_start) if indicator.latest_start else None
        )
    return render(
        request,
        "programmes/population/population_list.html",
        {
            "indicators": indicators,
            "imports": selectors.recent_imports(),
            "can_import": can_import_population(request.user),
        },
    )


@require(can_view_population)
def indicator_detail(request, code: str):
    indicator = _indicator(code)
    return render(
        request,
        "programmes/population/indicator_detail.html",
        {"indicator": indicator, "table": selectors.indicator_table(indicator)},
    )


@require(can_view_population)
def indicator_export(request, code: str):
    """Every figure of the indicator as exact numbers, in the import file's format, so a corrected copy can be
    imported again. VRU staff only: the reports' downloads are where small counts are suppressed."""
    indicator = _indicator(code)
    rows = (
        [
            indicator.code,
            figure.borough.ons_code,
            Period.of(indicator.frequency, figure.period_start).label,
            figure.value,
        ]
        for figure in selectors.indicator_figures(indicator)
    )
    return csv_response(f"population-{indicator.code}", COLUMNS, rows)


@require(can_view_population)
def population_sample(request):
    return FileResponse(SAMPLE_FILE.open("rb"), as_attachment=True, content_type="text/csv; charset=utf-8")
