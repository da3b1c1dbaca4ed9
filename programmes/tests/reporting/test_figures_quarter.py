"""The 2025-26 Q1 report (April to June 2025) of the fixed data set, against figures worked out by hand.

The data set and its dates are listed in ``fixtures.py``; each expectation says how it was counted.
"""

from datetime import date

import pytest

from programmes.reporting.figures import build_snapshot
from programmes.reporting.periods import ReportPeriod
from programmes.tests.reporting.fixtures import aim, build_report_data, named, objective

pytestmark = pytest.mark.django_db

QUARTER = ReportPeriod.parse("2025-Q1")


@pytest.fixture
def fixed():
    return build_report_data()


@pytest.fixture
def report(fixed):
    return build_snapshot(QUARTER, today=date(2025, 7, 21))


def test_the_period_thresholds_and_version_are_recorded(report):
    assert report["version"] == 1
    assert report["period"] == {
        "kind": "quarter",
        "slug": "2025-Q1",
        "label": "2025-26 Q1 (April to June 2025)",
        "short_label": "2025-26 Q1",
        "start": "2025-04-01",
        "end": "2025-06-30",
        "financial_year": "2025-26",
    }
    assert report["thresholds"] == {"green_percent": 100, "amber_percent": 90, "suppress_below": 8, "round_to": 5}
    assert [row["number"] for row in report["objectives"]] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [(row["number"], row["objectives"]) for row in report["aims"]] == [
        (1, [1, 5, 7]),
        (2, [2, 3, 4, 6]),
        (3, [8]),
    ]
    assert objective(report, 8)["aims"] == [3]


def test_programmes_are_those_running_in_the_quarter_by_status(report):
    # Objective 1: Alpha (active) and Bravo (paused). Objective 5: Bravo. Objective 8: Bravo and
    # Charlie (closed, ended 30 April 2025, so it still ran in the quarter).
    assert objective(report, 1)["summary"]["programmes"] == {
        "planned": 0, "active": 1, "paused": 1, "closed": 0, "total": 2
    }  # fmt: skip
    assert objective(report, 5)["summary"]["programmes"]["total"] == 1
    assert objective(report, 8)["summary"]["programmes"] == {
        "planned": 0, "active": 0, "paused": 1, "closed": 1, "total": 2
    }  # fmt: skip
    # Aim 1 (objectives 1, 5, 7): Alpha and Bravo, Bravo counted once though it serves 1 and 5.
    assert aim(report, 1)["summary"]["programmes"]["total"] == 2
    assert aim(report, 2)["summary"]["programmes"]["total"] == 0


def test_milestones_as_at_the_end_of_june(report):
    # Alpha: m1 done 10 May (done); m2 due 15 Jun open (late); m3 due 30 Sep (on track);
    #        m4 due 20 Jun, done 5 Jul, after the end (late); m10 due 15 Oct (on track).
    # Bravo: m5 done 20 Mar, before the quarter (not counted); m6 done 30 Jun (done);
    #        m7 done 1 May (done); m8 due Jan 2026 (on track).
    # Charlie: m9 due 15 Apr, open (late).
    # Objective 1 = Alpha + Bravo: done 1+2 = 3, late 2+0 = 2, on track 2+1 = 3.
    assert objective(report, 1)["summary"]["milestones"] == {"on_track": 3, "late": 2, "done": 3}
    assert objective(report, 5)["summary"]["milestones"] == {"on_track": 1, "late": 0, "done": 2}
    # Objective 8 = Bravo + Charlie: done 2, late 0+1, on track 1.
    assert objective(report, 8)["summary"]["milestones"] == {"on_track": 1, "late": 1, "done": 2}
    # Aim 1 counts Bravo's milestones once, not once for objective 1 and again for 5.
    assert aim(report, 1)["summary"]["milestones"] == {"on_track": 3, "late": 2, "done": 3}
    assert aim(report, 3)["summary"]["milestones"] == {"on_track": 1, "late": 1, "done": 2}


def test_each_indicator_against_its_target_for_the_quarter(report, fixed):
    alpha, bravo = fixed.programmes["alpha"].pk, fixed.programmes["bravo"].pk
    common = {"quarters": "2025-26 Q1"}
    assert objective(report, 1)["indicators"] == [
        # 37 / 40 = 92.5%: amber (at least 90, under 100).
        {"programme": "Alpha mentoring", "programme_id": alpha, "name": "Sessions delivered", "unit": "sessions",
         "direction": "up", "counts_people": False, "target": "40.00", "actual": "37.00",
         "percent_of_target": "92.5", "rag": "amber", **common},
        # 98 / 120 = 81.67%: red.
        {"programme": "Alpha mentoring", "programme_id": alpha, "name": "Young people mentored",
         "unit": "young people", "direction": "up", "counts_people": True, "target": "120.00", "actual": "98.00",
         "percent_of_target": "81.7", "rag": "red", **common},
        # Lower is better: 10 / 12 = 83.33%: red.
        {"programme": "Bravo schools", "programme_id": bravo, "name": "Knife incidents at school gates",
         "unit": "incidents", "direction": "down", "counts_people": False, "target": "10.00", "actual": "12.00",
         "percent_of_target": "83.3", "rag": "red", **common},
        # No actual yet: no data.
        {"programme": "Bravo schools", "programme_id": bravo, "name": "Teachers trained", "unit": "teachers",
         "direction": "up", "counts_people": False, "target": "20.00", "actual": None,
         "percent_of_target": None, "rag": "none", **common},
    ]  # fmt: skip
    campaign = named(objective(report, 8)["indicators"], "Campaign reach")
    # A target of 0 when higher is better is met by anything: green, with no percentage.
    assert (campaign["target"], campaign["actual"], campaign["percent_of_target"], campaign["rag"]) == (
        "0.00",
        "5.00",
        None,
        "green",
    )


def test_indicators_by_rag_and_the_grid_of_quarters(report):
    assert objective(report, 1)["summary"]["indicators_rag"] == {"green": 0, "amber": 1, "red": 2, "none": 1}
    # Objective 8: Bravo's two (red, none) and Charlie's campaign (green).
    assert objective(report, 8)["summary"]["indicators_rag"] == {"green": 1, "amber": 0, "red": 1, "none": 1}
    # Aim 1 counts Bravo's indicators once: Alpha's 2 and Bravo's 2.
    assert aim(report, 1)["summary"]["indicators_rag"] == {"green": 0, "amber": 1, "red": 2, "none": 1}
    # One quarter of 2025-26 has ended by 30 June; red is the worst with data.
    assert objective(report, 1)["rag_by_quarter"] == [
        {"quarter": "2025-26 Q1", "rag": "red", "green": 0, "amber": 1, "red": 2, "none": 1}
    ]
    assert objective(report, 2)["rag_by_quarter"] == [
        {"quarter": "2025-26 Q1", "rag": "none", "green": 0, "amber": 0, "red": 0, "none": 0}
    ]


def test_budget_per_objective_and_fund(report):
    # 2025-26 fund only. G1 (objective 1, £40,000.00) was awarded on 15 March 2025; of its tranches
    # only the first (£10,000.00, 10 April) was paid by 30 June. G2 (objective 8) was awarded at
    # 00:30 on 1 July London time, which is 30 June in UTC: not yet awarded. G3 is the 2024-25 fund's.
    assert objective(report, 1)["summary"]["budget"] == {
        "total": "300000.00",
        "awarded": "40000.00",
        "paid": "10000.00",
    }
    assert objective(report, 8)["summary"]["budget"] == {"total": "150000.50", "awarded": "0.00", "paid": "0.00"}
    # Aim 1 = objectives 1 and 5: 300,000.00 + 100,000.00 set aside.
    assert aim(report, 1)["summary"]["budget"] == {"total": "400000.00", "awarded": "40000.00", "paid": "10000.00"}
    assert report["funds"] == [
        {
            "name": "VRU core budget 2025-26",
            "financial_year": "2025-26",
            "total": "1000000.00",
            "awarded": "40000.00",
            "paid": "10000.00",
        }
    ]


def test_active_grants_and_returns_due_in_the_quarter(report):
    # Objective 1: G1 (from 1 April 2025) and G3 (to 30 June 2025), whichever fund. Objective 8: G2.
    assert objective(report, 1)["summary"]["grants_active"] == 2
    assert objective(report, 8)["summary"]["grants_active"] == 1
    # Due 14 April 2025: G3's 2024-25 Q4 return (accepted) and G2's (still a draft on 21 July: overdue).
    assert objective(report, 1)["summary"]["returns"] == {"due": 1, "overdue": 0, "accepted": 1}
    assert objective(report, 8)["summary"]["returns"] == {"due": 1, "overdue": 1, "accepted": 0}
    assert aim(report, 1)["summary"]["grants_active"] == 2
    assert aim(report, 3)["summary"]["returns"] == {"due": 1, "overdue": 1, "accepted": 0}


def test_reach_from_the_quarters_accepted_returns(report):
    reach = report["reach"]
    assert reach["basis"] == "Accepted returns for 2025-26 Q1"
    assert [band["code"] for band in reach["age_bands"]] == ["under_10", "10_14", "15_17", "18_24", "25_plus"]
    assert reach["age_bands"][0] == {"code": "under_10", "label": "Under 10"}
    assert len(reach["boroughs"]) == 33
    assert reach["boroughs"][0]["name"] == "Barking and Dagenham"
    assert reach["boroughs"][0]["total"] == 0
    # 2025-26 Q1 accepted: G1 (Croydon 12 + 3, Hackney 20), G2 (Southwark 8), G3 (Lambeth 7).
    # G1's draft Q2 (Hackney 11) and G3's 2024-25 returns (Lambeth 40, 25) are left out.
    croydon = named(reach["boroughs"], "Croydon")
    assert croydon == {
        "code": "E09000008",
        "name": "Croydon",
        "counts": {"under_10": 0, "10_14": 0, "15_17": 12, "18_24": 3, "25_plus": 0},
        "total": 15,
    }
    assert named(reach["boroughs"], "Hackney")["total"] == 20
    assert named(reach["boroughs"], "Lambeth")["counts"]["18_24"] == 7
    # 10-14: 20; 15-17: 12 + 8 = 20; 18-24: 3 + 7 = 10; in all 50.
    assert reach["totals"] == {"under_10": 0, "10_14": 20, "15_17": 20, "18_24": 10, "25_plus": 0}
    assert reach["total"] == 50
    # Objective 1: G1 35 + G3 7 = 42; objective 8: G2 8.
    assert objective(report, 1)["summary"]["reach_total"] == 42
    assert objective(report, 8)["summary"]["reach_total"] == 8
    assert aim(report, 1)["summary"]["reach_total"] == 42


def test_population_figures_by_borough_against_the_year_before(report):
    population = report["population"]
    assert [row["name"] for row in population] == [
        "Homicides",
        "Hospital admissions for assault with a sharp object",
        "Knife crime with injury victims under 25",
        "Violence against the person offences",
    ]
    knife = named(population, "Knife crime with injury victims under 25")
    assert (knife["code"], knife["frequency"], knife["counts_people"], knife["applies"], knife["is_demo"]) == (
        "knife-crime-injury-victims-u25",
        "month",
        True,
        True,
        False,
    )
    assert len(knife["boroughs"]) == 33
    # Croydon: 4 + 6 + 3 = 13 against 5 + 5 + 7 = 17. Hackney: 2, none before. Lambeth: none, 9 before.
    assert named(knife["boroughs"], "Croydon") == {
        "code": "E09000008",
        "name": "Croydon",
        "value": "13",
        "previous": "17",
    }
    assert named(knife["boroughs"], "Hackney")["value"] == "2"
    assert named(knife["boroughs"], "Hackney")["previous"] is None
    assert named(knife["boroughs"], "Lambeth")["value"] is None
    assert named(knife["boroughs"], "Lambeth")["previous"] == "9"
    assert named(knife["boroughs"], "Bexley")["value"] is None
    # London: 13 + 2 = 15 against 17 + 9 = 26.
    assert knife["london"] == {"value": "15", "previous": "26"}
    # The 12 months to June 2025, each with the month a year before.
    assert [point["label"] for point in knife["trend"]][:2] == ["Jul 2024", "Aug 2024"]
    assert len(knife["trend"]) == 12
    assert knife["trend"][0] == {"label": "Jul 2024", "value": "8", "previous": None}
    assert knife["trend"][3] == {"label": "Oct 2024", "value": "6", "previous": None}
    # May 2025: Croydon 6 + Hackney 2; June: 3 against Croydon 7 + Lambeth 9 = 16.
    assert knife["trend"][-3:] == [
        {"label": "Apr 2025", "value": "4", "previous": "5"},
        {"label": "May 2025", "value": "8", "previous": "5"},
        {"label": "Jun 2025", "value": "3", "previous": "16"},
    ]

    homicides = named(population, "Homicides")
    assert homicides["is_demo"] is True
    assert homicides["london"] == {"value": "1", "previous": None}

    admissions = named(population, "Hospital admissions for assault with a sharp object")
    assert admissions["frequency"] == "quarter"
    assert admissions["applies"] is True
    assert admissions["london"] == {"value": "17", "previous": "10"}  # Croydon 12 + Hackney 5; Croydon 10
    assert admissions["trend"] == [
        {"label": "2024-25 Q2", "value": None, "previous": None},
        {"label": "2024-25 Q3", "value": None, "previous": None},
        {"label": "2024-25 Q4", "value": None, "previous": None},
        {"label": "2025-26 Q1", "value": "17", "previous": "10"},
    ]
    violence = named(population, "Violence against the person offences")
    assert violence["counts_people"] is False
    assert violence["london"] == {"value": "250", "previous": None}
