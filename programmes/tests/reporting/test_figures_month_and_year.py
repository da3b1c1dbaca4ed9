"""The October 2025 and 2025-26 reports of the fixed data set, against figures worked out by hand.

The data set and its dates are listed in ``fixtures.py``.
"""

from datetime import date

import pytest

from programmes.reporting.figures import build_snapshot
from programmes.reporting.periods import ReportPeriod
from programmes.tests.reporting.fixtures import aim, build_report_data, named, objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def october():
    build_report_data()
    return build_snapshot(ReportPeriod.parse("2025-10"), today=date(2025, 11, 10))


@pytest.fixture
def year():
    build_report_data()
    return build_snapshot(ReportPeriod.parse("2025-26"), today=date(2026, 4, 20))


# --- October 2025 -------------------------------------------------------------------------------


def test_a_month_report_counts_programmes_and_milestones_in_the_month(october):
    assert october["period"] == {
        "kind": "month",
        "slug": "2025-10",
        "label": "October 2025",
        "short_label": "Oct 2025",
        "start": "2025-10-01",
        "end": "2025-10-31",
        "financial_year": "2025-26",
    }
    # Charlie ended in April: objective 8 has only Bravo.
    assert objective(october, 8)["summary"]["programmes"] == {
        "planned": 0, "active": 0, "paused": 1, "closed": 0, "total": 1
    }  # fmt: skip
    # Alpha: m10 done 10 Oct (done); m2 due June and m3 due September, open (late); m1 and m4 were
    # done before October (not counted). Bravo: m8 due January (on track); the rest done earlier.
    assert objective(october, 1)["summary"]["milestones"] == {"on_track": 1, "late": 2, "done": 1}
    assert objective(october, 8)["summary"]["milestones"] == {"on_track": 1, "late": 0, "done": 0}


def test_a_month_report_reads_the_latest_quarter_ended_by_the_months_end(october):
    rows = objective(october, 1)["indicators"]
    assert {row["quarters"] for row in rows} == {"2025-26 Q2"}
    # Q2: 44 / 40 = 110%; 130 / 120 = 108.33%; lower is better: 10 / 9 = 111.11%; no Q2 value.
    assert [(row["name"], row["target"], row["actual"], row["percent_of_target"], row["rag"]) for row in rows] == [
        ("Sessions delivered", "40.00", "44.00", "110.0", "green"),
        ("Young people mentored", "120.00", "130.00", "108.3", "green"),
        ("Knife incidents at school gates", "10.00", "9.00", "111.1", "green"),
        ("Teachers trained", None, None, None, "none"),
    ]
    assert objective(october, 1)["summary"]["indicators_rag"] == {"green": 3, "amber": 0, "red": 0, "none": 1}
    # Q1 and Q2 have ended by 31 October. Q2 for objective 8 has only Bravo's: Charlie ended in Q1.
    assert objective(october, 1)["rag_by_quarter"] == [
        {"quarter": "2025-26 Q1", "rag": "red", "green": 0, "amber": 1, "red": 2, "none": 1},
        {"quarter": "2025-26 Q2", "rag": "green", "green": 3, "amber": 0, "red": 0, "none": 1},
    ]
    assert objective(october, 8)["rag_by_quarter"] == [
        {"quarter": "2025-26 Q1", "rag": "red", "green": 1, "amber": 0, "red": 1, "none": 1},
        {"quarter": "2025-26 Q2", "rag": "green", "green": 1, "amber": 0, "red": 0, "none": 1},
    ]


def test_a_month_report_counts_money_grants_and_returns_to_the_months_end(october):
    # G1: tranches paid 10 April and 20 July, £10,000.00 each. G2 awarded 1 July; £6,250.14 paid 2 July.
    assert objective(october, 1)["summary"]["budget"] == {
        "total": "300000.00", "awarded": "40000.00", "paid": "20000.00"
    }  # fmt: skip
    assert objective(october, 8)["summary"]["budget"] == {
        "total": "150000.50", "awarded": "25000.50", "paid": "6250.14"
    }  # fmt: skip
    # £40,000.00 + £25,000.50 awarded; £20,000.00 + £6,250.14 paid.
    assert october["funds"][0]["awarded"] == "65000.50"
    assert october["funds"][0]["paid"] == "26250.14"
    # G3 ended in June.
    assert objective(october, 1)["summary"]["grants_active"] == 1
    # Due 14 October: G1's Q2 (a draft on 10 November: overdue), G2's Q2 (accepted).
    assert objective(october, 1)["summary"]["returns"] == {"due": 1, "overdue": 1, "accepted": 0}
    assert objective(october, 8)["summary"]["returns"] == {"due": 1, "overdue": 0, "accepted": 1}


def test_a_month_report_shows_reach_for_the_financial_year_to_date(october):
    reach = october["reach"]
    assert reach["basis"] == "Accepted returns for 2025-26 to date (Q1 to Q2)"
    # Q1 as in the quarter report (50), plus G2's accepted Q2 (Southwark 15-17: 30) = 80.
    # G1's draft Q2 (Hackney 11) is left out.
    assert named(reach["boroughs"], "Southwark")["counts"]["15_17"] == 38
    assert named(reach["boroughs"], "Hackney")["total"] == 20
    assert reach["totals"] == {"under_10": 0, "10_14": 20, "15_17": 50, "18_24": 10, "25_plus": 0}
    assert reach["total"] == 80
    assert objective(october, 1)["summary"]["reach_total"] == 42
    assert objective(october, 8)["summary"]["reach_total"] == 38  # 8 + 30


def test_a_month_report_leaves_quarterly_population_figures_out(october):
    admissions = named(october["population"], "Hospital admissions for assault with a sharp object")
    assert admissions["applies"] is False
    assert admissions["london"] == {"value": None, "previous": None}
    assert {row["value"] for row in admissions["boroughs"]} == {None}
    assert admissions["trend"] == []

    knife = named(october["population"], "Knife crime with injury victims under 25")
    assert knife["applies"] is True
    # Croydon October 2025: 5, against October 2024: 6.
    assert named(knife["boroughs"], "Croydon")["value"] == "5"
    assert knife["london"] == {"value": "5", "previous": "6"}
    # November 2024 to October 2025.
    assert [point["label"] for point in knife["trend"]] == [
        "Nov 2024", "Dec 2024", "Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025",
        "May 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025", "Oct 2025",
    ]  # fmt: skip
    assert knife["trend"][0] == {"label": "Nov 2024", "value": None, "previous": None}
    assert knife["trend"][8] == {"label": "Jul 2025", "value": "10", "previous": "8"}
    assert knife["trend"][11] == {"label": "Oct 2025", "value": "5", "previous": "6"}
    # No homicide in October, but the trend shows May's demo figure: the indicator says so.
    homicides = named(october["population"], "Homicides")
    assert homicides["london"] == {"value": None, "previous": None}
    assert homicides["is_demo"] is True


# --- Financial year 2025-26 ---------------------------------------------------------------------


def test_a_year_report_counts_milestones_as_at_the_years_end(year):
    assert year["period"]["label"] == "Financial year 2025-26"
    assert (year["period"]["start"], year["period"]["end"]) == ("2025-04-01", "2026-03-31")
    assert objective(year, 8)["summary"]["programmes"]["total"] == 2
    # Alpha: m1, m4, m10 done; m2, m3 late. Bravo: m6, m7 done; m8 (due January) late; m5 done in
    # March 2025, before the year. Objective 1 = Alpha + Bravo: done 3+2 = 5, late 2+1 = 3.
    assert objective(year, 1)["summary"]["milestones"] == {"on_track": 0, "late": 3, "done": 5}
    assert objective(year, 8)["summary"]["milestones"] == {"on_track": 0, "late": 2, "done": 2}
    assert aim(year, 1)["summary"]["milestones"] == {"on_track": 0, "late": 3, "done": 5}


def test_a_year_report_aggregates_each_indicator_by_its_own_rule(year):
    rows = objective(year, 1)["indicators"]
    assert {row["quarters"] for row in rows} == {"2025-26 Q1 to Q4"}
    assert [(row["name"], row["target"], row["actual"], row["percent_of_target"], row["rag"]) for row in rows] == [
        # Mean of the quarters with a value: targets (40 + 40) / 2 = 40; actuals (37 + 44) / 2 = 40.5;
        # 40.5 / 40 = 101.25% → 101.3: green.
        ("Sessions delivered", "40.00", "40.50", "101.3", "green"),
        # Sum: targets 120 + 120 + 100 = 340; actuals 98 + 130 = 228 (Q3 has none); 67.06%: red.
        ("Young people mentored", "340.00", "228.00", "67.1", "red"),
        # Latest quarter with a value, Q2: 10 against 9, lower is better: 111.11%: green.
        ("Knife incidents at school gates", "10.00", "9.00", "111.1", "green"),
        # A target but no actual in any quarter.
        ("Teachers trained", "20.00", None, None, "none"),
    ]
    assert objective(year, 8)["summary"]["indicators_rag"] == {"green": 2, "amber": 0, "red": 0, "none": 1}
    assert [cell["rag"] for cell in objective(year, 1)["rag_by_quarter"]] == ["red", "green", "none", "none"]
    # Q3: Alpha's two and Bravo's two running, none with an actual.
    assert objective(year, 1)["rag_by_quarter"][2] == {
        "quarter": "2025-26 Q3", "rag": "none", "green": 0, "amber": 0, "red": 0, "none": 4
    }  # fmt: skip
    assert objective(year, 8)["rag_by_quarter"][3] == {
        "quarter": "2025-26 Q4", "rag": "none", "green": 0, "amber": 0, "red": 0, "none": 2
    }  # fmt: skip


def test_a_year_report_counts_money_grants_and_returns_of_the_year(year):
    # G1's third tranche was paid on 20 January 2026: £30,000.00 in all.
    assert objective(year, 1)["summary"]["budget"] == {"total": "300000.00", "awarded": "40000.00", "paid": "30000.00"}
    assert year["funds"] == [
        {
            "name": "VRU core budget 2025-26",
            "financial_year": "2025-26",
            "total": "1000000.00",
            "awarded": "65000.50",
            "paid": "36250.14",  # 30,000.00 + 6,250.14
        }
    ]
    assert objective(year, 1)["summary"]["grants_active"] == 2
    # Objective 1 due in the year: G1 Q1 (accepted), Q2 (draft, overdue), Q3 (accepted) - its Q4 is
    # due 14 April 2026, after the year - and G3's 2024-25 Q4 and 2025-26 Q1 (both accepted).
    assert objective(year, 1)["summary"]["returns"] == {"due": 5, "overdue": 1, "accepted": 4}
    # Objective 8: G2's 2024-25 Q4 (draft, overdue), Q1 and Q2 (accepted), Q3 (returned, not overdue).
    assert objective(year, 8)["summary"]["returns"] == {"due": 4, "overdue": 1, "accepted": 2}


def test_a_year_report_shows_reach_for_its_four_quarters(year):
    reach = year["reach"]
    assert reach["basis"] == "Accepted returns for the four quarters of 2025-26"
    # The October figures (80) plus G1's accepted Q3 (Hackney 15-17: 9); G2's returned Q3 is left out.
    assert named(reach["boroughs"], "Hackney")["counts"] == {
        "under_10": 0, "10_14": 20, "15_17": 9, "18_24": 0, "25_plus": 0
    }  # fmt: skip
    assert reach["total"] == 89
    assert objective(year, 1)["summary"]["reach_total"] == 51  # 42 + 9
    assert aim(year, 3)["summary"]["reach_total"] == 38


def test_a_year_report_sums_a_years_population_figures(year):
    knife = named(year["population"], "Knife crime with injury victims under 25")
    # Croydon 2025-26: 4 + 6 + 3 + 10 + 5 = 28; 2024-25: 5 + 5 + 7 + 8 + 6 = 31.
    assert named(knife["boroughs"], "Croydon")["value"] == "28"
    assert named(knife["boroughs"], "Croydon")["previous"] == "31"
    # London: 28 + Hackney 2 = 30; 31 + Lambeth 9 = 40.
    assert knife["london"] == {"value": "30", "previous": "40"}
    assert knife["trend"][0] == {"label": "Apr 2025", "value": "4", "previous": "5"}
    assert knife["trend"][-1] == {"label": "Mar 2026", "value": None, "previous": None}
    admissions = named(year["population"], "Hospital admissions for assault with a sharp object")
    assert admissions["london"] == {"value": "17", "previous": "10"}
    assert [point["label"] for point in admissions["trend"]] == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4"]
    assert admissions["trend"][0] == {"label": "2025-26 Q1", "value": "17", "previous": "10"}
