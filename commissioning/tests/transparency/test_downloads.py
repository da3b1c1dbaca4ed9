"""The 360Giving downloads: JSON, CSV and XLSX of every awarded grant, for anyone, under the standard's titles."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.giving360.flat import GRANT_FIELDS, NUMBERED, ROLLED_UP, TRAILING_FIELDS
from commissioning.tests.factories import ApplicationFactory, recommended_application
from commissioning.tests.transparency.conftest import ROLES
from commissioning.tests.transparency.factories import WardFactory, charity_grant, council_grant, grant_in
from partners.models import Borough

pytestmark = pytest.mark.django_db

JSON = reverse("commissioning:grants-360giving-json")
CSV = reverse("commissioning:grants-360giving-csv")
XLSX = reverse("commissioning:grants-360giving-xlsx")
SCHEMA = json.loads((Path(__file__).parent / "schema" / "360-giving-schema.json").read_text())


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8"))))


def schema_title(*path) -> str:
    """The flattened title of a field, made from the schema's own titles: ``Recipient Org:Identifier``."""
    properties, titles = SCHEMA["properties"], []
    for step in path:
        if isinstance(step, int):
            titles.append(str(step))
            continue
        field = properties[step]
        titles.append(field.get("title") or SCHEMA["$defs"][field["$ref"].rsplit("/", 1)[1]]["title"])
        reference = field.get("items", {}).get("$ref") or field.get("$ref")
        if reference:
            properties = SCHEMA["$defs"][reference.rsplit("/", 1)[1]].get("properties", {})
    return ":".join(titles)


@pytest.fixture
def grants():
    lambeth = Borough.objects.get(name="Lambeth")
    ward = WardFactory(name="Brixton Acre Lane", ons_code="E05014085", borough=lambeth)
    return [
        charity_grant(boroughs=["Lambeth", "Southwark"], wards=[ward], amount=Decimal("12345.67")),
        council_grant("Lambeth", boroughs=["Lambeth"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_downloads_every_grant(as_role, grants, role):
    client = as_role(role, grants[0])
    as_json = client.get(JSON)
    assert as_json.status_code == 200
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    assert {grant["id"] for grant in json.loads(as_json.content)["grants"]} == {g.identifier for g in grants}
    as_csv = client.get(CSV)
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"] == 'attachment; filename="360G-londonvru-grants.csv"'
    assert {row["Identifier"] for row in csv_rows(as_csv)} == {g.identifier for g in grants}
    as_xlsx = client.get(XLSX)
    assert as_xlsx.status_code == 200
    assert as_xlsx["Content-Disposition"] == 'attachment; filename="360G-londonvru-grants.xlsx"'


def test_the_downloads_are_every_grant_whatever_the_page_is_filtered_by(client, grants):
    response = client.get(CSV, {"borough": Borough.objects.get(name="Hackney").pk})
    assert len(csv_rows(response)) == 2


def test_unawarded_applications_are_not_downloaded(client, grants):
    ApplicationFactory(project_title="Draft project")
    recommended_application(project_title="Recommended project")
    for url in (JSON, CSV):
        text = client.get(url).getvalue().decode()
        assert "Draft project" not in text
        assert "Recommended project" not in text


def test_csv_columns_are_the_standards_titles(client, grants):
    headers = next(csv.reader(io.StringIO(client.get(CSV).getvalue().decode())))
    expected = [schema_title(field) for field, _title in GRANT_FIELDS]
    for array, _title, fields in ROLLED_UP:
        expected += [schema_title(array, field) for field, _title in fields]
    # Three places at most (two boroughs and a ward), two objectives.
    for array, _title, fields in NUMBERED:
        count = 3 if array == "beneficiaryLocation" else 2
        expected += [schema_title(array, index, field) for index in range(count) for field, _title in fields]
    expected += [schema_title(field) for field, _title in TRAILING_FIELDS]
    assert headers == expected
    assert headers[:8] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Applied For",
        "Amount Awarded",
        "Amount Disbursed",
        "Award Date",
    ]
    for title in [
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Recipient Org:Charity Number",
        "Recipient Org:Company Number",
        "Recipient Org:Postal Code",
        "Funding Org:Identifier",
        "Funding Org:Name",
        "Grant Programme:Title",
        "Planned Dates:Duration (months)",
        "Beneficiary Location:0:Name",
        "Beneficiary Location:0:Geographic Code",
        "Beneficiary Location:0:Geographic Code Type",
        "From An Open Call?",
        "Last Modified",
    ]:
        assert title in headers


def test_csv_rows_say_what_the_json_says(client, grants):
    charity = grants[0]
    row = next(row for row in csv_rows(client.get(CSV)) if row["Identifier"] == charity.identifier)
    assert row["Title"] == charity.title
    assert row["Currency"] == "GBP"
    assert row["Amount Awarded"] == "12345.67"
    assert row["Recipient Org:Identifier"] == "GB-CHC-1187654"
    assert row["Recipient Org:Name"] == "Southside Youth Trust"
    assert row["Recipient Org:Charity Number"] == "1187654"
    assert row["Recipient Org:Company Number"] == "11876543"
    assert row["Funding Org:Identifier"] == "GB-LAE-GLA"
    assert row["Grant Programme:Title"] == charity.application.round.title
    assert row["Planned Dates:Duration (months)"] == "12"
    places = [
        (
            row[f"Beneficiary Location:{i}:Name"],
            row[f"Beneficiary Location:{i}:Geographic Code"],
            row[f"Beneficiary Location:{i}:Geographic Code Type"],
        )
        for i in range(3)
    ]
    assert places == [
        ("Lambeth", "E09000022", "LONB"),
        ("Southwark", "E09000028", "LONB"),
        ("Brixton Acre Lane", "E05014085", "WD"),
    ]
    assert row["From An Open Call?"] == "Yes"
    council = next(row for row in csv_rows(client.get(CSV)) if row["Identifier"] == grants[1].identifier)
    assert council["Recipient Org:Identifier"] == "GB-LAE-LBH"
    assert council["Beneficiary Location:1:Name"] == ""  # one place only: the other columns are empty


def test_the_workbook_keeps_numbers_as_numbers(client, grants):
    workbook = load_workbook(io.BytesIO(client.get(XLSX).getvalue()))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    assert headers == next(csv.reader(io.StringIO(client.get(CSV).getvalue().decode())))
    values = {row[0]: dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    amount = values[grants[0].identifier]["Amount Awarded"]
    assert isinstance(amount, float)
    assert Decimal(repr(amount)) == Decimal("12345.67")
    assert values[grants[1].identifier]["Recipient Org:Identifier"] == "GB-LAE-LBH"


def test_a_formula_in_a_title_is_made_harmless_in_the_csv(client):
    grant = grant_in()
    type(grant).objects.filter(pk=grant.pk).update(title='=HYPERLINK("http://evil.example")')
    row = csv_rows(client.get(CSV))[0]
    assert row["Title"] == '\'=HYPERLINK("http://evil.example")'
    assert json.loads(client.get(JSON).content)["grants"][0]["title"] == '=HYPERLINK("http://evil.example")'


def test_with_no_grants_the_downloads_are_empty(client):
    assert json.loads(client.get(JSON).content)["grants"] == []
    headers = next(csv.reader(io.StringIO(client.get(CSV).getvalue().decode())))
    assert headers[0] == "Identifier"
    assert csv_rows(client.get(CSV)) == []


def test_no_personal_data_is_downloaded(client):
    grant_in(contact_name="Amara Nwosu", contact_email="amara@example.org", contact_phone="020 7946 0000")
    for url in (JSON, CSV):
        text = client.get(url).getvalue().decode()
        assert "Amara" not in text
        assert "amara@example.org" not in text
        assert "020 7946 0000" not in text


def test_the_downloads_only_read(client, grants):
    for url in (JSON, CSV, XLSX):
        assert client.post(url).status_code == 405
    assert client.head(JSON).status_code == 200
