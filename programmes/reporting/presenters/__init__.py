"""A report's snapshot turned into what its pages show: numbers read back as Decimal, figures written out,
changes worked out, and the charts drawn.

The snapshot (see ``programmes.reporting.snapshot``) is plain JSON. A figure about people may arrive as a
number, as ``"*"`` (suppressed for PRG members) or as None (no data); every function here accepts all three,
so the same code serves VRU staff and PRG members. Money is never rounded: it stays a Decimal to the penny.
"""

from programmes.reporting.presenters.numbers import (
    NO_DATA,
    change,
    money,
    show,
    show_change,
    show_money,
    show_money_change,
    show_percent,
    to_decimal,
)
from programmes.reporting.presenters.page import REACH_FIGURE, map_choices, report_page
from programmes.reporting.presenters.summaries import MEASURES, RAG_LABELS, compare_rows, comparison, summary_view

SUPPRESSION_NOTE = "Counts of people from 1 to 7 are shown as *, others rounded to the nearest 5. Money is not rounded."

__all__ = [
    "MEASURES",
    "NO_DATA",
    "RAG_LABELS",
    "REACH_FIGURE",
    "SUPPRESSION_NOTE",
    "change",
    "compare_rows",
    "comparison",
    "map_choices",
    "money",
    "report_page",
    "show",
    "show_change",
    "show_money",
    "show_money_change",
    "show_percent",
    "summary_view",
    "to_decimal",
]
