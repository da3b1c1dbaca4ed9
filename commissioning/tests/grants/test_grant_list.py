"""The grant list: its filters, totals over everything filtered, and the CSV/XLSX exports of exactly that."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.models import TrancheStatus
from commissioning.tests.factories import FundFactory
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import grant_for
from programmes.models import Objective

pytestmark = pytest.mark.django_db


def _pay_first(grant):
    tranche = grant.tranches.get(number=1)
    tranche.status, tranche.released_at, tranche.paid_on = TrancheStatus.PAID, grant.awarded_at, date(2026, 5, 1)
    tranche.save()
    return tranche


@pytest.fixture
def grants(org_a, org_b):
    """Three grants: two to A (one from the schools fund, serving Croydon), one to B."""
    schools = FundFactory(name="MOPAC safer schools")
    return {
        "a1": grant_for(org_a, amount=Decimal("40000.00"), round__title="Summer round"),
        "a2": grant_for(
            org_a, amount=Decimal("12000.00"), boroughs=("Croydon",), round__fund=schools, project_title="Mentors"
        ),
        "b": grant_for(org_b, amount=Decimal("8000.00")),
    }


def test_staff_see_every_grant_with_the_totals_of_what_is_filtered(people, grants):
    _pay_first(grants["a1"])

    response = client_for(people["staff"]).get(reverse("commissioning:grant-list"))

    body = response.content.decode()
    assert all(grant.identifier in body for grant in grants.values())
    totals = response.context["totals"]
    assert (totals.count, totals.awarded, totals.paid) == (3, Decimal("60000.00"), Decimal("10000.00"))
    assert "£60,000.00" in body and "£10,000.00" in body


def test_a_partner_sees_only_their_organisations_grants(people, grants):
    response = client_for(people["partner"]).get(reverse("commissioning:grant-list"))

    shown = {grant.pk for grant in response.context["grants"]}
    assert shown == {grants["a1"].pk, grants["a2"].pk}
    assert response.context["totals"].awarded == Decimal("52000.00")
    assert "Northside Boxing Club" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda g: {"fund": g["a2"].fund_id}, {"a2"}),
        (lambda g: {"organisation": g["b"].organisation_id}, {"b"}),
        (lambda g: {"borough": g["a2"].application.boroughs.get().pk}, {"a2"}),
        (lambda g: {"q": "mentor"}, {"a2"}),
        (lambda g: {"q": g["b"].identifier}, {"b"}),
        (lambda g: {"objective": Objective.objects.get(number=5).pk}, {"a1", "a2", "b"}),
        (lambda g: {"objective": Objective.objects.get(number=1).pk}, set()),
        (lambda g: {"status": "closed"}, set()),
    ],
)
def test_filters(people, grants, params, expected):
    response = client_for(people["staff"]).get(reverse("commissioning:grant-list"), params(grants))

    assert {grant.pk for grant in response.context["grants"]} == {grants[key].pk for key in expected}
    assert response.context["totals"].count == len(expected)


def test_an_invalid_filter_shows_the_problem_and_no_grants(people, grants):
    response = client_for(people["staff"]).get(reverse("commissioning:grant-list"), {"fund": "999999"})

    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select a valid choice" in body
    assert list(response.context["grants"]) == []


def test_the_grant_export_is_the_filtered_list_as_csv(people, grants):
    _pay_first(grants["a2"])
    url = reverse("commissioning:grant-list-export")

    response = client_for(people["staff"]).get(url, {"fund": grants["a2"].fund_id, "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][:3] == ["Grant id", "Title", "Organisation"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Grant id"] == grants["a2"].identifier
    assert row["Boroughs"] == "Croydon"
    assert (row["Amount (£)"], row["Paid (£)"]) == ("12000.00", "3000.00")
    assert row["Start date"] == "2026-04-01"


def test_the_grant_export_as_xlsx_keeps_numbers_and_dates(people, grants):
    response = client_for(people["staff"]).get(reverse("commissioning:grant-list-export"), {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4
    amounts = sorted(row[7] for row in rows[1:])
    assert amounts == [8000, 12000, 40000]
    assert rows[1][9].date() == date(2026, 4, 1)


def test_the_payments_export_has_a_row_per_tranche_of_the_filtered_grants(people, grants):
    _pay_first(grants["a1"])

    response = client_for(people["staff"]).get(
        reverse("commissioning:payment-list-export"), {"organisation": grants["a1"].organisation_id, "format": "csv"}
    )

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == 8  # two grants to A, four payments each
    first = next(r for r in rows if r["Grant id"] == grants["a1"].identifier and r["Payment"] == "1")
    assert (first["Status"], first["Paid on"], first["Amount (£)"]) == ("Paid", "2026-05-01", "10000.00")
    second = next(r for r in rows if r["Grant id"] == grants["a1"].identifier and r["Payment"] == "2")
    assert (second["Condition"], second["Return quarter"]) == ("Monitoring return accepted", "2026-27 Q1")


def test_exports_refuse_an_unknown_format_or_a_bad_filter(people, grants):
    client = client_for(people["staff"])
    for name in ("grant-list-export", "payment-list-export"):
        assert client.get(reverse(f"commissioning:{name}"), {"format": "pdf"}).status_code == 400
        assert client.get(reverse(f"commissioning:{name}"), {"fund": "x", "format": "csv"}).status_code == 400


def test_text_that_looks_like_a_formula_is_made_safe(people, org_a):
    grant_for(org_a, project_title='=HYPERLINK("http://x")')

    body = client_for(people["staff"]).get(reverse("commissioning:grant-list-export")).getvalue().decode()

    assert "'=HYPERLINK" in body


def test_the_list_pages(people, org_a):
    for _ in range(27):
        grant_for(org_a, amount=Decimal("5000.00"))
    client = client_for(people["staff"])

    first = client.get(reverse("commissioning:grant-list"))
    second = client.get(reverse("commissioning:grant-list"), {"page": 2})

    assert len(first.context["grants"]) == 25
    assert len(second.context["grants"]) == 2
    assert second.context["totals"].count == 27
