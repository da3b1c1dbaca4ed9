"""The report's SVG charts: well-formed, described in words, escaped, and readable without colour."""

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString

from programmes.reporting.charts import (
    BOROUGH_ABBREVIATIONS,
    BOROUGH_NAMES,
    TILE_LAYOUT,
    borough_bars,
    rag_grid,
    tile_map,
    trend_chart,
)
from programmes.reporting.charts import svg as chart_svg
from programmes.reporting.charts.tiles import BIN_COLOURS, GRID_COLUMNS, GRID_ROWS

NS = {"svg": "http://www.w3.org/2000/svg"}
MONTHS = ["Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024", "Nov 2024", "Dec 2024"]
MONTHS += ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025"]
HOSTILE = '<script>alert("x")</script> & co'


def parse(markup):
    return ET.fromstring(str(markup))


def texts(root) -> list[str]:
    """What the <text> elements say, line by line in document order: what a sighted reader sees."""
    lines = []
    for node in root.iter(f"{{{NS['svg']}}}text"):
        spans = node.findall("svg:tspan", NS)
        lines.extend(["".join(span.itertext()) for span in spans] if spans else ["".join(node.itertext())])
    return lines


def title_and_desc(root) -> tuple[str, str]:
    return root.find("svg:title", NS).text, root.find("svg:desc", NS).text


def assert_is_an_accessible_chart(markup, chart_id):
    assert isinstance(markup, SafeString)  # templates insert it as it is
    root = parse(markup)
    assert root.tag == f"{{{NS['svg']}}}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    assert root.find("svg:title", NS).get("id") == f"{chart_id}-title"
    assert root.find("svg:desc", NS).get("id") == f"{chart_id}-desc"
    # Several charts share a page: every id is the chart's own, and every pattern used is defined.
    ids = [node.get("id") for node in root.iter() if node.get("id")]
    assert len(ids) == len(set(ids))
    assert all(node_id == chart_id or node_id.startswith(f"{chart_id}-") for node_id in ids)
    for node in root.iter():
        for reference in re.findall(r"url\(#([^)]+)\)", node.get("fill", "")):
            assert reference in ids
    return root


def trend_points():
    values = ["12", "15", None, "20", "18", "*", "22", "19", "17", "16", "14", "15"]
    previous = ["15", "17", "16", "*", "21", "23", "20", None, "18", "19", "20", "21"]
    return [
        {"label": label, "value": value, "previous": before}
        for label, value, before in zip(MONTHS, values, previous, strict=True)
    ]


def borough_rows():
    values = {"E09000022": "25", "E09000028": "22", "E09000025": 20, "E09000007": Decimal("9"), "E09000001": "*"}
    previous = {"E09000022": "20", "E09000028": "*", "E09000025": "30", "E09000007": "9"}
    return [
        {"code": code, "name": name, "value": values.get(code), "previous": previous.get(code)}
        for code, name in BOROUGH_NAMES.items()
    ]


# Shared helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "integer", "ticks"),
    [
        (12, True, ["0", "5", "10", "15"]),
        (130, True, ["0", "50", "100", "150"]),
        (151, True, ["0", "50", "100", "150", "200"]),
        (7, True, ["0", "2", "4", "6", "8"]),
        (1, True, ["0", "1", "2", "3"]),
        (0, True, ["0", "1", "2", "3"]),
        (Decimal("0.5"), False, ["0", "0.2", "0.4", "0.6"]),
        (100, True, ["0", "25", "50", "75", "100"]),
    ],
)
def test_ticks_are_round_and_start_at_zero(maximum, integer, ticks):
    assert chart_svg.nice_ticks(maximum, integer=integer) == [Decimal(tick) for tick in ticks]


def test_there_are_always_four_or_five_even_ticks_covering_the_data():
    for maximum in [*range(1, 400), 999, 1001, 12345, 987654, Decimal("3.7"), Decimal("0.04"), Decimal("17.25")]:
        integer = Decimal(maximum) == int(maximum)
        ticks = chart_svg.nice_ticks(maximum, integer=integer)
        steps = {later - earlier for earlier, later in itertools.pairwise(ticks)}
        assert 4 <= len(ticks) <= 5, maximum
        assert ticks[0] == 0 and ticks[-1] >= maximum and len(steps) == 1, maximum
        # The top tick wastes no more than half the axis.
        assert ticks[-1] < 2 * Decimal(maximum) or maximum < 3, maximum
        if integer:
            assert all(tick == int(tick) for tick in ticks), maximum


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("1234", "1,234"),
        (1000000, "1,000,000"),
        ("12.00", "12"),
        (Decimal("12.50"), "12.5"),
        ("0.333", "0.33"),
        ("-4", "-4"),
        ("*", "*"),
        (None, "No data"),
        ("", "No data"),
    ],
)
def test_numbers_are_written_with_separators_and_no_trailing_zeros(value, written):
    assert chart_svg.format_number(value) == written


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", True, "1,000"])
def test_anything_but_a_figure_star_or_none_is_refused(value):
    with pytest.raises(ValueError, match="is not a figure"):
        chart_svg.parse_value(value)


@pytest.mark.parametrize("chart_id", ["", "1st", "a b", '"><script>', "x" * 65, None])
def test_a_chart_id_must_be_usable_as_an_svg_id(chart_id):
    with pytest.raises(ValueError, match="not a usable chart id"):
        trend_chart(trend_points(), chart_id=chart_id, title="T", unit="victims")


def test_colours_meet_wcag_contrast_on_white():
    for colour in (chart_svg.TEXT, chart_svg.BLUE, chart_svg.GREY, chart_svg.GREEN, chart_svg.RED):
        assert chart_svg.contrast_ratio(colour, chart_svg.WHITE) >= 4.5
    # Orange fails 3:1 on white, which is why amber squares carry a dark outline and stripes.
    assert chart_svg.contrast_ratio(chart_svg.ORANGE, chart_svg.WHITE) < 3
    for colour in BIN_COLOURS:
        assert chart_svg.contrast_ratio(chart_svg.text_colour_on(colour), colour) >= 4.5


# Trend ------------------------------------------------------------------------------------------


def test_trend_chart_draws_both_years_with_words_and_shapes():
    root = assert_is_an_accessible_chart(
        trend_chart(trend_points(), chart_id="homicides-trend", title="Homicides", unit="victims"),
        "homicides-trend",
    )
    title, desc = title_and_desc(root)
    assert title == "Homicides"
    assert desc.startswith("Homicides. Line chart of victims from Jul 2024 to Jun 2025")
    assert "This year: 12 in Jul 2024, 15 in Jun 2025; highest 22 in Jan 2025." in desc
    assert "Year before: 15 in Jul 2024, 21 in Jun 2025; highest 23 in Dec 2024." in desc
    assert "1 period shown as * (fewer than 8); 1 period with no data." in desc

    written = texts(root)
    # Legend, direct labels at the line ends (with the last figures), axis, and the gaps.
    assert written.count("This year") == 2 and written.count("Year before") == 2
    assert {"15", "21", "* fewer than 8, not shown", "Victims"} <= set(written)
    assert written.count("*") == 2 + 1  # one per series' gap, plus the legend swatch
    assert written.count("No data") == 2
    assert [label for label in written if label in {"0", "10", "20", "30"}] == ["0", "10", "20", "30"]
    # Twelve months: every other one is written under the axis.
    assert "Jul 2024" in written and "Sep 2024" in written and "Aug 2024" not in written

    # This year: solid, circles; the year before: dashed, squares. A gap breaks the line.
    paths = root.findall(".//svg:path[@fill='none']", NS)
    solid = [path for path in paths if path.get("stroke-dasharray") is None]
    dashed = [path for path in paths if path.get("stroke-dasharray") == "8 5"]
    assert len(solid) == 3  # Jul–Aug, Oct–Nov, Jan–Jun
    assert len(dashed) == 3  # Jul–Sep, Nov–Jan, Mar–Jun
    filled_circles = [c for c in root.iter(f"{{{NS['svg']}}}circle") if c.get("fill") == chart_svg.BLUE]
    assert len(filled_circles) == 10 + 1  # ten figures plus the legend's marker


def test_a_short_trend_writes_every_label_and_handles_decimals_and_ints():
    points = [
        {"label": "Q1", "value": Decimal("1234.5"), "previous": 1100},
        {"label": "Q2", "value": "130", "previous": "151.25"},
    ]
    root = assert_is_an_accessible_chart(
        trend_chart(
            points, chart_id="t", title="Rate", unit="per 100,000", current_label="2025", previous_label="2024"
        ),
        "t",
    )
    written = texts(root)
    assert {"Q1", "Q2", "2025", "2024", "130", "151.25", "1,500"} <= set(written)
    assert "2025: 1,234.5 in Q1, 130 in Q2; highest 1,234.5 in Q1." in title_and_desc(root)[1]


@pytest.mark.parametrize(("count", "written_every"), [(6, 1), (12, 2), (24, 3)])
def test_x_labels_thin_out_so_they_never_overlap(count, written_every):
    points = [{"label": f"P{index:02}", "value": index, "previous": None} for index in range(count)]
    written = [
        label for label in texts(parse(trend_chart(points, chart_id="t", title="T", unit="u"))) if label[0] == "P"
    ]
    assert written == [f"P{index:02}" for index in range(0, count, written_every)]


@pytest.mark.parametrize(
    "points",
    [[], [{"label": "Jul 2024", "value": None, "previous": None}, {"label": "Aug 2024", "value": None}]],
)
def test_a_trend_with_nothing_to_draw_says_so(points):
    root = assert_is_an_accessible_chart(trend_chart(points, chart_id="empty", title="Homicides", unit="v"), "empty")
    assert texts(root) == ["No data for this period"]
    assert title_and_desc(root) == ("Homicides", "Homicides: no data for this period.")


def test_a_trend_of_only_suppressed_counts_still_marks_them():
    points = [{"label": label, "value": "*", "previous": "*"} for label in MONTHS[:3]]
    written = texts(parse(trend_chart(points, chart_id="stars", title="T", unit="victims")))
    assert written.count("*") == 6 + 1
    assert "* fewer than 8, not shown" in written


def test_trend_text_is_escaped():
    points = [{"label": HOSTILE, "value": "3", "previous": "4"}]
    markup = str(trend_chart(points, chart_id="x", title=HOSTILE, unit=HOSTILE, current_label=HOSTILE))
    assert "<script" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in markup
    root = parse(markup)
    assert title_and_desc(root)[0] == HOSTILE
    assert HOSTILE in texts(root)


# Bars -------------------------------------------------------------------------------------------


def _bar_names(root):
    names = set(BOROUGH_NAMES.values())
    return [label for label in texts(root) if label in names]


def test_borough_bars_are_sorted_with_values_written_and_the_year_before_marked():
    root = assert_is_an_accessible_chart(
        borough_bars(borough_rows(), chart_id="knife-bars", title="Knife crime", unit="victims"), "knife-bars"
    )
    names = _bar_names(root)
    assert names[:5] == ["Lambeth", "Southwark", "Newham", "Camden", "City of London"]
    assert names[5:] == sorted(names[5:]) and len(names) == 33  # no data: by name, at the end
    written = texts(root)
    for figure in ("25", "22", "20", "9", "*", "30"):
        assert figure in written
    assert written.count("No data") == 28 + 29  # this year's missing bars and the year-before column
    assert {"This year", "Year before", "Victims", "* fewer than 8, not shown"} <= set(written)
    # One bar per borough with a figure, one hatched stub for the "*", one tick per year-before figure.
    bars = [rect for rect in root.iter(f"{{{NS['svg']}}}rect") if rect.get("fill") == chart_svg.BLUE]
    assert len(bars) == 4 + 1  # plus the legend swatch
    hatched = [rect for rect in root.iter(f"{{{NS['svg']}}}rect") if rect.get("fill") == "url(#knife-bars-suppressed)"]
    assert len(hatched) == 1 + 1
    ticks = [line for line in root.iter(f"{{{NS['svg']}}}line") if line.get("stroke-width") == "3"]
    assert len(ticks) == 3 + 1  # Lambeth, Newham, Camden; plus the legend
    _, desc = title_and_desc(root)
    assert "Highest: Lambeth 25 (year before 20), Southwark 22 (year before *), Newham 20 (year before 30)." in desc
    assert "Lowest shown: Camden 9 (year before 9)." in desc
    assert "1 borough shown as * (fewer than 8); 28 boroughs with no data." in desc


def test_borough_bars_can_show_only_the_highest():
    root = parse(borough_bars(borough_rows(), chart_id="top", title="Top", unit="victims", limit=3))
    assert _bar_names(root) == ["Lambeth", "Southwark", "Newham"]
    assert "Bar chart of victims for the 3 highest of 33 boroughs" in title_and_desc(root)[1]
    assert "* fewer than 8, not shown" in texts(root)  # Southwark's year before


def test_bars_grow_taller_with_more_rows():
    def height(count):
        rows = [{"name": f"Borough {n}", "code": "", "value": n, "previous": None} for n in range(1, count + 1)]
        return float(parse(borough_bars(rows, chart_id="b", title="B", unit="u")).get("viewBox").split()[3])

    assert height(30) - height(3) == pytest.approx(27 * 28)


def test_borough_bars_with_no_figures_say_so():
    rows = [{"name": name, "code": code, "value": None, "previous": None} for code, name in BOROUGH_NAMES.items()]
    for given in (rows, []):
        assert texts(parse(borough_bars(given, chart_id="b", title="B", unit="u"))) == ["No data for this period"]


def test_bar_labels_are_escaped():
    rows = [{"name": HOSTILE, "code": "E09000001", "value": "12", "previous": "8"}]
    markup = str(borough_bars(rows, chart_id="b", title=HOSTILE, unit=HOSTILE))
    assert "<script" not in markup and HOSTILE in texts(parse(markup))


# RAG grid ---------------------------------------------------------------------------------------

QUARTERS = ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3"]


def rag_rows():
    return [
        {
            "label": "1. Supporting individuals at risk of violence and their families",
            "cells": {
                "2025-26 Q1": {"rag": "green", "green": 2, "amber": 1, "red": 0, "none": 1},
                "2025-26 Q2": {"rag": "amber", "green": 0, "amber": 2, "red": 0, "none": 0},
            },
        },
        {
            "label": "2. Communities",
            "cells": {
                "2025-26 Q1": {"rag": "red", "green": 0, "amber": 0, "red": 3, "none": 0},
                "2025-26 Q2": {"rag": "none", "green": 0, "amber": 0, "red": 0, "none": 2},
                "2025-26 Q3": {"rag": "green", "green": 1, "amber": 0, "red": 0, "none": 0},
            },
        },
    ]


def test_rag_grid_writes_the_rating_counts_and_gaps_in_words():
    root = assert_is_an_accessible_chart(rag_grid(rag_rows(), QUARTERS, chart_id="rag", title="Objectives"), "rag")
    written = texts(root)
    assert written[:6] == ["Green", "Amber", "Red", "No data", "–", "No figures"]
    cells = [label for label in written[6:] if label in {"Green", "Amber", "Red", "No data", "–"}]
    assert cells == ["Green", "Amber", "–", "Red", "No data", "Green"]
    assert {"2G 1A 1N", "2A", "3R", "2N", "1G"} <= set(written)
    assert [label for label in written if label in QUARTERS] == QUARTERS
    # Long labels wrap onto several lines rather than running into the first quarter.
    assert "1. Supporting individuals at risk of" in written
    assert "2. Communities" in written

    # Amber and red are striped and crossed, not only coloured; every square has a dark outline.
    cell_groups = [group for group in root.findall("svg:g", NS) if group.find("svg:title", NS) is not None]
    fills = [group.find("svg:rect", NS).get("fill") for group in cell_groups if group.find("svg:rect", NS) is not None]
    assert fills == ["#00703c", "url(#rag-amber)", "url(#rag-red)", chart_svg.LIGHT_GREY, "#00703c"]
    assert fills.count("url(#rag-amber)") == 1 and fills.count("url(#rag-red)") == 1
    squares = [r for r in root.iter(f"{{{NS['svg']}}}rect") if r.get("width") == str(chart_svg.SWATCH)]
    assert squares and all(square.get("stroke") == chart_svg.TEXT for square in squares)

    _, desc = title_and_desc(root)
    assert "RAG ratings of 2 rows for 3 quarters: 2025-26 Q1, 2025-26 Q2, 2025-26 Q3." in desc
    assert "2025-26 Q1: 1 green, 0 amber, 1 red, 0 no data." in desc
    assert "2025-26 Q3: 1 green, 0 amber, 0 red, 0 no data; 1 without figures." in desc


def test_rag_grid_escapes_labels_and_refuses_unknown_ratings():
    rows = [{"label": HOSTILE, "cells": {HOSTILE: {"rag": "green", "green": 1}}}]
    markup = str(rag_grid(rows, [HOSTILE], chart_id="r", title=HOSTILE))
    assert "<script" not in markup
    assert HOSTILE in texts(parse(markup))
    with pytest.raises(ValueError, match="not a RAG rating"):
        rag_grid([{"label": "x", "cells": {"Q1": {"rag": "purple"}}}], ["Q1"], chart_id="r", title="R")


@pytest.mark.parametrize(("rows", "quarters"), [([], QUARTERS), (rag_rows(), [])])
def test_an_empty_rag_grid_says_so(rows, quarters):
    assert texts(parse(rag_grid(rows, quarters, chart_id="r", title="R"))) == ["No data for this period"]


# Tile map ---------------------------------------------------------------------------------------


def test_the_tile_layout_places_every_borough_once_within_the_grid():
    assert set(TILE_LAYOUT) == set(BOROUGH_NAMES) == set(BOROUGH_ABBREVIATIONS)
    assert len(BOROUGH_NAMES) == 33
    assert len(set(TILE_LAYOUT.values())) == 33
    assert all(0 <= column < GRID_COLUMNS and 0 <= row < GRID_ROWS for column, row in TILE_LAYOUT.values())
    abbreviations = list(BOROUGH_ABBREVIATIONS.values())
    assert len(set(abbreviations)) == 33 and all(re.fullmatch(r"[A-Z]{3}", a) for a in abbreviations)
    assert {
        "E09000007": "CMD",
        "E09000019": "ISL",
        "E09000012": "HAC",
        "E09000030": "TOW",
        "E09000001": "CTY",
    }.items() <= (BOROUGH_ABBREVIATIONS.items())


def test_the_tile_layout_is_roughly_geographic():
    def where(name):
        return TILE_LAYOUT[next(code for code, known in BOROUGH_NAMES.items() if known == name)]

    assert where("Enfield")[1] == 0 and where("Sutton")[1] == max(row for _, row in TILE_LAYOUT.values())
    assert where("Hillingdon")[0] == 0 and where("Havering")[0] == GRID_COLUMNS - 1
    # North of the river above south of it; the City between Westminster and Tower Hamlets.
    assert where("Camden")[1] < where("Westminster")[1] <= where("Lambeth")[1] - 1
    assert where("Westminster")[0] < where("City of London")[0] < where("Tower Hamlets")[0]
    assert where("Croydon")[1] > where("Southwark")[1] and where("Bromley")[0] > where("Croydon")[0]


@pytest.mark.django_db
def test_the_borough_constants_match_the_boroughs_loaded_by_migration():
    from partners.models import Borough

    assert dict(Borough.objects.values_list("ons_code", "name")) == BOROUGH_NAMES


def test_tile_map_shades_writes_and_explains_every_borough():
    values = {code: str(index * 2) for index, code in enumerate(sorted(BOROUGH_NAMES))}  # 0 … 64
    values["E09000007"] = "*"
    del values["E09000033"]
    root = assert_is_an_accessible_chart(
        tile_map(values, chart_id="tiles", title="Knife crime", unit="victims", figure_label="Knife crime, Q1"),
        "tiles",
    )
    written = texts(root)
    for code, abbreviation in BOROUGH_ABBREVIATIONS.items():
        assert abbreviation in written, code
    assert "Knife crime, Q1" in written
    assert {"0", "2", "62", "*", "No data"} <= set(written)
    # Five round bins covering 0–64, written as ranges, then the keys to "*" and "No data".
    legend = ["0 to 14", "15 to 29", "30 to 44", "45 to 59", "60 to 75", "*", "* fewer than 8, not shown", "No data"]
    assert written[-8:] == legend

    tiles = root.findall("svg:g", NS)
    by_abbreviation = {"".join(tile.findall("svg:text", NS)[0].itertext()): tile for tile in tiles if len(tile) == 4}
    assert len(by_abbreviation) == 33
    assert by_abbreviation["CTY"].find("svg:rect", NS).get("fill") == BIN_COLOURS[0]  # City: 0
    assert by_abbreviation["WND"].find("svg:rect", NS).get("fill") == BIN_COLOURS[4]  # Wandsworth: 62
    assert by_abbreviation["CMD"].find("svg:rect", NS).get("fill") == "url(#tiles-suppressed)"
    assert by_abbreviation["WST"].find("svg:rect", NS).get("stroke-dasharray") == "3 2"
    for tile in by_abbreviation.values():
        fill = tile.find("svg:rect", NS).get("fill")
        for label in tile.findall("svg:text", NS):
            # Text on a shaded tile is dark or white, whichever reaches 4.5:1; on white or hatching, dark.
            background = fill if fill.startswith("#") else chart_svg.WHITE
            assert chart_svg.contrast_ratio(label.get("fill"), background) >= 4.5

    _, desc = title_and_desc(root)
    assert "Tile map of London's 33 boroughs" in desc and "shaded by Knife crime, Q1 (victims)" in desc
    assert "Highest: Wandsworth 62, Waltham Forest 60, Tower Hamlets 58." in desc
    assert "Lowest: City of London 0, Barking and Dagenham 2, Barnet 4." in desc
    assert "1 borough shown as * (fewer than 8); 1 borough with no data." in desc


def test_tile_map_bins_of_decimal_figures_are_half_open_ranges():
    values = {code: Decimal(index) / 4 for index, code in enumerate(sorted(BOROUGH_NAMES))}  # 0 … 8
    written = texts(parse(tile_map(values, chart_id="rate", title="Rate", unit="per 1,000", figure_label="Rate")))
    assert written[-5:] == ["0 to under 2", "2 to under 4", "4 to under 6", "6 to under 8", "8 to 10"]
    assert "0.25" in written and "7.75" in written


def test_tile_map_refuses_codes_outside_london_and_says_when_there_is_nothing():
    with pytest.raises(ValueError, match="Not London borough codes: W06000015"):
        tile_map({"W06000015": "3"}, chart_id="m", title="M", unit="u", figure_label="F")
    for values in ({}, dict.fromkeys(BOROUGH_NAMES)):
        root = parse(tile_map(values, chart_id="m", title="M", unit="u", figure_label="F"))
        assert texts(root) == ["No data for this period"]


def test_tile_map_text_is_escaped():
    markup = str(tile_map({"E09000001": "3"}, chart_id="m", title=HOSTILE, unit=HOSTILE, figure_label=HOSTILE))
    assert "<script" not in markup and HOSTILE in texts(parse(markup))
