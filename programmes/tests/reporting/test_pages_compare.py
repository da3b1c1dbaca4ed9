"""Comparing two reports: the figures of A and B side by side with B − A, suppressed for PRG members, and bad
or missing choices answered with the form and its errors, never a 500."""

import re

import pytest
from django.urls import reverse

from programmes.tests.reporting.sample_snapshot import ROLES, client_for, expect, make_report, sample_snapshot

pytestmark = pytest.mark.django_db

COMPARE = reverse("programmes:report-compare")


@pytest.fixture
def reports(db):
    later = sample_snapshot("2025-Q2", london_value="500")
    objective_1 = later["objectives"][0]["summary"]
    objective_1["reach_total"] = 30  # from 3: PRG members see "*" then "30"
    objective_1["budget"]["paid"] = "13000.75"  # from 12500.25
    objective_1["programmes"]["active"] = 5  # from 2
    return {"a": make_report("2025-Q1"), "b": make_report("2025-Q2", data=later), "month": make_report("2025-04")}


def row(body: str, section: str, measure: str) -> list[str]:
    part = body[body.index(f">{section}</caption>") :]
    cells = re.search(re.escape(f">{measure}</th>") + r"(.*?)</tr>", part, re.S)[1]
    return re.findall(r">([^<]*)</td>", cells)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_compare(personas, reports, role):
    response = client_for(personas, role).get(COMPARE, {"a": "quarter/2025-Q1", "b": "quarter/2025-Q2"})

    assert response.status_code == expect(200, 200, 403)[role]


def test_staff_see_both_reports_and_the_change(personas, reports):
    body = client_for(personas, "staff").get(COMPARE, {"a": "quarter/2025-Q1", "b": "quarter/2025-Q2"}).content.decode()

    objective = "Objective 1: Supporting individuals to be more resilient"
    assert "A: 2025-26 Q1 (April to June 2025)" in body and "B: 2025-26 Q2 (July to September 2025)" in body
    assert row(body, objective, "Programmes: active") == ["2", "5", "+3"]
    assert row(body, objective, "Young people reached: in all") == ["3", "30", "+27"]
    assert row(body, objective, "Budget: paid") == ["£12,500.25", "£13,000.75", "+£500.50"]
    assert row(body, objective, "Milestones: done") == ["3", "3", "No change"]
    assert row(body, "Aim 1: Stabilising and reducing violence across London", "Returns: due") == [
        "4",
        "4",
        "No change",
    ]
    population = re.search(r"Knife crime with injury victims under 25 <span.*?</tr>", body, re.S)[0]
    assert re.findall(r">([^<]*)</td>", population) == ["561", "500", "-61"]
    assert "Counts of people from 1 to 7" not in body


def test_prg_members_compare_suppressed_counts_and_exact_money(personas, reports):
    body = client_for(personas, "prg").get(COMPARE, {"a": "quarter/2025-Q1", "b": "quarter/2025-Q2"}).content.decode()

    objective = "Objective 1: Supporting individuals to be more resilient"
    assert "Counts of people from 1 to 7 are shown as *, others rounded to the nearest 5." in body
    assert row(body, objective, "Young people reached: in all") == ["*", "30", "–"]
    assert row(
        body,
        "Objective 5: Keeping schools safe, keeping young people in school and improving alternatives",
        "Young people reached: in all",
    ) == ["10", "10", "No change"]
    assert row(body, objective, "Budget: paid") == ["£12,500.25", "£13,000.75", "+£500.50"]
    population = re.search(r"Knife crime with injury victims under 25 <span.*?</tr>", body, re.S)[0]
    assert re.findall(r">([^<]*)</td>", population) == ["560", "500", "-60"]


def test_reports_of_different_kinds_can_be_compared(personas, reports):
    response = client_for(personas, "staff").get(COMPARE, {"a": "month/2025-04", "b": "quarter/2025-Q1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'A is <a class="govuk-link" href="/reports/month/2025-04/">April 2025</a> (monthly)' in body
    # A monthly report has no quarterly hospital admissions: no figure, so no change.
    hospital = re.search(r"Hospital admissions for assault with a sharp object <span.*?</tr>", body, re.S)[0]
    assert re.findall(r">([^<]*)</td>", hospital) == ["–", "561", "–"]


def test_without_choices_the_page_offers_the_form_without_errors(personas, reports):
    body = client_for(personas, "prg").get(COMPARE).content.decode()

    assert "There is a problem" not in body
    assert '<select name="a"' in body and '<select name="b"' in body
    assert "By objective" not in body


@pytest.mark.parametrize(
    ("params", "messages"),
    [
        ({"a": "quarter/2025-Q1"}, ["Choose the second report (B)"]),
        ({"a": "", "b": ""}, ["Choose the first report (A)", "Choose the second report (B)"]),
        ({"a": "quarter/2031-Q1", "b": "quarter/2025-Q2"}, ["Choose a report from the list"]),
        ({"a": "../../etc/passwd", "b": "quarter/2025-Q2"}, ["Choose a report from the list"]),
        ({"a": "quarter/2025-Q1", "b": "quarter/2025-Q1"}, ["Choose a different report from the first one"]),
    ],
    ids=["b-missing", "both-empty", "unknown-report", "nonsense", "same-twice"],
)
def test_bad_choices_come_back_with_their_errors(personas, reports, params, messages):
    response = client_for(personas, "staff").get(COMPARE, params)

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    for message in messages:
        assert body.count(message) == 2  # in the summary and beside the field
    assert "By objective" not in body
