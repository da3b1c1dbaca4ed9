"""What the report's charts share: reading values, ticks (from .scales), numbers, colours and escaped SVG.

Every piece of text reaches the markup through ``element`` (format_html underneath), so a label
holding "<script>" comes out as text. Charts are sized in viewBox units and drawn with Arial's
metrics in mind: ``text_width`` is an estimate, good enough to leave room for labels.
"""

import re
import textwrap
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# The scales live in their own module but are imported, with everything else, from here.
from programmes.reporting.charts.scales import Scale as Scale
from programmes.reporting.charts.scales import bin_step as bin_step
from programmes.reporting.charts.scales import nice_ticks as nice_ticks
from programmes.reporting.charts.scales import plain as plain
from programmes.reporting.suppression import SUPPRESSED

# GOV.UK colours; each mark or text colour meets its contrast ratio on white (checked in the tests).
TEXT = "#0b0c0c"
BLUE = "#1d70b8"
GREY = "#505a5f"
GREEN = "#00703c"
ORANGE = "#f47738"
RED = "#d4351c"
MID_GREY = "#b1b4b6"
LIGHT_GREY = "#f3f2f1"
WHITE = "#ffffff"

FONT_FAMILY = "Arial, Helvetica, sans-serif"
NO_DATA = "No data"
NO_DATA_FOR_PERIOD = "No data for this period"

_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


# Values ----------------------------------------------------------------------------------------


def parse_value(value):
    """A Decimal, SUPPRESSED ("*") or None (no data), from what a snapshot holds."""
    if value is None or value == "":
        return None
    if value == SUPPRESSED:
        return SUPPRESSED
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a figure.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a figure.") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a figure.")
    return number


def is_number(value) -> bool:
    return isinstance(value, Decimal)


def format_number(value) -> str:
    """1234 → "1,234"; 12.50 → "12.5"; at most two decimal places; "*" and None as the reader sees them."""
    value = parse_value(value)
    if value is None:
        return NO_DATA
    if value == SUPPRESSED:
        return SUPPRESSED
    if value == value.to_integral_value():
        return f"{int(value):,}"
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{rounded:,f}"


def all_integers(values) -> bool:
    return all(value == value.to_integral_value() for value in values)


def suppressed_note() -> str:
    return f"{SUPPRESSED} fewer than {settings.SUPPRESS_COUNTS_BELOW}, not shown"


def missing_summary(suppressed_count: int, missing_count: int, noun: str) -> str:
    """ "2 periods shown as * (fewer than 8); 1 with no data." or "" when nothing is missing."""
    parts = []
    if suppressed_count:
        parts.append(
            f"{suppressed_count} {noun}{'' if suppressed_count == 1 else 's'} shown as {SUPPRESSED} "
            f"(fewer than {settings.SUPPRESS_COUNTS_BELOW})"
        )
    if missing_count:
        parts.append(f"{missing_count} {noun}{'' if missing_count == 1 else 's'} with no data")
    return "; ".join(parts) + "." if parts else ""


# Colour ----------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[index : index + 2]) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """Near-black or white, whichever reads better on ``fill``."""
    return TEXT if contrast_ratio(TEXT, fill) >= contrast_ratio(WHITE, fill) else WHITE


# Text ------------------------------------------------------------------------------------------


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Roughly how wide Arial sets ``text``: wide enough to leave room, never used to clip."""
    narrow = sum(1 for char in text if char in "ilIjtf.,:;'|!1 ")
    wide = sum(1 for char in text if char in "mwMW@%")
    width = (len(text) - narrow - wide) * 0.56 + narrow * 0.3 + wide * 0.85
    return width * size * (1.07 if bold else 1)


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(str(text), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


# Elements --------------------------------------------------------------------------------------


def _attribute_value(value) -> str:
    if isinstance(value, float | Decimal):
        return f"{float(value):.1f}".rstrip("0").rstrip(".")
    return str(value)


def element(tag: str, *children, **attributes) -> SafeString:
    """An SVG element with escaped attributes and children; ``class_`` → class, ``font_size`` → font-size."""
    attrs = format_html_join(
        "",
        ' {}="{}"',
        (
            (name.rstrip("_").replace("_", "-"), _attribute_value(value))
            for name, value in attributes.items()
            if value is not None
        ),
    )
    flat = []
    for child in children:
        flat.extend(child if isinstance(child, list | tuple) else [child])
    if not flat:
        return format_html("<{}{} />", tag, attrs)
    content = mark_safe("".join(conditional_escape(child) for child in flat))  # each child is escaped
    return format_html("<{}{}>{}</{}>", tag, attrs, content, tag)


def join(parts) -> SafeString:
    return mark_safe("".join(conditional_escape(part) for part in parts))  # each part is escaped


def text(x, y, content, *, size=14, anchor=None, bold=False, fill=TEXT, halo=False, **attributes) -> SafeString:
    """Text; with ``halo`` a white outline keeps it legible over patterns and lines."""
    if halo:
        attributes.update(stroke=WHITE, stroke_width=3, paint_order="stroke", stroke_linejoin="round")
    return element(
        "text",
        str(content),
        x=float(x),
        y=float(y),
        font_size=size,
        text_anchor=anchor,
        font_weight="bold" if bold else None,
        fill=fill,
        **attributes,
    )


def multiline_text(x, y, lines, *, size=14, line_height=None, anchor=None, bold=False, fill=TEXT) -> SafeString:
    line_height = line_height or size * 1.25
    spans = [
        element("tspan", line, x=float(x), dy=0 if index == 0 else line_height) for index, line in enumerate(lines)
    ]
    return element(
        "text", spans, y=float(y), font_size=size, text_anchor=anchor, font_weight="bold" if bold else None, fill=fill
    )


def tooltip(content: str) -> SafeString:
    """A <title> child: the exact figure on hover for pointer users; the table alternative serves the rest."""
    return element("title", content)


# Patterns --------------------------------------------------------------------------------------


def pattern_id(chart_id: str, name: str) -> str:
    return f"{chart_id}-{name}"


def patterns(chart_id: str) -> SafeString:
    """Hatching for suppressed counts and for amber and red, so neither depends on colour alone."""
    hatch = element(
        "pattern",
        element("rect", width=6, height=6, fill=WHITE),
        element("line", x1=0, y1=0, x2=0, y2=6, stroke=GREY, stroke_width=1.5),
        id=pattern_id(chart_id, "suppressed"),
        patternUnits="userSpaceOnUse",
        width=6,
        height=6,
        patternTransform="rotate(45)",
    )
    amber = element(
        "pattern",
        element("rect", width=8, height=8, fill=ORANGE),
        element("line", x1=0, y1=0, x2=0, y2=8, stroke=TEXT, stroke_width=2),
        id=pattern_id(chart_id, "amber"),
        patternUnits="userSpaceOnUse",
        width=8,
        height=8,
        patternTransform="rotate(45)",
    )
    red = element(
        "pattern",
        element("rect", width=8, height=8, fill=RED),
        element("path", d="M0 4H8M4 0V8", stroke=WHITE, stroke_width=1.5),
        id=pattern_id(chart_id, "red"),
        patternUnits="userSpaceOnUse",
        width=8,
        height=8,
        patternTransform="rotate(45)",
    )
    return element("defs", hatch, amber, red)


def fill_url(chart_id: str, name: str) -> str:
    return f"url(#{pattern_id(chart_id, name)})"


# Legend ----------------------------------------------------------------------------------------

SWATCH = 22


def legend(items, *, x: float, y: float, max_width: float, size: int = 14) -> tuple[SafeString, float]:
    """Swatches with their words, flowing left to right and wrapping; returns the markup and its height.

    ``items`` are (draw, label): ``draw(x, y)`` returns a SWATCH-sized mark with its top left at x, y.
    """
    parts, cursor_x, cursor_y, row_height = [], x, y, SWATCH + 8
    for draw, label in items:
        item_width = SWATCH + 8 + text_width(label, size) + 24
        if cursor_x > x and cursor_x + item_width > x + max_width:
            cursor_x, cursor_y = x, cursor_y + row_height
        parts.append(
            element("g", draw(cursor_x, cursor_y), text(cursor_x + SWATCH + 8, cursor_y + 16, label, size=size))
        )
        cursor_x += item_width
    height = (cursor_y - y + row_height) if items else 0
    return join(parts), height


def suppressed_swatch(chart_id: str):
    def draw(x, y):
        return join(
            [
                element(
                    "rect", x=x, y=y, width=SWATCH, height=SWATCH, fill=fill_url(chart_id, "suppressed"), stroke=GREY
                ),
                text(x + SWATCH / 2, y + 17, SUPPRESSED, size=16, anchor="middle", bold=True, halo=True),
            ]
        )

    return draw


# The chart -------------------------------------------------------------------------------------


def check_chart_id(chart_id: str) -> str:
    """Ids go into attributes and url(#…) references, and must be unique on the page: letters, digits, - and _."""
    if not isinstance(chart_id, str) or not _CHART_ID.match(chart_id):
        raise ValueError(f"{chart_id!r} is not a usable chart id (a letter, then letters, digits, - or _).")
    return chart_id


def chart(chart_id: str, *, title: str, desc: str, width: float, height: float, body, kind: str) -> SafeString:
    """The <svg> every chart is drawn in: an image named by its <title> and described by its <desc>."""
    return element(
        "svg",
        element("title", str(title), id=f"{chart_id}-title"),
        element("desc", str(desc), id=f"{chart_id}-desc"),
        patterns(chart_id),
        body,
        xmlns="http://www.w3.org/2000/svg",
        id=chart_id,
        class_=f"vru-chart vru-chart--{kind}",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        viewBox=f"0 0 {_attribute_value(float(width))} {_attribute_value(float(height))}",
        width="100%",
        font_family=FONT_FAMILY,
    )


def no_data_chart(chart_id: str, *, title: str, kind: str, width: float = 760) -> SafeString:
    """A small, readable frame in place of a chart when the period has nothing to draw."""
    height = 90
    body = join(
        [
            element("rect", x=0.5, y=0.5, width=width - 1, height=height - 1, fill=LIGHT_GREY, stroke=MID_GREY),
            text(width / 2, height / 2 + 6, NO_DATA_FOR_PERIOD, size=18, anchor="middle", bold=True),
        ]
    )
    return chart(
        chart_id,
        title=title,
        desc=f"{title}: {NO_DATA_FOR_PERIOD.lower()}.",
        width=width,
        height=height,
        body=body,
        kind=kind,
    )
