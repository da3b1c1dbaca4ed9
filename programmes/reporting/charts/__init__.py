"""The performance report's charts: server-side SVG, readable without colour, with nothing loaded from elsewhere.

Each function takes figures as the snapshot holds them (see ``programmes.reporting.snapshot``) and
returns SafeString markup for an ``<svg role="img">`` named by its <title>, summarised in words by
its <desc>, with text on every mark and patterns where colour would otherwise carry the meaning. A
"*" (a suppressed small count) is drawn hatched and labelled; None is written "No data". The page
puts a data table beside each chart for those who would rather read the figures.
"""

from programmes.reporting.charts.bars import borough_bars
from programmes.reporting.charts.rag import rag_grid
from programmes.reporting.charts.tiles import BOROUGH_ABBREVIATIONS, BOROUGH_NAMES, TILE_LAYOUT, tile_map
from programmes.reporting.charts.trend import trend_chart

__all__ = [
    "BOROUGH_ABBREVIATIONS",
    "BOROUGH_NAMES",
    "TILE_LAYOUT",
    "borough_bars",
    "rag_grid",
    "tile_map",
    "trend_chart",
]
