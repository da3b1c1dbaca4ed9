"""How the report pages write figures: counts, "*" and no data; money to the penny; changes only between two
numbers; and the tile map's figure chosen from what the report holds."""

from decimal import Decimal

import pytest

from programmes.reporting import presenters
from programmes.tests.reporting.sample_snapshot import sample_snapshot


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        ("", "–"),
        ("*", "*"),
        (0, "0"),
        (12, "12"),
        ("1234.50", "1,234.5"),
        ("40.00", "40"),
        (1500, "1,500"),
    ],
)
def test_figures_are_written_plainly(value, shown):
    assert presenters.show(value) == shown


@pytest.mark.parametrize(
    ("value", "previous", "shown"),
    [
        ("12", "15", "-3"),
        (20, 5, "+15"),
        ("7.5", "7.5", "No change"),
        ("*", 10, "–"),
        (10, None, "–"),
        (None, None, "–"),
    ],
)
def test_a_change_needs_two_numbers(value, previous, shown):
    assert presenters.show_change(value, previous) == shown


def test_money_is_never_rounded():
    assert presenters.show_money("1234.56") == "£1,234.56"
    assert presenters.show_money("0.01") == "£0.01"
    assert presenters.show_money(None) == "–"
    assert presenters.money("6800000.10") == Decimal("6800000.10")
    assert presenters.show_money_change("13000.75", "12500.25") == "+£500.50"
    assert presenters.show_money_change("12500.25", "13000.75") == "-£500.50"
    assert presenters.show_money_change("1.00", "1.00") == "No change"


def test_the_percentage_of_target_is_written_with_its_sign():
    assert presenters.show_percent("81.7") == "81.7%"
    assert presenters.show_percent(None) == "–"


def test_a_summary_reads_every_measure():
    summary = sample_snapshot()["objectives"][0]["summary"]

    view = presenters.summary_view(summary)

    assert view["programmes"] == [("active", "2"), ("planned", "0"), ("paused", "0"), ("closed", "1"), ("in all", "3")]
    assert view["budget"] == [("total", "£50,000.00"), ("awarded", "£30,000.50"), ("paid", "£12,500.25")]
    assert [(item["label"], item["count"]) for item in view["indicators_rag"]] == [
        ("Green", "2"),
        ("Amber", "1"),
        ("Red", "1"),
        ("No data", "0"),
    ]
    assert (view["grants_active"], view["reach_total"]) == ("2", "3")


def test_the_map_offers_the_figures_that_apply_then_reach():
    quarter = presenters.map_choices(sample_snapshot("2025-Q1"))
    month = presenters.map_choices(sample_snapshot("2025-04"))

    assert [code for code, _ in quarter] == [
        "homicides",
        "hospital-admissions-sharp-object",
        "knife-crime-injury-victims-u25",
        "violence-against-the-person",
        "reach",
    ]
    assert "hospital-admissions-sharp-object" not in [code for code, _ in month]  # quarterly: not in a month


def test_a_snapshot_with_no_population_or_reach_still_makes_a_page():
    data = sample_snapshot()
    data["population"] = []
    del data["reach"]

    page = presenters.report_page(data)

    assert page["tile_map"] is None and page["reach"] is None and page["population"] == []
    assert len(page["aims"]) == 3
