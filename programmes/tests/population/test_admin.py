"""The Django admin for population indicators, figures and imports, as the admin persona uses it."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.importing import population_import_create, population_import_run
from programmes.tests.population.conftest import ADMISSIONS, HOMICIDES, KNIFE, LAMBETH, TODAY, csv_text

pytestmark = pytest.mark.django_db

MODELS = [PopulationIndicator, PopulationFigure, PopulationImport]
MAX_QUERIES = 20


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def imported(text, **kwargs):
    upload = population_import_create(file_name="figures.csv", content=text, send=False, **kwargs)
    return population_import_run(upload.pk, today=TODAY)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_three_models_are_in_the_admin_and_indicators_keep_their_history():
    for model in MODELS:
        assert model in admin.site._registry, model
    assert isinstance(admin.site._registry[PopulationIndicator], SimpleHistoryAdmin)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_each_changelist_loads_for_the_admin(admin_client, indicators, model):
    imported(csv_text((KNIFE, LAMBETH, "2025-04", "3"), (ADMISSIONS, LAMBETH, "2025-26 Q1", "4")), is_demo=True)

    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    page = text_of(response)
    expected = {
        PopulationIndicator: "Knife crime with injury victims under 25 knife-crime-injury-victims-u25 victims Monthly",
        PopulationFigure: "2025-26 Q1",
        PopulationImport: "figures.csv Imported",
    }[model]
    assert expected in page


def test_the_indicator_list_counts_figures(admin_client, indicators):
    imported(csv_text((HOMICIDES, LAMBETH, "2025-04", "1"), (HOMICIDES, LAMBETH, "2025-05", "0")))

    page = text_of(admin_client.get(admin_url(PopulationIndicator, "changelist")))

    assert "Homicides homicides victims Monthly Lower is better Metropolitan Police Service crime data 2 " in page


def test_an_indicator_with_figures_keeps_its_frequency(admin_client, indicators):
    imported(csv_text((HOMICIDES, LAMBETH, "2025-04", "1")))

    with_figures = admin_client.get(admin_url(PopulationIndicator, "change", indicators[HOMICIDES].pk))
    without = admin_client.get(admin_url(PopulationIndicator, "change", indicators[KNIFE].pk))

    assert 'name="frequency"' not in with_figures.content.decode()
    assert 'name="frequency"' in without.content.decode()


def test_staff_can_change_an_indicator_and_its_history_says_who(admin_client, admin_user, indicators):
    indicator = indicators[KNIFE]
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "unit": "young people",
        "frequency": indicator.frequency,
        "direction": indicator.direction,
        "counts_people": "on",
        "source": "Metropolitan Police Service",
        "description": "",
    }

    response = admin_client.post(admin_url(PopulationIndicator, "change", indicator.pk), data)

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.unit == "young people"
    assert indicator.history.first().history_user == admin_user


def test_figures_and_imports_are_read_only(admin_client, indicators):
    upload = imported(csv_text((KNIFE, LAMBETH, "2025-04", "3")))
    figure = PopulationFigure.objects.get()

    assert admin_client.get(admin_url(PopulationFigure, "add")).status_code == 403
    assert admin_client.get(admin_url(PopulationImport, "add")).status_code == 403
    figure_page = admin_client.get(admin_url(PopulationFigure, "change", figure.pk))
    import_page = admin_client.get(admin_url(PopulationImport, "change", upload.pk))
    assert figure_page.status_code == import_page.status_code == 200
    assert 'name="value"' not in figure_page.content.decode()
    assert 'name="file_name"' not in import_page.content.decode()
    before = figure.value
    admin_client.post(admin_url(PopulationFigure, "change", figure.pk), {"value": "99"})
    figure.refresh_from_db()
    assert figure.value == before


def test_a_failed_imports_problems_show_as_a_table(admin_client, indicators):
    upload = imported(csv_text((KNIFE, "E09000099", "2025-04", "3"), (KNIFE, LAMBETH, "2025-04", "-1")))

    page = admin_client.get(admin_url(PopulationImport, "change", upload.pk)).content.decode()

    assert "<caption>Each problem found, by row and column of the file</caption>" in page
    rows = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in re.findall(r"<tr><td>.*?</tr>", page, re.S)
    ]
    assert rows == [
        "2 borough_code 'E09000099' is not a London borough's ONS code.",
        "3 value -1 is negative: a figure cannot be less than 0.",
    ]
    assert "indicator,borough_code,period,value" in page  # the file's first lines


def test_staff_who_are_not_admins_cannot_open_the_admin(client, staff_user):
    client.force_login(staff_user)

    response = client.get(admin_url(PopulationImport, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_changelist_queries_do_not_grow_with_rows(admin_client, indicators, model, django_assert_max_num_queries):
    def grow(to):
        while PopulationImport.objects.count() < to:
            n = PopulationImport.objects.count() + 1
            PopulationIndicator.objects.get_or_create(code=f"extra-{n}", defaults={"name": f"Extra {n}", "unit": "x"})
            imported(csv_text((KNIFE, LAMBETH, f"2024-{n % 12 + 1:02d}", n), (HOMICIDES, LAMBETH, f"{2000 + n}-05", 1)))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        return len(queries)

    grow(3)
    admin_client.get(admin_url(model, "changelist"))
    small = count()
    grow(30)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count()
    assert small == large
