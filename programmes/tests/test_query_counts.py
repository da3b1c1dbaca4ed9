"""Each page runs the same number of SQL queries with 5 and with 50 programmes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.models import Objective
from programmes.tests.factories import IndicatorValueFactory, MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 25


def _grow_to(count):
    """Programmes under two objectives, each with milestones, an indicator with values and edits in history."""
    from programmes.models import Programme

    objectives = list(Objective.objects.filter(number__in=[5, 6]))
    today = timezone.localdate()
    while Programme.objects.count() < count:
        programme = ProgrammeFactory(objectives=objectives)
        MilestoneFactory(programme=programme, rag="red", due_date=today - timedelta(days=1))
        MilestoneFactory(programme=programme, rag="green")
        IndicatorValueFactory(indicator__programme=programme, quarter=1)
        IndicatorValueFactory(indicator__programme=programme, quarter=2)
    return Programme.objects.order_by("pk").first()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()  # a streamed download reads its rows while it is sent
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda p: reverse("programmes:dashboard"),
        lambda p: reverse("programmes:objective-detail", args=[5]),
        lambda p: reverse("programmes:programme-list") + "?objective=&sort=-budget",
        lambda p: reverse("programmes:programme-export"),
        lambda p: reverse("programmes:programme-detail", args=[p.pk]),
        lambda p: reverse("programmes:programme-edit", args=[p.pk]),
    ],
    ids=["dashboard", "objective", "list", "csv", "detail", "edit"],
)
def test_queries_do_not_grow_with_rows(staff_client, django_assert_max_num_queries, url_of):
    programme = _grow_to(5)
    staff_client.get(url_of(programme))  # warm the session and the content-type cache
    small = _count(staff_client, url_of(programme))
    _grow_to(50)
    for extra in range(10):  # more history on the programme shown on the detail page
        programme.title = f"Renamed {extra}"
        programme.save()
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _count(staff_client, url_of(programme))
    assert small == large
