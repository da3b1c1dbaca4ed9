"""A tile map of London: one square per borough, laid out roughly as the boroughs lie, shaded by a figure."""

from decimal import ROUND_FLOOR, Decimal

from django.utils.safestring import SafeString

from programmes.reporting.charts.svg import (
    GREY,
    NO_DATA,
    SWATCH,
    TEXT,
    WHITE,
    all_integers,
    bin_step,
    chart,
    check_chart_id,
    element,
    fill_url,
    format_number,
    is_number,
    join,
    legend,
    missing_summary,
    no_data_chart,
    parse_value,
    suppressed_note,
    suppressed_swatch,
    text,
    text_colour_on,
    tooltip,
)
from programmes.reporting.suppression import SUPPRESSED

# ONS codes and names, as partners/migrations/0002_london_geography.py loads them.
BOROUGH_NAMES = {
    "E09000001": "City of London",
    "E09000002": "Barking and Dagenham",
    "E09000003": "Barnet",
    "E09000004": "Bexley",
    "E09000005": "Brent",
    "E09000006": "Bromley",
    "E09000007": "Camden",
    "E09000008": "Croydon",
    "E09000009": "Ealing",
    "E09000010": "Enfield",
    "E09000011": "Greenwich",
    "E09000012": "Hackney",
    "E09000013": "Hammersmith and Fulham",
    "E09000014": "Haringey",
    "E09000015": "Harrow",
    "E09000016": "Havering",
    "E09000017": "Hillingdon",
    "E09000018": "Hounslow",
    "E09000019": "Islington",
    "E09000020": "Kensington and Chelsea",
    "E09000021": "Kingston upon Thames",
    "E09000022": "Lambeth",
    "E09000023": "Lewisham",
    "E09000024": "Merton",
    "E09000025": "Newham",
    "E09000026": "Redbridge",
    "E09000027": "Richmond upon Thames",
    "E09000028": "Southwark",
    "E09000029": "Sutton",
    "E09000030": "Tower Hamlets",
    "E09000031": "Waltham Forest",
    "E09000032": "Wandsworth",
    "E09000033": "Westminster",
}

# (column, row) on an 8 × 7 grid, after the widely used "London Squared" layout (After the Flood):
# north at the top, the City in the middle of the inner ring, Sutton alone at the bottom.
TILE_LAYOUT = {
    "E09000010": (4, 0),  # Enfield
    "E09000015": (2, 1),  # Harrow
    "E09000003": (3, 1),  # Barnet
    "E09000014": (4, 1),  # Haringey
    "E09000031": (5, 1),  # Waltham Forest
    "E09000017": (0, 2),  # Hillingdon
    "E09000009": (1, 2),  # Ealing
    "E09000005": (2, 2),  # Brent
    "E09000007": (3, 2),  # Camden
    "E09000019": (4, 2),  # Islington
    "E09000012": (5, 2),  # Hackney
    "E09000026": (6, 2),  # Redbridge
    "E09000016": (7, 2),  # Havering
    "E09000018": (0, 3),  # Hounslow
    "E09000013": (1, 3),  # Hammersmith and Fulham
    "E09000020": (2, 3),  # Kensington and Chelsea
    "E09000033": (3, 3),  # Westminster
    "E09000001": (4, 3),  # City of London
    "E09000030": (5, 3),  # Tower Hamlets
    "E09000025": (6, 3),  # Newham
    "E09000002": (7, 3),  # Barking and Dagenham
    "E09000027": (1, 4),  # Richmond upon Thames
    "E09000032": (2, 4),  # Wandsworth
    "E09000022": (3, 4),  # Lambeth
    "E09000028": (4, 4),  # Southwark
    "E09000023": (5, 4),  # Lewisham
    "E09000011": (6, 4),  # Greenwich
    "E09000004": (7, 4),  # Bexley
    "E09000021": (2, 5),  # Kingston upon Thames
    "E09000024": (3, 5),  # Merton
    "E09000008": (4, 5),  # Croydon
    "E09000006": (5, 5),  # Bromley
    "E09000029": (3, 6),  # Sutton
}
GRID_COLUMNS, GRID_ROWS = 8, 7

BOROUGH_ABBREVIATIONS = {
    "E09000001": "CTY",
    "E09000002": "BDG",
    "E09000003": "BNT",
    "E09000004": "BEX",
    "E09000005": "BRE",
    "E09000006": "BRO",
    "E09000007": "CMD",
    "E09000008": "CRO",
    "E09000009": "EAL",
    "E09000010": "ENF",
    "E09000011": "GRE",
    "E09000012": "HAC",
    "E09000013": "HMF",
    "E09000014": "HGY",
    "E09000015": "HRW",
    "E09000016": "HAV",
    "E09000017": "HIL",
    "E09000018": "HNS",
    "E09000019": "ISL",
    "E09000020": "KEC",
    "E09000021": "KIN",
    "E09000022": "LAM",
    "E09000023": "LEW",
    "E09000024": "MRT",
    "E09000025": "NWM",
    "E09000026": "RED",
    "E09000027": "RIC",
    "E09000028": "SWK",
    "E09000029": "SUT",
    "E09000030": "TOW",
    "E09000031": "WFO",
    "E09000032": "WND",
    "E09000033": "WST",
}

# Five blues, light to dark; each tile's text is near-black or white, whichever has the higher contrast.
BIN_COLOURS = ("#d2e2f1", "#9dc0e2", "#5694ca", "#1d70b8", "#003078")
TILE = 74
GAP = 4
MARGIN = 10


class _Bins:
    """Five equal, round-numbered ranges from 0 (or below, for negative figures) to the highest figure."""

    def __init__(self, numbers: list[Decimal]):
        integer = all_integers(numbers)
        low = min([Decimal(0), *numbers])
        self.step = bin_step(max(numbers) - low, len(BIN_COLOURS), integer=integer)
        self.start = (low / self.step).to_integral_value(rounding=ROUND_FLOOR) * self.step
        self.whole = integer and self.step == self.step.to_integral_value()

    def index(self, value: Decimal) -> int:
        return min(int((value - self.start) // self.step), len(BIN_COLOURS) - 1)

    def label(self, index: int) -> str:
        low = self.start + self.step * index
        high = low + self.step
        last = index == len(BIN_COLOURS) - 1
        if self.whole:
            top = high if last else high - 1
            return format_number(low) if top == low else f"{format_number(low)} to {format_number(top)}"
        return f"{format_number(low)} to {'' if last else 'under '}{format_number(high)}"


def _tile_swatch(colour):
    def draw(x, y):
        return element("rect", x=x, y=y, width=SWATCH, height=SWATCH, fill=colour, stroke=TEXT)

    return draw


def _no_data_swatch(x, y):
    return element("rect", x=x, y=y, width=SWATCH, height=SWATCH, fill=WHITE, stroke=GREY, stroke_dasharray="3 2")


def _described(title, figure_label, unit, figures) -> str:
    numbered = sorted(
        ((value, BOROUGH_NAMES[code]) for code, value in figures.items() if is_number(value)),
        key=lambda pair: (-pair[0], pair[1]),
    )

    def listed(pairs):
        return ", ".join(f"{name} {format_number(value)}" for value, name in pairs)

    sentences = [
        f"{title}. Tile map of London's {len(TILE_LAYOUT)} boroughs, one square each, laid out roughly as they lie, "
        f"shaded by {figure_label} ({unit})."
    ]
    if numbered:
        sentences.append(f"Highest: {listed(numbered[:3])}.")
        if len(numbered) > 3:
            sentences.append(f"Lowest: {listed(numbered[max(3, len(numbered) - 3) :][::-1])}.")
    hidden = sum(1 for value in figures.values() if value == SUPPRESSED)
    missing = sum(1 for value in figures.values() if value is None)
    sentences.append(missing_summary(hidden, missing, "borough"))
    return " ".join(sentence for sentence in sentences if sentence)


def tile_map(values, *, chart_id, title, unit, figure_label) -> SafeString:
    """``values`` maps ONS borough codes to a figure (Decimal/str/int), "*" (suppressed) or None; absent = no data."""
    check_chart_id(chart_id)
    unknown = sorted(set(values) - set(TILE_LAYOUT))
    if unknown:
        raise ValueError(f"Not London borough codes: {', '.join(map(str, unknown))}.")
    figures = {code: parse_value(values.get(code)) for code in TILE_LAYOUT}
    if all(value is None for value in figures.values()):
        return no_data_chart(chart_id, title=title, kind="tiles", width=_map_width())

    numbers = [value for value in figures.values() if is_number(value)]
    bins = _Bins(numbers) if numbers else None
    width = _map_width()
    map_top = 40
    parts = [text(MARGIN, 24, figure_label, size=15, bold=True)]

    for code, (column, row) in TILE_LAYOUT.items():
        x, y = MARGIN + column * (TILE + GAP), map_top + row * (TILE + GAP)
        value = figures[code]
        name = BOROUGH_NAMES[code]
        if is_number(value):
            fill, stroke, dash = BIN_COLOURS[bins.index(value)], TEXT, None
        elif value == SUPPRESSED:
            fill, stroke, dash = fill_url(chart_id, "suppressed"), GREY, None
        else:
            fill, stroke, dash = WHITE, GREY, "3 2"
        ink = text_colour_on(fill) if fill.startswith("#") else TEXT
        halo = not fill.startswith("#")
        parts.append(
            element(
                "g",
                tooltip(f"{name}: {format_number(value)}"),
                element("rect", x=x, y=y, width=TILE, height=TILE, fill=fill, stroke=stroke, stroke_dasharray=dash),
                text(
                    x + TILE / 2,
                    y + 28,
                    BOROUGH_ABBREVIATIONS[code],
                    size=15,
                    anchor="middle",
                    bold=True,
                    fill=ink,
                    halo=halo,
                ),
                text(
                    x + TILE / 2,
                    y + 52,
                    format_number(value),
                    size={None: 11, SUPPRESSED: 22}.get(value, 15),
                    anchor="middle",
                    fill=ink,
                    halo=halo,
                ),
            )
        )

    legend_items = []
    if bins:
        legend_items = [(_tile_swatch(colour), bins.label(index)) for index, colour in enumerate(BIN_COLOURS)]
    if SUPPRESSED in figures.values():
        legend_items.append((suppressed_swatch(chart_id), suppressed_note()))
    if None in figures.values():
        legend_items.append((_no_data_swatch, NO_DATA))
    legend_top = map_top + GRID_ROWS * (TILE + GAP) + 12
    legend_markup, legend_height = legend(legend_items, x=MARGIN, y=legend_top, max_width=width - 2 * MARGIN)
    parts.append(legend_markup)

    return chart(
        chart_id,
        title=title,
        desc=_described(title, figure_label, unit, figures),
        width=width,
        height=legend_top + legend_height + 6,
        body=join(parts),
        kind="tiles",
    )


def _map_width() -> int:
    return 2 * MARGIN + GRID_COLUMNS * (TILE + GAP) - GAP
