"""The rules under the report's figures: RAG thresholds, aggregation, periods with nothing in them, the JSON."""

import json
from datetime import date
from decimal import Decimal

import pytest

from programmes.models import Aggregation, Direction
from programmes.reporting.figures import build_snapshot
from programmes.reporting.figures.common import plain_number, rag_of
from programmes.reporting.figures.indicators import aggregate, report_quarters
from programmes.reporting.figures.population import trend_spans
from programmes.reporting.periods import ReportPeriod
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, ProgrammeFactory
from programmes.tests.reporting.fixtures import build_report_data, named, objective


@pytest.mark.parametrize(
    ("direction", "target", "actual", "expected"),
    [
        (Direction.UP, "100", "100", ("green", "100.0")),
        (Direction.UP, "100", "90", ("amber", "90.0")),
        (Direction.UP, "100", "89.9", ("red", "89.9")),
        # 89.96% shows as 90.0, and the colour agrees with what is shown.
        (Direction.UP, "100", "89.96", ("amber", "90.0")),
        (Direction.UP, "0", "0", ("green", None)),
        (Direction.UP, "50", "0", ("red", "0.0")),
        (Direction.DOWN, "10", "0", ("green", None)),
        (Direction.DOWN, "9", "10", ("amber", "90.0")),
        (Direction.DOWN, "0", "4", ("red", "0.0")),
        (Direction.UP, None, "4", ("none", None)),
        (Direction.DOWN, "4", None, ("none", None)),
    ],
)
def test_rag_against_the_target(direction, target, actual, expected):
    def number(text):
        return None if text is None else Decimal(text)

    assert rag_of(direction, number(target), number(actual)) == expected


def test_rag_thresholds_are_settings(settings):
    settings.REPORT_RAG_GREEN_PERCENT = 95
    settings.REPORT_RAG_AMBER_PERCENT = 80
    assert rag_of(Direction.UP, Decimal("100"), Decimal("95")) == ("green", "95.0")
    assert rag_of(Direction.UP, Decimal("100"), Decimal("80")) == ("amber", "80.0")
    assert rag_of(Direction.UP, Decimal("100"), Decimal("79.9")) == ("red", "79.9")


@pytest.mark.parametrize(
    ("aggregation", "numbers", "expected"),
    [
        (Aggregation.SUM, ["1.50", "2.25"], Decimal("3.75")),
        (Aggregation.LATEST, ["7", "3"], Decimal("3")),
        (Aggregation.MEAN, ["1", "2", "2"], Decimal("1.67")),  # 5 / 3 = 1.666…
        (Aggregation.SUM, [], None),
        (Aggregation.MEAN, [], None),
    ],
)
def test_quarters_aggregate_by_the_indicators_rule(aggregation, numbers, expected):
    assert aggregate(aggregation, [Decimal(n) for n in numbers]) == expected


def test_population_figures_are_written_without_trailing_zeros():
    assert [plain_number(Decimal(v)) for v in ("130.00", "12.50", "0.00")] == ["130", "12.5", "0"]
    assert plain_number(None) is None


@pytest.mark.parametrize(
    ("slug", "quarters"),
    [
        ("2025-04", ["2024-25 Q4"]),
        ("2025-06", ["2025-26 Q1"]),
        ("2026-01", ["2025-26 Q3"]),
        ("2025-Q3", ["2025-26 Q3"]),
    ],
)
def test_a_month_reads_the_latest_quarter_ended_by_its_end(slug, quarters):
    assert [q.label for q in report_quarters(ReportPeriod.parse(slug))] == quarters


def test_a_quarterly_trend_has_the_quarters_lying_in_the_12_months():
    spans = trend_spans("quarter", date(2025, 12, 31))
    # January to December 2025: 2024-25 Q4 to 2025-26 Q3.
    assert [(now.label, before.label) for now, before in spans] == [
        ("2024-25 Q4", "2023-24 Q4"),
        ("2025-26 Q1", "2024-25 Q1"),
        ("2025-26 Q2", "2024-25 Q2"),
        ("2025-26 Q3", "2024-25 Q3"),
    ]
    months = trend_spans("month", date(2026, 2, 28))
    assert (months[0][0].label, months[-1][0].label, months[-1][1].label) == ("Mar 2025", "Feb 2026", "Feb 2025")
    assert (months[-1][0].start, months[-1][0].end) == (date(2026, 2, 1), date(2026, 2, 28))


@pytest.mark.django_db
def test_a_report_of_an_empty_year_still_lists_every_objective_borough_and_age_band():
    data = build_snapshot(ReportPeriod.parse("2023-Q2"), today=date(2023, 10, 20))
    assert len(data["objectives"]) == 8
    assert objective(data, 3)["indicators"] == []
    assert objective(data, 3)["summary"]["budget"] == {"total": "0.00", "awarded": "0.00", "paid": "0.00"}
    assert data["funds"] == []
    assert len(data["reach"]["boroughs"]) == 33
    assert data["reach"]["boroughs"][-1]["name"] == "Westminster"
    assert data["reach"]["total"] == 0
    assert len(data["population"]) == 4
    knife = named(data["population"], "Knife crime with injury victims under 25")
    assert knife["london"] == {"value": None, "previous": None}
    assert knife["is_demo"] is False
    assert len(knife["trend"]) == 12


@pytest.mark.django_db
def test_the_snapshot_is_plain_json_and_survives_a_round_trip():
    build_report_data()
    data = build_snapshot(ReportPeriod.parse("2025-Q1"), today=date(2025, 7, 21))
    assert json.loads(json.dumps(data)) == data
    assert isinstance(data["built_at"], str)


@pytest.mark.django_db
def test_a_month_before_any_quarter_of_the_year_has_ended():
    build_report_data()
    data = build_snapshot(ReportPeriod.parse("2025-04"), today=date(2025, 5, 12))
    assert (
        data["reach"]["basis"]
        == "Accepted returns for 2025-26 to date: no quarter of 2025-26 had ended by 30 April 2025"
    )
    assert data["reach"]["total"] == 0
    assert objective(data, 1)["rag_by_quarter"] == []
    # April reads 2024-25 Q4, for which the fixed data set has no values.
    assert {row["quarters"] for row in objective(data, 1)["indicators"]} == {"2024-25 Q4"}
    assert {row["rag"] for row in objective(data, 1)["indicators"]} == {"none"}
    # G2's and G3's 2024-25 Q4 returns fell due on 14 April.
    assert objective(data, 1)["summary"]["returns"] == {"due": 1, "overdue": 0, "accepted": 1}
    assert objective(data, 8)["summary"]["returns"] == {"due": 1, "overdue": 1, "accepted": 0}


@pytest.mark.django_db
def test_indicators_are_listed_by_programme_then_name_and_only_for_programmes_running_then():
    early = ProgrammeFactory(title="Zulu outreach", start_date=date(2025, 4, 1), end_date=date(2025, 6, 30))
    late = ProgrammeFactory(title="Able youth", start_date=date(2025, 7, 1), end_date=date(2026, 3, 31))
    for programme, quarter, names in ((early, 1, ["b second", "A first"]), (late, 3, ["only"])):
        for name in names:
            IndicatorValueFactory(indicator=IndicatorFactory(programme=programme, name=name), quarter=quarter)
    q1 = build_snapshot(ReportPeriod.parse("2025-Q1"), today=date(2025, 7, 21))
    assert [row["name"] for row in objective(q1, 5)["indicators"]] == ["A first", "b second"]
    year = build_snapshot(ReportPeriod.parse("2025-26"), today=date(2026, 4, 20))
    assert [(row["programme"], row["name"]) for row in objective(year, 5)["indicators"]] == [
        ("Able youth", "only"),
        ("Zulu outreach", "A first"),
        ("Zulu outreach", "b second"),
    ]
    # Q2's grid counts only the programme running in Q2 (Able youth's one indicator, with no Q2 value).
    assert objective(year, 5)["rag_by_quarter"][1] == {
        "quarter": "2025-26 Q2", "rag": "none", "green": 0, "amber": 0, "red": 0, "none": 1
    }  # fmt: skip


@pytest.mark.django_db
def test_progress_is_told_as_each_section_starts():
    told = []
    build_snapshot(ReportPeriod.parse("2025-Q1"), today=date(2025, 7, 21), progress=lambda p, s: told.append((p, s)))
    assert told == [
        (10, "Counting programmes and milestones"),
        (40, "Indicators"),
        (60, "Budgets, grants and returns"),
        (80, "Reach"),
        (90, "Population indicators"),
    ]
