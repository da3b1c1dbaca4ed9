"""Horizontal bars of a figure by borough, highest first, with the year before marked on each."""

from django.utils.safestring import SafeString

from programmes.reporting.charts.svg import (
    BLUE,
    GREY,
    MID_GREY,
    NO_DATA,
    SWATCH,
    TEXT,
    Scale,
    all_integers,
    chart,
    check_chart_id,
    element,
    fill_url,
    format_number,
    is_number,
    join,
    legend,
    missing_summary,
    nice_ticks,
    no_data_chart,
    parse_value,
    suppressed_note,
    suppressed_swatch,
    text,
    text_width,
    tooltip,
)
from programmes.reporting.suppression import SUPPRESSED

WIDTH = 760
ROW_HEIGHT = 28
BAR_HEIGHT = 16
SUPPRESSED_BAR = 14  # a "*" has no length to draw: a short hatched stub stands for it


def _sort_key(row):
    value = row["value"]
    if is_number(value):
        return (0, -value, row["name"])
    return (1 if value == SUPPRESSED else 2, 0, row["name"])


def _bar_swatch(x, y):
    return element("rect", x=x, y=y + 3, width=SWATCH, height=BAR_HEIGHT, fill=BLUE)


def _previous_mark(x, middle):
    """A dark upright tick, a different shape from the bar, so it needs no colour to be told apart."""
    return element(
        "line", x1=x, y1=middle - BAR_HEIGHT / 2 - 5, x2=x, y2=middle + BAR_HEIGHT / 2 + 5, stroke=TEXT, stroke_width=3
    )


def _previous_swatch(x, y):
    return _previous_mark(x + SWATCH / 2, y + SWATCH / 2)


def _described(rows, shown, unit, title, previous_label) -> str:
    def figure(row):
        words = f"{row['name']} {format_number(row['value'])}"
        if is_number(row["previous"]) or row["previous"] == SUPPRESSED:
            words += f" ({previous_label.lower()} {format_number(row['previous'])})"
        return words

    numbered = [row for row in shown if is_number(row["value"])]
    scope = f"the {len(shown)} highest of {len(rows)} boroughs" if len(shown) < len(rows) else f"{len(rows)} boroughs"
    sentences = [f"{title}. Bar chart of {unit} for {scope}, highest first, with {previous_label.lower()} marked."]
    if numbered:
        sentences.append("Highest: " + ", ".join(figure(row) for row in numbered[:3]) + ".")
        if len(numbered) > 3:
            sentences.append(f"Lowest shown: {figure(numbered[-1])}.")
    hidden = sum(1 for row in shown if row["value"] == SUPPRESSED)
    missing = sum(1 for row in shown if row["value"] is None)
    sentences.append(missing_summary(hidden, missing, "borough"))
    return " ".join(sentence for sentence in sentences if sentence)


def borough_bars(
    rows, *, chart_id, title, unit, limit=None, current_label="This year", previous_label="Year before"
) -> SafeString:
    """Rows are {"name", "code", "value", "previous"}; figures as Decimal/str/int, "*" (suppressed) or None."""
    check_chart_id(chart_id)
    current_label, previous_label = str(current_label), str(previous_label)
    rows = sorted(
        (
            {
                "name": str(row.get("name", "")),
                "code": str(row.get("code", "")),
                "value": parse_value(row.get("value")),
                "previous": parse_value(row.get("previous")),
            }
            for row in rows
        ),
        key=_sort_key,
    )
    if not any(row["value"] is not None or row["previous"] is not None for row in rows):
        return no_data_chart(chart_id, title=title, kind="bars", width=WIDTH)
    shown = rows[:limit] if limit else rows

    figures = [row[key] for row in shown for key in ("value", "previous")]
    numbers = [value for value in figures if is_number(value)]
    ticks = nice_ticks(max(numbers, default=0), min(numbers, default=0), integer=all_integers(numbers))

    legend_items = [(_bar_swatch, current_label), (_previous_swatch, previous_label)]
    if SUPPRESSED in figures:
        legend_items.append((suppressed_swatch(chart_id), suppressed_note()))
    legend_markup, legend_height = legend(legend_items, x=10, y=8, max_width=WIDTH - 20)

    name_width = min(max(text_width(row["name"], 14) for row in shown) + 16, 220)
    previous_width = (
        max(
            text_width(previous_label, 13, bold=True),
            *(text_width(format_number(row["previous"]), 13) for row in shown),
        )
        + 20
    )
    value_room = max(text_width(format_number(row["value"]), 13, bold=True) for row in shown) + 16
    bar_left, bar_right = name_width, WIDTH - previous_width - value_room
    top = 8 + legend_height + 30
    bottom = top + len(shown) * ROW_HEIGHT
    height = bottom + 50
    scale_x = Scale(ticks, bar_left, bar_right)
    zero = scale_x(0)

    parts = [
        legend_markup,
        text(WIDTH - 8, top - 10, previous_label, size=13, anchor="end", bold=True),
        text(
            (bar_left + bar_right) / 2,
            bottom + 40,
            str(unit)[:1].upper() + str(unit)[1:],
            size=13,
            anchor="middle",
            bold=True,
        ),
    ]
    for tick in ticks:
        x = scale_x(tick)
        parts.append(
            element(
                "line",
                x1=x,
                y1=top - 4,
                x2=x,
                y2=bottom,
                stroke=TEXT if tick == 0 else MID_GREY,
                stroke_width=1.5 if tick == 0 else 1,
            )
        )
        parts.append(text(x, bottom + 18, format_number(tick), size=13, anchor="middle"))

    for index, row in enumerate(shown):
        middle = top + index * ROW_HEIGHT + ROW_HEIGHT / 2
        value, previous = row["value"], row["previous"]
        marks = [tooltip(f"{row['name']}: {format_number(value)}; {previous_label.lower()} {format_number(previous)}")]
        marks.append(text(bar_left - 8, middle + 5, row["name"], size=14, anchor="end"))
        if is_number(value):
            end = scale_x(value)
            marks.append(
                element(
                    "rect",
                    x=min(zero, end),
                    y=middle - BAR_HEIGHT / 2,
                    width=abs(end - zero),
                    height=BAR_HEIGHT,
                    fill=BLUE,
                )
            )
            marks.append(text(max(end, zero) + 6, middle + 5, format_number(value), size=13, bold=True, halo=True))
        elif value == SUPPRESSED:
            marks.append(
                element(
                    "rect",
                    x=zero,
                    y=middle - BAR_HEIGHT / 2,
                    width=SUPPRESSED_BAR,
                    height=BAR_HEIGHT,
                    fill=fill_url(chart_id, "suppressed"),
                    stroke=GREY,
                )
            )
            marks.append(text(zero + SUPPRESSED_BAR + 6, middle + 6, SUPPRESSED, size=16, bold=True, halo=True))
        else:
            marks.append(text(zero + 6, middle + 5, NO_DATA, size=13, fill=GREY, halo=True))
        if is_number(previous):
            marks.append(_previous_mark(scale_x(previous), middle))
        marks.append(text(WIDTH - 8, middle + 5, format_number(previous), size=13, anchor="end", fill=GREY))
        parts.append(element("g", marks))

    return chart(
        chart_id,
        title=title,
        desc=_described(rows, shown, unit, title, previous_label),
        width=WIDTH,
        height=height,
        body=join(parts),
        kind="bars",
    )
