"""A round's pipeline for VRU staff: counts by status (zeros too), the filters, pages, and CSV and XLSX
downloads of exactly what is filtered."""

import csv
import io
import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.models import ApplicationStatus
from commissioning.selectors.applications import EXPORT_HEADERS
from commissioning.services import applications as services
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import (
    applicant_organisation,
    borough,
    complete_application,
    draft_application,
    submitted_application,
    with_status,
)
from commissioning.tests.factories import FundingRoundFactory
from partners.models import OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(funding_round):
    """Five applications to the round in several states, and one to another round."""
    made = {}
    specs = [
        ("alpha", "Alpha Youth Club", "Lambeth", OrganisationType.VOLUNTARY, Decimal("10000.00"), "submitted"),
        ("bravo", "Bravo Boxing", "Croydon", OrganisationType.GRASSROOTS, Decimal("60000.00"), "submitted"),
        ("charlie", "Charlie Church", "Lambeth", OrganisationType.FAITH, Decimal("30000.00"), "declined"),
        ("delta", "Delta Drama", "Hackney", OrganisationType.VOLUNTARY, Decimal("20000.00"), "draft"),
        ("echo", "Echo Education", "Croydon", OrganisationType.EDUCATION, Decimal("90000.00"), "awarded"),
    ]
    for key, name, place, kind, amount, status in specs:
        organisation = applicant_organisation(
            name=name, boroughs=(place,), type=kind, charity_number=str(1200000 + len(made))
        )
        application = complete_application(round=funding_round, organisation=organisation)
        services.application_budget_save(
            application=application,
            user=application.created_by,
            mark_complete=True,
            rows=[services.BudgetRow("staff", "Staff", amount)],
        )
        services.application_area_save(
            application=application, user=application.created_by, mark_complete=True, boroughs=[borough(place)]
        )
        if status != "draft":
            services.application_submit(application=application, user=application.created_by)
        if status not in ("draft", "submitted"):
            with_status(application, status)
        made[key] = application
    other_round = FundingRoundFactory(title="Another round")
    made["elsewhere"] = submitted_application(round=other_round)
    return made


def url(funding_round, **params):
    return reverse("commissioning:round-pipeline", args=[funding_round.pk])


def references(html: str) -> set[str]:
    return set(re.findall(r">(APP-\d{6})</a>", html))


def test_counts_show_every_status_with_zeros(staff_client, funding_round, pipeline):
    html = staff_client.get(url(funding_round)).content.decode()

    counts = dict(re.findall(r'id="count-(\w+)">(\d+)<', html))
    assert counts == {
        "draft": "1",
        "submitted": "2",
        "eligible": "0",
        "ineligible": "0",
        "assessed": "0",
        "recommended": "0",
        "awarded": "1",
        "declined": "1",
        "withdrawn": "0",
    }
    assert references(html) == {pipeline[key].reference for key in ("alpha", "bravo", "charlie", "delta", "echo")}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "submitted"}, {"alpha", "bravo"}),
        ({"borough": "Croydon"}, {"bravo", "echo"}),
        ({"organisation_type": "voluntary"}, {"alpha", "delta"}),
        ({"amount_min": "20000", "amount_max": "60000"}, {"bravo", "charlie", "delta"}),
        ({"q": "alpha"}, set()),
        ({"q": "detached"}, {"alpha", "bravo", "charlie", "delta", "echo"}),
        ({"status": "submitted", "borough": "Lambeth"}, {"alpha"}),
    ],
)
def test_filters(staff_client, funding_round, pipeline, params, expected):
    if "borough" in params:
        params = {**params, "borough": borough(params["borough"]).pk}

    html = staff_client.get(url(funding_round), params).content.decode()

    assert references(html) == {pipeline[key].reference for key in expected}


def test_search_finds_a_reference(staff_client, funding_round, pipeline):
    reference = pipeline["charlie"].reference
    html = staff_client.get(url(funding_round), {"q": reference.lower()}).content.decode()
    assert references(html) == {reference}


def test_filter_by_objective_offers_the_rounds_objectives(staff_client, funding_round, pipeline):
    objective = funding_round.objectives.order_by("number").last()
    services.application_objectives_save(
        application=pipeline["delta"], user=pipeline["delta"].created_by, mark_complete=True, objectives=[objective]
    )

    html = staff_client.get(url(funding_round), {"objective": objective.pk}).content.decode()

    assert references(html) == {pipeline["delta"].reference}
    assert html.count('<option value="') - html.count('<option value=""') >= funding_round.objectives.count()


def test_a_smallest_amount_above_the_largest_is_explained(staff_client, funding_round, pipeline):
    html = staff_client.get(url(funding_round), {"amount_min": "50000", "amount_max": "100"}).content.decode()
    assert "There is a problem" in html
    assert "The largest amount must be the same as or more than the smallest amount." in html
    assert references(html) == set()


def test_the_pipeline_pages_by_25(staff_client, funding_round):
    for number in range(27):
        draft_application(
            round=funding_round,
            organisation=applicant_organisation(name=f"Club {number:02d}", charity_number=str(1300000 + number)),
        )
    first = staff_client.get(url(funding_round)).content.decode()
    second = staff_client.get(url(funding_round), {"page": 2}).content.decode()
    assert len(references(first)) == 25
    assert len(references(second)) == 2
    assert not references(first) & references(second)


def export(client, funding_round, fmt, **params):
    return client.get(
        reverse("commissioning:round-pipeline-export", args=[funding_round.pk]), {**params, "format": fmt}
    )


def test_the_csv_holds_exactly_what_is_filtered(staff_client, funding_round, pipeline):
    params = {"borough": borough("Croydon").pk}
    shown = references(staff_client.get(url(funding_round), params).content.decode())

    response = export(staff_client, funding_round, "csv", **params)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="safer-streets-2027-applications-')
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == EXPORT_HEADERS
    assert {row[0] for row in rows[1:]} == shown == {pipeline["bravo"].reference, pipeline["echo"].reference}
    bravo = next(row for row in rows if row[0] == pipeline["bravo"].reference)
    pipeline["bravo"].refresh_from_db()
    assert bravo[1:8] == [
        "Safer Streets 2027",
        "Bravo Boxing",
        "Grassroots",
        "Evening detached youth work",
        "60000.00",
        "Submitted",
        "Croydon",
    ]
    assert datetime.fromisoformat(bravo[12]) == pipeline["bravo"].submitted_at


def test_the_xlsx_holds_exactly_what_is_filtered_with_typed_cells(staff_client, funding_round, pipeline):
    params = {"status": "submitted"}

    response = export(staff_client, funding_round, "xlsx", **params)

    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADERS
    assert {row[0] for row in rows[1:]} == {pipeline["alpha"].reference, pipeline["bravo"].reference}
    alpha = next(row for row in rows if row[0] == pipeline["alpha"].reference)
    assert alpha[5] == 10000
    assert isinstance(alpha[12], datetime)
    assert sheet.title == "Applications"


def test_text_that_looks_like_a_formula_is_escaped(staff_client, funding_round):
    application = draft_application(round=funding_round)
    services.application_project_save(
        application=application, user=application.created_by, mark_complete=False, project_title="=HYPERLINK(1)"
    )

    rows = list(csv.reader(io.StringIO(export(staff_client, funding_round, "csv").getvalue().decode())))

    assert rows[1][4] == "'=HYPERLINK(1)"


def test_bad_filters_and_formats_are_refused(staff_client, funding_round, pipeline):
    assert export(staff_client, funding_round, "pdf").status_code == 400
    response = export(staff_client, funding_round, "csv", status="lost")
    assert response.status_code == 400
    assert "status" in response.content.decode()


def test_an_unknown_round_is_not_found(staff_client):
    assert staff_client.get(reverse("commissioning:round-pipeline", args=[999999])).status_code == 404


# --- The application list --------------------------------------------------------------------------------------------


def test_a_partner_lists_only_their_organisations_applications(partner_user, organisation, funding_round, pipeline):
    mine = draft_application(round=funding_round, organisation=organisation, user=partner_user)

    html = client_for(partner_user).get(reverse("commissioning:application-list")).content.decode()

    assert references(html) == {mine.reference}
    assert "Filter" not in html


def test_staff_list_every_application_with_the_filters(staff_client, funding_round, pipeline):
    everything = references(staff_client.get(reverse("commissioning:application-list")).content.decode())
    assert everything == {application.reference for application in pipeline.values()}

    by_round = staff_client.get(reverse("commissioning:application-list"), {"round": funding_round.pk}).content.decode()
    assert pipeline["elsewhere"].reference not in references(by_round)
    assert len(references(by_round)) == 5
    statuses = staff_client.get(
        reverse("commissioning:application-list"), {"status": ApplicationStatus.AWARDED}
    ).content.decode()
    assert references(statuses) == {pipeline["echo"].reference}
