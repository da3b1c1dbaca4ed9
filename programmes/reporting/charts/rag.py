"""A grid of red, amber and green ratings: a row per objective (or aim), a column per quarter."""

from django.utils.safestring import SafeString

from programmes.reporting.charts.svg import (
    GREEN,
    GREY,
    LIGHT_GREY,
    MID_GREY,
    SWATCH,
    TEXT,
    chart,
    check_chart_id,
    element,
    fill_url,
    join,
    legend,
    multiline_text,
    no_data_chart,
    text,
    tooltip,
    wrap,
)

LABEL_WIDTH = 290
CELL_WIDTH = 124
MISSING = "–"

# Word, count letter and fill: the word and the pattern carry the rating, the colour only repeats it.
RATINGS = {
    "green": ("Green", "G"),
    "amber": ("Amber", "A"),
    "red": ("Red", "R"),
    "none": ("No data", "N"),
}


def _fill(chart_id: str, rag: str) -> str:
    return {
        "green": GREEN,
        "amber": fill_url(chart_id, "amber"),
        "red": fill_url(chart_id, "red"),
        "none": LIGHT_GREY,
    }[rag]


def _rating(cell) -> str:
    rag = cell.get("rag") or "none"
    if rag not in RATINGS:
        raise ValueError(f"{rag!r} is not a RAG rating.")
    return rag


def _swatch(chart_id: str, rag: str, x: float, y: float) -> SafeString:
    # The dark outline gives every square (amber and grey too) a 3:1 edge against white.
    return element("rect", x=x, y=y, width=SWATCH, height=SWATCH, fill=_fill(chart_id, rag), stroke=TEXT)


def _counts(cell) -> str:
    """ "2G 1A 1N": how many indicators had each rating; ratings with none are left out."""
    return " ".join(f"{int(cell.get(rag) or 0)}{letter}" for rag, (_, letter) in RATINGS.items() if cell.get(rag))


def _described(title: str, rows, quarters) -> str:
    sentences = [
        f"{title}. RAG ratings of {len(rows)} {'row' if len(rows) == 1 else 'rows'} for "
        f"{len(quarters)} {'quarter' if len(quarters) == 1 else 'quarters'}: " + ", ".join(quarters) + "."
    ]
    for quarter in quarters:
        ratings = [_rating(row["cells"][quarter]) for row in rows if quarter in row["cells"]]
        tally = ", ".join(f"{ratings.count(rag)} {word.lower()}" for rag, (word, _) in RATINGS.items())
        without = len(rows) - len(ratings)
        sentences.append(f"{quarter}: {tally}" + (f"; {without} without figures." if without else "."))
    return " ".join(sentences)


def rag_grid(rows, quarters, *, chart_id, title) -> SafeString:
    """Rows are {"label", "cells": {quarter: {"rag", "green", "amber", "red", "none"}}}; quarters name the columns."""
    check_chart_id(chart_id)
    quarters = [str(quarter) for quarter in quarters]
    rows = [{"label": str(row.get("label", "")), "cells": dict(row.get("cells") or {})} for row in rows]
    if not rows or not quarters:
        return no_data_chart(chart_id, title=title, kind="rag")

    width = LABEL_WIDTH + CELL_WIDTH * len(quarters) + 10
    legend_items = [(lambda x, y, rag=rag: _swatch(chart_id, rag, x, y), word) for rag, (word, _) in RATINGS.items()]
    legend_items.append((lambda x, y: text(x + SWATCH / 2, y + 17, MISSING, size=18, anchor="middle"), "No figures"))
    legend_markup, legend_height = legend(legend_items, x=10, y=8, max_width=width - 20)
    key_y = 8 + legend_height + 10
    parts = [
        legend_markup,
        text(10, key_y, "Counts under each rating: indicators G green, A amber, R red, N no data.", size=13, fill=GREY),
    ]

    header_y = key_y + 34
    for column, quarter in enumerate(quarters):
        parts.append(text(LABEL_WIDTH + column * CELL_WIDTH + 10, header_y, quarter, size=14, bold=True))

    y = header_y + 12
    for row in rows:
        lines = wrap(row["label"], 38, 4)
        row_height = max(56, len(lines) * 17 + 18)
        middle = y + row_height / 2
        parts.append(element("line", x1=10, y1=y, x2=width, y2=y, stroke=MID_GREY))
        parts.append(
            element(
                "g",
                tooltip(row["label"]),
                multiline_text(10, middle - (len(lines) - 1) * 8.5 + 5, lines, size=14, line_height=17),
            )
        )
        for column, quarter in enumerate(quarters):
            x = LABEL_WIDTH + column * CELL_WIDTH
            cell = row["cells"].get(quarter)
            if cell is None:
                parts.append(
                    element(
                        "g",
                        tooltip(f"{row['label']}, {quarter}: no figures"),
                        text(x + CELL_WIDTH / 2, middle + 6, MISSING, size=18, anchor="middle", fill=GREY),
                    )
                )
                continue
            rag = _rating(cell)
            word = RATINGS[rag][0]
            counts = _counts(cell)
            parts.append(
                element(
                    "g",
                    tooltip(f"{row['label']}, {quarter}: {word}" + (f" ({counts})" if counts else "")),
                    _swatch(chart_id, rag, x + 10, middle - 20),
                    text(x + 10 + SWATCH + 8, middle - 4, word, size=14, bold=True),
                    text(x + 10 + SWATCH + 8, middle + 13, counts, size=12, fill=GREY) if counts else "",
                )
            )
        y += row_height
    parts.append(element("line", x1=10, y1=y, x2=width, y2=y, stroke=MID_GREY))

    return chart(
        chart_id,
        title=title,
        desc=_described(title, rows, quarters),
        width=width,
        height=y + 10,
        body=join(parts),
        kind="rag",
    )
