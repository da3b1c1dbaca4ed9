from datetime import date

import pytest

from programmes.reporting.periods import ReportPeriod, working_day_number
from programmes.reporting.snapshot import suppressed
from programmes.reporting.suppression import suppress_count


@pytest.mark.parametrize(
    ("slug", "kind", "start", "end", "label"),
    [
        ("2025-04", "month", date(2025, 4, 1), date(2025, 4, 30), "April 2025"),
        ("2026-02", "month", date(2026, 2, 1), date(2026, 2, 28), "February 2026"),
        ("2025-Q1", "quarter", date(2025, 4, 1), date(2025, 6, 30), "2025-26 Q1 (April to June 2025)"),
        ("2025-Q4", "quarter", date(2026, 1, 1), date(2026, 3, 31), "2025-26 Q4 (January to March 2026)"),
        ("2025-26", "year", date(2025, 4, 1), date(2026, 3, 31), "Financial year 2025-26"),
        ("1999-00", "year", date(1999, 4, 1), date(2000, 3, 31), "Financial year 1999-00"),
    ],
)
def test_periods_are_read_from_their_slugs_and_written_back(slug, kind, start, end, label):
    period = ReportPeriod.parse(slug)
    assert (period.kind, period.start, period.end, period.label, period.slug) == (kind, start, end, label, slug)
    assert ReportPeriod.of(kind, start) == period


@pytest.mark.parametrize("slug", ["2025-13", "2025-Q5", "2025-27", "25-Q1", "", "2025/04", "April 2025"])
def test_other_text_is_not_a_period(slug):
    with pytest.raises(ValueError, match="is not a period"):
        ReportPeriod.parse(slug)


def test_neighbours_and_the_year_before():
    quarter = ReportPeriod.parse("2025-Q1")
    assert (quarter.previous().slug, quarter.following().slug, quarter.year_before().slug) == (
        "2024-Q4",
        "2025-Q2",
        "2024-Q1",
    )
    assert ReportPeriod.parse("2026-01").previous().slug == "2025-12"
    assert ReportPeriod.parse("2025-12").following().slug == "2026-01"
    assert [q.label for q in ReportPeriod.parse("2025-26").quarters()] == [
        "2025-26 Q1",
        "2025-26 Q2",
        "2025-26 Q3",
        "2025-26 Q4",
    ]
    assert ReportPeriod.parse("2025-05").quarters() == []


def test_the_latest_ended_period_of_each_kind():
    today = date(2026, 11, 21)
    assert ReportPeriod.latest_ended("month", today).slug == "2026-10"
    assert ReportPeriod.latest_ended("quarter", today).slug == "2026-Q2"
    assert ReportPeriod.latest_ended("year", today).slug == "2025-26"
    assert not ReportPeriod.parse("2026-11").has_ended(today)
    assert ReportPeriod.parse("2026-10").has_ended(today)


def test_a_period_starts_only_where_one_of_its_kind_does():
    with pytest.raises(ValueError, match="No quarter period starts on 1 May 2025"):
        ReportPeriod.of("quarter", date(2025, 5, 1))


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (date(2026, 1, 1), None),  # New Year's Day
        (date(2026, 1, 2), 1),
        (date(2026, 1, 8), 5),
        (date(2026, 1, 10), None),  # a Saturday
        (date(2026, 12, 7), 5),
        (date(2026, 5, 8), 5),  # 4 May is the early May bank holiday: 1, 5, 6, 7, 8 May
    ],
)
def test_working_days_leave_out_weekends_and_englands_bank_holidays(day, number):
    assert working_day_number(day) == number


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, "*"), (7, "*"), (8, 10), (12, 10), (13, 15), (17, 15), (18, 20), (22, 20), (23, 25), (1234, 1235)],
)
def test_small_counts_are_hidden_and_others_rounded_to_the_nearest_five(count, shown):
    assert suppress_count(count) == shown
    assert suppress_count(str(count)) == shown


def test_unknown_counts_stay_unknown():
    assert suppress_count(None) is None


def test_the_suppressed_snapshot_hides_people_but_never_money_or_work_counts():
    data = {
        "objectives": [
            {
                "summary": {"reach_total": 12, "programmes": {"active": 3}, "budget": {"paid": "1234.56"}},
                "indicators": [
                    {"counts_people": True, "target": "20.00", "actual": "6.00", "percent_of_target": "30.0"},
                    {"counts_people": False, "target": "4.00", "actual": "3.00", "percent_of_target": "75.0"},
                ],
            }
        ],
        "reach": {"boroughs": [{"counts": {"15_17": 3, "18_24": 0}, "total": 3}], "totals": {"15_17": 3}, "total": 3},
        "population": [
            {"counts_people": True, "boroughs": [{"value": "2", "previous": "9"}], "london": {"value": "11"},
             "trend": [{"value": "5", "previous": None}]},
            {"counts_people": False, "boroughs": [{"value": "3", "previous": "4"}], "london": {"value": "7"},
             "trend": []},
        ],
    }  # fmt: skip
    shown = suppressed(data)
    objective = shown["objectives"][0]
    assert objective["summary"] == {"reach_total": 10, "programmes": {"active": 3}, "budget": {"paid": "1234.56"}}
    assert objective["indicators"][0] == {
        "counts_people": True,
        "target": 20,
        "actual": "*",
        "percent_of_target": None,
    }
    assert objective["indicators"][1]["actual"] == "3.00"
    assert shown["reach"]["boroughs"][0] == {"counts": {"15_17": "*", "18_24": 0}, "total": "*"}
    assert shown["population"][0]["boroughs"][0] == {"value": "*", "previous": 10}
    assert shown["population"][0]["london"] == {"value": 10}
    assert shown["population"][0]["trend"][0] == {"value": "*", "previous": None}
    assert shown["population"][1]["boroughs"][0] == {"value": "3", "previous": "4"}
    assert data["reach"]["total"] == 3  # the stored snapshot is untouched
