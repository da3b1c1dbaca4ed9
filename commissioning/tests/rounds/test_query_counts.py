"""The funds, rounds and public funding pages run the same number of SQL queries with few rows and with many."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.models import Tranche, TrancheStatus
from commissioning.tests.factories import ApplicationFactory, FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.factories import FundAllocationFactory, submitted_application, upcoming_round
from programmes.models import Objective

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
# For a signed-in member of staff: the session, the user and their groups (3), then the page's own reads.
MAX_QUERIES = {
    "fund-list": 5,  # funds with their ledger; objectives with theirs
    "fund-detail": 9,  # the fund's ledger; its objectives'; its rounds with counts; its grants; 2 of history
    "round-list": 6,  # count and page of rounds with status and counts; the filter's funds
    "round-detail": 13,  # the round; objectives, areas, criteria, questions; statuses; awarded; history (3)
    "funding": 6,  # open rounds, their objectives, rounds opening soon
    "funding-round": 8,  # the round; objectives, areas, criteria, questions; a partner's membership
}
# For a visitor who is not signed in: no session, user or groups.
ANONYMOUS_MAX_QUERIES = {"funding": 3, "funding-round": 5}


def grow(count: int, manager, records: dict | None = None) -> dict:
    """``count`` more of everything: funds, each with an allocation, a round and a grant partly paid; open rounds
    on the main fund, each with a submitted and a draft application; rounds opening soon; and applications to
    the round whose pages are measured. ``records`` names the main fund and that round, to grow them again."""
    records = records or {"fund": FundFactory(total=Decimal("100000000.00"))}
    main = records["fund"]
    objectives = list(Objective.objects.order_by("number"))
    for number in range(count):
        fund = FundFactory(total=Decimal("10000000.00"))
        FundAllocationFactory(fund=fund, objective=objectives[number % len(objectives)])
        grant = awarded_grant(manager=manager, amount=Decimal("1000.00"), round__fund=fund)
        Tranche.objects.filter(pk=grant.tranches.first().pk).update(status=TrancheStatus.PAID, paid_on=date(2026, 4, 2))
        funding_round = FundingRoundFactory(fund=main)
        funding_round.priority_areas.set(objectives[0].priority_areas.all())
        submitted_application(round=funding_round)
        ApplicationFactory(round=funding_round)
        upcoming_round(fund=main)
        records.setdefault("round", funding_round)
        submitted_application(round=records["round"])
    return records


def urls(records) -> dict[str, str]:
    return {
        "fund-list": reverse("commissioning:fund-list"),
        "fund-detail": reverse("commissioning:fund-detail", args=[records["fund"].pk]),
        "round-list": reverse("commissioning:round-list"),
        "round-detail": reverse("commissioning:round-detail", args=[records["round"].pk]),
        "funding": reverse("commissioning:funding"),
        "funding-round": reverse("commissioning:funding-round", args=[records["round"].pk]),
    }


@pytest.mark.parametrize("size", SIZES)
def test_each_page_stays_under_the_same_ceiling_at_both_sizes(
    staff_client, manager_user, django_assert_max_num_queries, size
):
    records = urls(grow(size, manager_user))
    for page, url in records.items():
        with django_assert_max_num_queries(MAX_QUERIES[page]):
            assert staff_client.get(url).status_code == 200, page
    for page, ceiling in ANONYMOUS_MAX_QUERIES.items():
        with django_assert_max_num_queries(ceiling):
            assert Client().get(records[page]).status_code == 200, page


def test_the_same_number_of_queries_with_ten_times_the_rows(staff_client, manager_user):
    """Not only under the ceiling: exactly as many queries with 30 of everything as with 3."""
    counts = {}
    records = grow(SIZES[0], manager_user)
    for size in SIZES:
        if size != SIZES[0]:
            grow(size - SIZES[0], manager_user, records)
        for page, url in urls(records).items():
            with CaptureQueriesContext(connection) as queries:
                assert staff_client.get(url).status_code == 200
            counts.setdefault(page, []).append(len(queries))
    assert all(small == large for small, large in counts.values()), counts
