"""Each list runs the same number of SQL queries with 3 applications as with 30; so do an application's pages
with a few budget lines, answers and changes as with many."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.services import applications as services
from commissioning.tests.applications.conftest import client_for
from commissioning.tests.applications.factories import (
    WardFactory,
    applicant_organisation,
    borough,
    draft_application,
    fill_in,
)
from partners.models import Membership

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 20
BOROUGHS = ["Lambeth", "Southwark", "Croydon", "Hackney"]


def grow(funding_round, partner_user, count: int, start: int) -> None:
    """``count`` more applications, half submitted, each with boroughs, wards, objectives and a budget; the partner
    acts for every organisation, so their list and home page grow too."""
    for number in range(start, start + count):
        organisation = applicant_organisation(name=f"Club {number:03d}", charity_number=str(1400000 + number))
        Membership.objects.create(user=partner_user, organisation=organisation)
        application = draft_application(round=funding_round, organisation=organisation, user=partner_user)
        place = borough(BOROUGHS[number % len(BOROUGHS)])
        ward = WardFactory(borough=place)
        services.application_area_save(
            application=application,
            user=partner_user,
            mark_complete=False,
            boroughs=[place, borough("Lambeth")],
            wards=[ward],
        )
        services.application_objectives_save(
            application=application, user=partner_user, mark_complete=False, objectives=funding_round.objectives.all()
        )
        services.application_budget_save(
            application=application,
            user=partner_user,
            mark_complete=False,
            rows=[services.BudgetRow("staff", "Youth workers", Decimal("1000") * (number + 1))],
        )
        if number % 2:
            fill_in(application, partner_user)
            services.application_submit(application=application, user=partner_user)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(queries)


LISTS = {
    "pipeline": ("staff", lambda r: reverse("commissioning:round-pipeline", args=[r.pk])),
    "pipeline-filtered": (
        "staff",
        lambda r: reverse("commissioning:round-pipeline", args=[r.pk]) + f"?borough={borough('Lambeth').pk}",
    ),
    "pipeline-csv": ("staff", lambda r: reverse("commissioning:round-pipeline-export", args=[r.pk]) + "?format=csv"),
    "pipeline-xlsx": ("staff", lambda r: reverse("commissioning:round-pipeline-export", args=[r.pk]) + "?format=xlsx"),
    "list-staff": ("staff", lambda r: reverse("commissioning:application-list")),
    "list-partner": ("partner", lambda r: reverse("commissioning:application-list")),
    "api-staff": ("staff", lambda r: reverse("api:application-list")),
    "api-partner": ("partner", lambda r: reverse("api:application-list")),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_lists_run_the_same_queries_with_3_and_30_applications(
    people, funding_round, django_assert_max_num_queries, name
):
    role, url_of = LISTS[name]
    partner = people["partner"]
    client = APIClient() if name.startswith("api") else client_for(people[role])
    if name.startswith("api"):
        client.force_login(people[role])
    url = url_of(funding_round)
    grow(funding_round, partner, 3, start=0)
    client.get(url)  # warm the session and the content-type cache
    with django_assert_max_num_queries(MAX_QUERIES):
        small = count(client, url)

    grow(funding_round, partner, 27, start=3)

    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(client, url)
    assert small == large, f"{name}: {small} queries with 3 applications, {large} with 30"
    print(f"{name}: {small} queries with 3 applications, {large} with 30")


def fatten(application, user, lines: int) -> None:
    """More budget lines, answers changed and saved again, so the page and its history have more to show."""
    rows = [services.BudgetRow("delivery", f"Session {n}", Decimal("100.00")) for n in range(lines)]
    services.application_budget_save(application=application, user=user, mark_complete=False, rows=rows)
    for n in range(lines // 3 + 1):
        services.application_project_save(
            application=application, user=user, mark_complete=False, project_title=f"Title, version {n}"
        )


PAGES = {
    "detail-draft": ("partner", lambda a: a.get_absolute_url()),
    "detail-staff": ("staff", lambda a: a.get_absolute_url()),
    "check": ("partner", lambda a: reverse("commissioning:application-check", args=[a.pk])),
    "budget": ("partner", lambda a: reverse("commissioning:application-section", args=[a.pk, "budget"])),
    "area": ("partner", lambda a: reverse("commissioning:application-section", args=[a.pk, "area"])),
    "api-detail": ("staff", lambda a: reverse("api:application-detail", args=[a.pk])),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_an_applications_pages_run_the_same_queries_whatever_it_holds(
    people, organisation, funding_round, django_assert_max_num_queries, name
):
    role, url_of = PAGES[name]
    partner = people["partner"]
    application = draft_application(round=funding_round, organisation=organisation, user=partner)
    fill_in(application, partner, complete=False)
    client = APIClient() if name.startswith("api") else client_for(people[role])
    if name.startswith("api"):
        client.force_login(people[role])
    url = url_of(application)
    fatten(application, partner, 3)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        small = count(client, url)

    fatten(application, partner, 30)
    for number in range(10):
        WardFactory(borough=borough("Lambeth"), name=f"Lambeth ward {number}")

    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(client, url)
    assert small == large, f"{name}: {small} queries, then {large}"
    print(f"{name}: {small} queries, then {large}")
