"""A line chart of a figure over time against the same months of the year before."""

import math
from dataclasses import dataclass

from django.utils.safestring import SafeString

from programmes.reporting.charts.svg import (
    BLUE,
    GREY,
    MID_GREY,
    NO_DATA,
    SWATCH,
    TEXT,
    WHITE,
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
    multiline_text,
    nice_ticks,
    no_data_chart,
    parse_value,
    suppressed_note,
    suppressed_swatch,
    text,
    text_width,
    tooltip,
    wrap,
)
from programmes.reporting.suppression import SUPPRESSED

WIDTH = 760
PLOT_HEIGHT = 240
EDGE_PAD = 16  # keeps the first and last markers off the axes


@dataclass
class _Series:
    key: str
    label: str
    colour: str
    dash: str | None
    shape: str  # "circle" or "square": the marker tells the series apart without colour
    values: list


def _marker(series: _Series, x: float, y: float, *, fill=None, stroke_dash=None, size=5.5) -> SafeString:
    fill = fill or series.colour
    if series.shape == "circle":
        return element("circle", cx=x, cy=y, r=size, fill=fill, stroke=series.colour, stroke_dasharray=stroke_dash)
    return element(
        "rect",
        x=x - size,
        y=y - size,
        width=size * 2,
        height=size * 2,
        fill=fill,
        stroke=series.colour,
        stroke_dasharray=stroke_dash,
    )


def _series_swatch(series: _Series):
    def draw(x, y):
        middle = y + SWATCH / 2
        line = element(
            "line",
            x1=x,
            y1=middle,
            x2=x + SWATCH,
            y2=middle,
            stroke=series.colour,
            stroke_width=3,
            stroke_dasharray=series.dash,
        )
        return join([line, _marker(series, x + SWATCH / 2, middle, size=5)])

    return draw


def _segments(values, xs, scale_y):
    """Runs of consecutive figures: a "*" or a gap breaks the line rather than bridging it."""
    runs, current = [], []
    for value, x in zip(values, xs, strict=True):
        if is_number(value):
            current.append((x, scale_y(value)))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _series_summary(series: _Series, labels) -> str:
    shown = [(label, value) for label, value in zip(labels, series.values, strict=True) if is_number(value)]
    hidden = sum(1 for value in series.values if value == SUPPRESSED)
    missing = sum(1 for value in series.values if value is None)
    if shown:
        (first_label, first), (last_label, last) = shown[0], shown[-1]
        high_label, high = max(shown, key=lambda pair: pair[1])
        sentence = (
            f"{series.label}: {format_number(first)} in {first_label}, {format_number(last)} in {last_label}; "
            f"highest {format_number(high)} in {high_label}."
        )
    else:
        sentence = f"{series.label}: no figures to show."
    return " ".join(part for part in [sentence, missing_summary(hidden, missing, "period")] if part)


def _end_label_positions(wanted: list[float], top: float, bottom: float, gap: float) -> list[float]:
    """Nudge two labels apart when their lines end close together."""
    if len(wanted) == 2 and abs(wanted[0] - wanted[1]) < gap:
        middle = (wanted[0] + wanted[1]) / 2
        upper, lower = middle - gap / 2, middle + gap / 2
        if lower > bottom:
            upper, lower = bottom - gap, bottom
        if upper < top:
            upper, lower = top, top + gap
        return [upper, lower] if wanted[0] <= wanted[1] else [lower, upper]
    return wanted


def trend_chart(
    points, *, chart_id, title, unit, current_label="This year", previous_label="Year before"
) -> SafeString:
    """Each point is {"label", "value", "previous"}: figures as Decimal/str/int, "*" (suppressed) or None."""
    check_chart_id(chart_id)
    labels = [str(point.get("label", "")) for point in points]
    current = _Series("value", str(current_label), BLUE, None, "circle", [parse_value(p.get("value")) for p in points])
    previous = _Series(
        "previous", str(previous_label), GREY, "8 5", "square", [parse_value(p.get("previous")) for p in points]
    )
    values = [value for value in current.values + previous.values if value is not None]
    if not values:
        return no_data_chart(chart_id, title=title, kind="trend", width=WIDTH)

    numbers = [value for value in values if is_number(value)]
    ticks = nice_ticks(max(numbers, default=0), min(numbers, default=0), integer=all_integers(numbers))
    tick_labels = [format_number(tick) for tick in ticks]

    # Legend first: its height decides where the plot starts.
    legend_items = [(_series_swatch(current), current.label), (_series_swatch(previous), previous.label)]
    if SUPPRESSED in values:
        legend_items.append((suppressed_swatch(chart_id), suppressed_note()))
    legend_markup, legend_height = legend(legend_items, x=10, y=8, max_width=WIDTH - 20)

    end_lines = {}
    for series in (current, previous):
        lines = wrap(series.label, 18, 2)
        if is_number(series.values[-1]):
            lines.append(format_number(series.values[-1]))
        end_lines[series.key] = lines
    right_width = max(text_width(line, 13, bold=True) for lines in end_lines.values() for line in lines) + 22
    left = max(text_width(label, 13) for label in tick_labels) + 18
    plot_left, plot_right = max(left, 40), WIDTH - max(right_width, 60)
    plot_top = 8 + legend_height + 34
    plot_bottom = plot_top + PLOT_HEIGHT
    height = plot_bottom + 44

    scale_y = Scale(ticks, plot_bottom, plot_top)
    count = len(points)
    if count == 1:
        xs = [(plot_left + plot_right) / 2]
    else:
        step = (plot_right - plot_left - 2 * EDGE_PAD) / (count - 1)
        xs = [plot_left + EDGE_PAD + index * step for index in range(count)]

    parts = [
        legend_markup,
        text(plot_left - 8, plot_top - 16, str(unit)[:1].upper() + str(unit)[1:], size=13, bold=True),
    ]
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = scale_y(tick)
        is_zero = tick == 0
        parts.append(
            element(
                "line",
                x1=plot_left,
                y1=y,
                x2=plot_right,
                y2=y,
                stroke=TEXT if is_zero else MID_GREY,
                stroke_width=1.5 if is_zero else 1,
            )
        )
        parts.append(text(plot_left - 8, y + 4.5, label, size=13, anchor="end"))

    # Every label up to 8, every other beyond; longer series thin out further so labels never overlap.
    every = 1 if count <= 8 else max(2, math.ceil(count / 8))
    for index, (x, label) in enumerate(zip(xs, labels, strict=True)):
        parts.append(element("line", x1=x, y1=plot_bottom, x2=x, y2=plot_bottom + 5, stroke=TEXT))
        if index % every == 0:
            parts.append(text(x, plot_bottom + 22, label, size=13, anchor="middle"))

    # The year before is drawn first so this year's line sits on top where they cross.
    for series in (previous, current):
        for run in _segments(series.values, xs, scale_y):
            if len(run) > 1:
                d = "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in run)
                parts.append(
                    element(
                        "path",
                        d=d,
                        fill="none",
                        stroke=series.colour,
                        stroke_width=3,
                        stroke_dasharray=series.dash,
                        stroke_linejoin="round",
                    )
                )
        for x, label, value in zip(xs, labels, series.values, strict=True):
            if is_number(value):
                parts.append(
                    element(
                        "g",
                        tooltip(f"{label}, {series.label}: {format_number(value)}"),
                        _marker(series, x, scale_y(value)),
                    )
                )

    # A "*" or a gap is marked just above the axis, stacked when both series miss the same period.
    for x, label, pair in zip(xs, labels, zip(current.values, previous.values, strict=True), strict=True):
        stack = 0
        for series, value in zip((current, previous), pair, strict=True):
            if is_number(value):
                continue
            y = plot_bottom - 12 - stack * 34
            stack += 1
            word = SUPPRESSED if value == SUPPRESSED else NO_DATA
            marker = (
                _marker(series, x, y, fill=fill_url(chart_id, "suppressed"), size=6.5)
                if value == SUPPRESSED
                else _marker(series, x, y, fill=WHITE, stroke_dash="2 2", size=5)
            )
            parts.append(
                element(
                    "g",
                    tooltip(f"{label}, {series.label}: {word}"),
                    marker,
                    text(
                        x,
                        y - 10,
                        word,
                        size=16 if value == SUPPRESSED else 11,
                        anchor="middle",
                        bold=True,
                        fill=series.colour,
                        halo=True,
                    ),
                )
            )

    # Direct labels at the right-hand end of each line, level with its last figure.
    wanted, placed = [], []
    for series in (current, previous):
        last = next((value for value in reversed(series.values) if is_number(value)), None)
        if last is not None:
            wanted.append(scale_y(last))
            placed.append(series)
    positions = _end_label_positions(
        wanted, plot_top, plot_bottom, gap=17 * max((len(end_lines[s.key]) for s in placed), default=1) + 6
    )
    for series, y in zip(placed, positions, strict=True):
        lines = end_lines[series.key]
        parts.append(
            multiline_text(plot_right + 10, y - (len(lines) - 1) * 8 + 4, lines, size=13, bold=True, fill=series.colour)
        )

    desc = " ".join(
        [
            f"{title}. Line chart of {unit} from {labels[0]} to {labels[-1]}: {current.label} as a solid line with "
            f"circles, {previous.label} as a dashed line with squares.",
            _series_summary(current, labels),
            _series_summary(previous, labels),
        ]
    )
    return chart(chart_id, title=title, desc=desc, width=WIDTH, height=height, body=join(parts), kind="trend")
