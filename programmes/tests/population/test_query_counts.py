"""Each population page runs the same number of SQL queries with 3 and with 30 of everything it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Borough
from programmes.models import PopulationIndicator
from programmes.population.importing import population_import_create, population_import_run
from programmes.tests.population.conftest import KNIFE, TODAY, csv_text

pytestmark = pytest.mark.django_db

# A ceiling that catches a query per row long before a page gets slow.
MAX_QUERIES = 15


def _grow_to(count: int, state: dict) -> None:
    """``count`` extra indicators, imports, months of knife crime figures per borough, and bad rows."""
    boroughs = list(Borough.objects.values_list("ons_code", flat=True))
    while state["size"] < count:
        state["size"] += 1
        n = state["size"]
        PopulationIndicator.objects.create(code=f"extra-{n}", name=f"Extra indicator {n}", unit="offences")
        year, month = 2020 + (n - 1) // 12, (n - 1) % 12 + 1
        good = population_import_create(
            file_name=f"good-{n}.csv",
            content=csv_text(*[(KNIFE, code, f"{year}-{month:02d}", n) for code in boroughs]),
            is_demo=n % 2 == 0,
            send=False,
        )
        population_import_run(good.pk, today=TODAY)
    bad = state["bad"]
    bad.content = csv_text(*[(KNIFE, "E09000099", "2025-04", "x")] * count)
    bad.status, bad.errors = "queued", []
    bad.save()
    population_import_run(bad.pk, today=TODAY)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda state: reverse("programmes:population-list"),
        lambda state: reverse("programmes:population-indicator", args=[KNIFE]),
        lambda state: reverse("programmes:population-indicator-export", args=[KNIFE]),
        lambda state: reverse("programmes:population-import-create"),
        lambda state: reverse("programmes:population-import-detail", args=[state["bad"].pk]),
        lambda state: reverse("programmes:population-import-status", args=[state["bad"].pk]),
        lambda state: reverse("programmes:population-sample"),
    ],
    ids=["list", "indicator", "indicator-csv", "upload", "import", "import-status", "sample"],
)
def test_queries_do_not_grow_with_rows(staff_client, indicators, django_assert_max_num_queries, url_of):
    state = {"size": 0, "bad": population_import_create(file_name="bad.csv", content="", send=False)}
    _grow_to(3, state)
    staff_client.get(url_of(state))  # warm the session
    small = _count(staff_client, url_of(state))
    _grow_to(30, state)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _count(staff_client, url_of(state))
    assert small == large
