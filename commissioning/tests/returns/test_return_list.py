"""The return list: VRU staff see every return with filters (status, overdue, quarter, fund, organisation)
and export what is filtered; partners see their own, what they owe first."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from commissioning.models import MonitoringReturn
from commissioning.services.returns import ReachRow, SpendRow
from commissioning.tests.factories import FundFactory
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import accepted, grant_for, return_of, submitted
from partners.models import Borough

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(org_a, org_b, people):
    """A's grant (Q1 accepted, Q2 submitted), B's grant from another fund; nothing overdue but A's Q3."""
    a = grant_for(org_a)
    b = grant_for(org_b, round__fund=FundFactory(name="MOPAC safer schools"))
    later = timezone.localdate() + timedelta(days=60)
    MonitoringReturn.objects.update(due_on=later)
    lines = list(a.application.budget_lines.order_by("order"))
    lambeth = Borough.objects.get(name="Lambeth")
    accepted(
        return_of(a, 1),
        people["staff"],
        user=people["partner"],
        spend=[SpendRow(lines[0].pk, Decimal("1000.00")), SpendRow(lines[1].pk, Decimal("250.50"))],
        reach=[ReachRow(lambeth.pk, "15_17", 12), ReachRow(lambeth.pk, "18_24", 3)],
    )
    submitted(return_of(a, 2), user=people["partner"])
    q3 = return_of(a, 3)
    q3.due_on = timezone.localdate() - timedelta(days=3)
    q3.save()
    return a, b


def listed(response):
    return [(r.grant_id, r.quarter) for r in response.context["returns"]]


def test_staff_see_every_return_those_awaiting_review_first(people, grants):
    a, _ = grants

    response = client_for(people["staff"]).get(reverse("commissioning:return-list"))

    rows = listed(response)
    assert len(rows) == 8
    assert rows[0] == (a.pk, 2)  # submitted: awaiting review
    assert rows[1] == (a.pk, 3)  # then by due date: A's Q3 was due three days ago
    body = response.content.decode()
    assert "Northside Boxing Club" in body
    assert 'govuk-tag--red">Overdue' in body


def test_a_partner_sees_their_own_returns_what_they_owe_first(people, grants):
    a, _ = grants

    response = client_for(people["partner"]).get(reverse("commissioning:return-list"))

    # Drafts first, soonest due first (Q3 is overdue); then what was submitted.
    assert listed(response) == [(a.pk, 3), (a.pk, 4), (a.pk, 1), (a.pk, 2)]
    assert "Download these" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda a, b: {"status": "overdue"}, {("a", 3)}),
        (lambda a, b: {"status": "accepted"}, {("a", 1)}),
        (lambda a, b: {"status": "submitted"}, {("a", 2)}),
        (lambda a, b: {"status": "draft", "organisation": a.organisation_id}, {("a", 3), ("a", 4)}),
        (lambda a, b: {"quarter": "2026-27 Q1"}, {("a", 1), ("b", 1)}),
        (lambda a, b: {"fund": b.fund_id}, {("b", 1), ("b", 2), ("b", 3), ("b", 4)}),
    ],
)
def test_filters(people, grants, params, expected):
    a, b = grants
    by_name = {"a": a.pk, "b": b.pk}

    response = client_for(people["staff"]).get(reverse("commissioning:return-list"), params(a, b))

    assert set(listed(response)) == {(by_name[key], quarter) for key, quarter in expected}


def test_the_quarter_filter_offers_the_quarters_that_have_returns(people, grants):
    body = client_for(people["staff"]).get(reverse("commissioning:return-list")).content.decode()

    for quarter in ("2026-27 Q1", "2026-27 Q4"):
        assert f'<option value="{quarter}">{quarter}</option>' in body
    response = client_for(people["staff"]).get(reverse("commissioning:return-list"), {"quarter": "2030-31 Q1"})
    assert "Select a valid choice" in response.content.decode()
    assert listed(response) == []


def test_the_export_is_the_filtered_list_with_totals(people, grants):
    a, _ = grants

    response = client_for(people["staff"]).get(
        reverse("commissioning:return-list-export"), {"organisation": a.organisation_id, "format": "csv"}
    )

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == 4
    q1 = next(row for row in rows if row["Quarter"] == "2026-27 Q1")
    assert (q1["Status"], q1["Reviewed by"], q1["Spend in the quarter (£)"], q1["Young people reached"]) == (
        "Accepted",
        "Staff Persona",
        "1250.50",
        "15",
    )
    q3 = next(row for row in rows if row["Quarter"] == "2026-27 Q3")
    assert (q3["Overdue"], q3["Spend in the quarter (£)"], q3["Young people reached"]) == ("Yes", "", "0")


def test_the_export_as_xlsx(people, grants):
    response = client_for(people["staff"]).get(
        reverse("commissioning:return-list-export"), {"status": "accepted", "format": "xlsx"}
    )

    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][4] == "2026-27 Q1"
    assert rows[1][12] == 1250.5  # a number in the workbook, not text


def test_the_export_refuses_a_bad_format_or_filter(people, grants):
    client = client_for(people["staff"])
    assert client.get(reverse("commissioning:return-list-export"), {"format": "ods"}).status_code == 400
    assert client.get(reverse("commissioning:return-list-export"), {"status": "lost"}).status_code == 400


def test_the_choices_follow_the_viewer_even_after_the_api_schema_was_built(people, grants):
    """Building the schema builds the filters' form fields from the classes; the pages must not reuse them."""
    client_for(people["staff"]).get(reverse("api-schema"), {"format": "json"})

    partner = client_for(people["partner"]).get(reverse("commissioning:return-list")).content.decode()
    grants_page = client_for(people["partner"]).get(reverse("commissioning:grant-list")).content.decode()

    assert '<option value="2026-27 Q1">2026-27 Q1</option>' in partner
    for body in (partner, grants_page):
        assert "Southside Youth Trust</option>" in body
        assert "Northside Boxing Club" not in body
