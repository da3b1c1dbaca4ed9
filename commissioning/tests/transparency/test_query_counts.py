"""The published grants page, a grant's page and the downloads run the same number of SQL queries
with 3 grants and with 30."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Grant
from commissioning.services.grants import grant_update
from commissioning.tests.factories import FundingRoundFactory
from commissioning.tests.transparency.factories import WardFactory, grant_in
from partners.models import Borough
from programmes.models import Objective
from programmes.periods import financial_year_of
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Measured: the list page needs 9 queries (filter choices, award years, count, total, the rows and three
# prefetches), 11 filtered (checking the chosen borough and objective); a grant's page and each download 4;
# a signed-in visitor adds 3 (session, user, roles for the menu). Any query per row breaks the ceiling at once.
MAX_QUERIES = 14


@pytest.fixture
def grow():
    funding_round = FundingRoundFactory()
    lambeth, southwark = Borough.objects.get(name="Lambeth"), Borough.objects.get(name="Southwark")
    wards = [WardFactory(borough=lambeth), WardFactory(borough=southwark)]
    objectives = list(Objective.objects.filter(number__in=[5, 6]))
    manager = UserFactory(role="manager")

    def grow_to(count):
        while Grant.objects.count() < count:
            grant = grant_in(
                round=funding_round,
                amount=Decimal("10000.00"),
                boroughs=[lambeth, southwark],
                wards=wards,
                objectives=objectives,
            )
            # A signed agreement releases the first payment: the sum of payments sees more than one status.
            grant_update(grant=grant, user=manager, conditions="", agreement_signed_on=date.today(), programme=None)

    return grow_to


def count_queries(client, url, query=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("grants-published", {}),
    ("grants-published", {"borough": "LAMBETH", "objective": "FIVE", "year": "YEAR", "q": "Project"}),
    ("grants-360giving-json", {}),
    ("grants-360giving-csv", {}),
    ("grants-360giving-xlsx", {}),
]


def resolved(query):
    """The filter values, which only exist once the reference data and a grant do."""
    values = {
        "LAMBETH": str(Borough.objects.get(name="Lambeth").pk),
        "FIVE": str(Objective.objects.get(number=5).pk),
        "YEAR": str(financial_year_of(timezone.localdate(Grant.objects.earliest("awarded_at").awarded_at))),
    }
    return {key: values.get(value, value) for key, value in query.items()}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "staff"])
@pytest.mark.parametrize("name, query", PAGES, ids=["list", "filtered-list", "json", "csv", "xlsx"])
def test_the_public_pages_do_not_grow_with_grants(
    client, staff_user, grow, django_assert_max_num_queries, signed_in, name, query
):
    if signed_in:
        client.force_login(staff_user)
    url = reverse(f"commissioning:{name}")
    grow(3)
    query = resolved(query)
    client.get(url, query)  # warm the session
    small = count_queries(client, url, query)

    grow(30)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count_queries(client, url, query)
    assert small == large
    assert Grant.objects.count() == 30


def test_a_grants_page_does_not_grow_with_its_places(client, django_assert_max_num_queries):
    lambeth = Borough.objects.get(name="Lambeth")
    grant = grant_in(boroughs=[lambeth], wards=[WardFactory(borough=lambeth)])
    url = reverse("commissioning:published-grant", args=[grant.pk])
    small = count_queries(client, url)
    grant.application.boroughs.set(Borough.objects.all())
    grant.application.wards.set([WardFactory(borough=lambeth) for _ in range(20)])
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count_queries(client, url)
    assert small == large
