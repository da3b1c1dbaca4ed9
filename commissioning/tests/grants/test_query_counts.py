"""Each grant and return page, export and API list runs the same number of SQL queries with a few rows as
with many: the ceilings below hold at both sizes."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.models import Tranche, TrancheCondition
from commissioning.services.grants import grant_update, grant_vary, tranche_release
from commissioning.services.returns import ReachRow, SpendRow
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import accepted, grant_for, return_of, submitted
from partners.models import Borough

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30


def make_grants(organisation, count, people):
    """``count`` grants to ``organisation``, each with a paid payment, an accepted and a submitted return."""
    for _ in range(count):
        grant = grant_for(organisation, amount=Decimal("8000.00"))
        grant_update(
            grant=grant, user=people["staff"], conditions="", agreement_signed_on=date(2026, 4, 2), programme=None
        )
        first = grant.tranches.get(number=1)
        first.status, first.paid_on = "paid", date(2026, 4, 3)
        first.save()
        accepted(return_of(grant, 1), people["staff"], user=people["partner"])
        submitted(return_of(grant, 2), user=people["partner"])


def grow_grant(grant, people, rounds):
    """More of everything a grant's page shows: manual payments released by hand, variations, returns'
    figures and history."""
    lines = list(grant.application.budget_lines.all())
    lambeth = Borough.objects.get(name="Lambeth")
    accepted(
        return_of(grant, 1),
        people["staff"],
        user=people["partner"],
        spend=[SpendRow(line.pk, Decimal("10")) for line in lines],
        reach=[ReachRow(lambeth.pk, band, 3) for band in ("under_10", "10_14", "15_17", "18_24", "25_plus")],
    )
    submitted(return_of(grant, 2), user=people["partner"], spend=[SpendRow(line.pk, Decimal("5")) for line in lines])
    for number in range(rounds):
        grant_vary(
            grant=grant,
            user=people["manager"],
            reason=f"Change {number}",
            amount=grant.amount + 1000,
            today=date(2026, 8, 1),
        )
        grant.refresh_from_db()
        Tranche.objects.filter(grant=grant, status="scheduled").update(condition=TrancheCondition.MANUAL)
        for tranche in Tranche.objects.filter(grant=grant, status="scheduled"):
            tranche_release(tranche=tranche, user=people["staff"], note=f"Round {number}")


class FreshApiClient(APIClient):
    """An API client signed in as a fresh copy of the user for every request, as a real client would be:
    the roles the user object caches are read again each time."""

    def __init__(self, user):
        super().__init__()
        self.user_pk = user.pk

    def get(self, *args, **kwargs):
        self.force_authenticate(get_user_model().objects.get(pk=self.user_pk))
        return super().get(*args, **kwargs)


def count_get(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200, url
    return len(queries)


LISTS = {
    "grant list, staff": ("staff", lambda: reverse("commissioning:grant-list"), 14),
    "grant list, partner": ("partner", lambda: reverse("commissioning:grant-list"), 14),
    "grant list filtered": (
        "staff",
        lambda: reverse("commissioning:grant-list") + f"?borough={Borough.objects.get(name='Lambeth').pk}&q=Project",
        15,
    ),
    "grant export": ("staff", lambda: reverse("commissioning:grant-list-export") + "?format=xlsx", 7),
    "payment export": ("partner", lambda: reverse("commissioning:payment-list-export") + "?format=csv", 6),
    "return list, staff": ("staff", lambda: reverse("commissioning:return-list"), 10),
    "return list, partner": ("partner", lambda: reverse("commissioning:return-list"), 10),
    "return export": ("staff", lambda: reverse("commissioning:return-list-export") + "?format=csv", 6),
    "return export, xlsx": ("staff", lambda: reverse("commissioning:return-list-export") + "?format=xlsx", 6),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_list_pages_run_the_same_queries_with_3_or_30_grants(people, org_a, name, django_assert_max_num_queries):
    role, url, ceiling = LISTS[name]
    client = client_for(people[role])
    make_grants(org_a, SMALL, people)
    with django_assert_max_num_queries(ceiling):
        small = count_get(client, url())
    make_grants(org_a, LARGE - SMALL, people)
    with django_assert_max_num_queries(ceiling):
        large = count_get(client, url())
    assert small == large


API_LISTS = {
    "grants": ("staff", "api:grant-list", 10),
    "tranches": ("partner", "api:tranche-list", 6),
    "monitoring returns": ("partner", "api:monitoring-return-list", 9),
}


@pytest.mark.parametrize("name", list(API_LISTS))
def test_api_lists_run_the_same_queries_with_3_or_30_grants(people, org_a, name, django_assert_max_num_queries):
    role, url_name, ceiling = API_LISTS[name]
    client = FreshApiClient(people[role])
    make_grants(org_a, SMALL, people)
    with django_assert_max_num_queries(ceiling):
        small = count_get(client, reverse(url_name))
    make_grants(org_a, LARGE - SMALL, people)
    with django_assert_max_num_queries(ceiling):
        large = count_get(client, reverse(url_name))
    assert small == large


ONE_GRANT = {
    "grant detail, staff": ("staff", lambda g: g.get_absolute_url(), 13),
    "grant detail, partner": ("partner", lambda g: g.get_absolute_url(), 11),
    "grant vary": ("manager", lambda g: reverse("commissioning:grant-vary", args=[g.pk]), 10),
    "return detail": ("partner", lambda g: return_of(g, 1).get_absolute_url(), 11),
    "return edit": ("partner", lambda g: reverse("commissioning:return-edit", args=[return_of(g, 3).pk]), 12),
    "return review": ("staff", lambda g: reverse("commissioning:return-review", args=[return_of(g, 2).pk]), 12),
    "api grant": ("staff", lambda g: reverse("api:grant-detail", args=[g.pk]), 9),
}


@pytest.mark.parametrize("name", list(ONE_GRANT))
def test_a_grants_pages_run_the_same_queries_however_much_it_holds(people, org_a, name, django_assert_max_num_queries):
    role, url_of, ceiling = ONE_GRANT[name]
    small_grant, large_grant = grant_for(org_a), grant_for(org_a)
    grow_grant(small_grant, people, rounds=1)
    grow_grant(large_grant, people, rounds=6)
    assert large_grant.returns.count() == small_grant.returns.count()
    assert large_grant.tranches.count() > small_grant.tranches.count()
    client = FreshApiClient(people[role]) if name.startswith("api") else client_for(people[role])

    with django_assert_max_num_queries(ceiling):
        small = count_get(client, url_of(small_grant))
    with django_assert_max_num_queries(ceiling):
        large = count_get(client, url_of(large_grant))
    assert small == large


def test_the_partners_grants_panel_runs_the_same_queries(people, org_a, django_assert_max_num_queries):
    template = Template("{% load grant_tags %}{% grants_panel %}")
    request = RequestFactory().get("/")
    request.user = people["partner"]

    def render() -> tuple[int, str]:
        request.user = type(people["partner"]).objects.get(pk=people["partner"].pk)
        with CaptureQueriesContext(connection) as queries:
            html = template.render(Context({"request": request}))
        return len(queries), html

    make_grants(org_a, SMALL, people)
    with django_assert_max_num_queries(6):
        small, _ = render()
    make_grants(org_a, LARGE - SMALL, people)
    with django_assert_max_num_queries(6):
        large, html = render()
    assert small == large
    assert html.count('href="/commissioning/grants/') == LARGE
