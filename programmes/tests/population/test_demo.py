"""The demo's invented population figures: every borough and indicator from April 2023, plausible, marked as
demo data, imported through the real import, and a second seed changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Max, Min

from programmes.models import ImportStatus, PopulationFigure, PopulationImport
from programmes.population.importing import population_import_create, population_import_run
from programmes.tests.population.conftest import ADMISSIONS, HOMICIDES, KNIFE, LAMBETH, TODAY, VAP, csv_text
from vru.demo.population import DEMO_FILE_NAME, demo_csv, seed_population

pytestmark = pytest.mark.django_db

SEED_DAY = date(2024, 2, 10)  # ten months (April 2023 to January 2024) and three quarters have ended


def test_the_demo_has_every_borough_for_every_ended_period_all_marked_demo(indicators):
    made = seed_population(SEED_DAY)

    assert made == 33 * 10 * 3 + 33 * 3
    upload = PopulationImport.objects.get()
    assert (upload.file_name, upload.is_demo, upload.status) == (DEMO_FILE_NAME, True, ImportStatus.DONE)
    assert upload.created_count == made
    assert not PopulationFigure.objects.filter(is_demo=False).exists()
    knife = PopulationFigure.objects.filter(indicator__code=KNIFE)
    assert knife.aggregate(first=Min("period_start"), last=Max("period_start")) == {
        "first": date(2023, 4, 1),
        "last": date(2024, 1, 1),
    }
    admissions = PopulationFigure.objects.filter(indicator__code=ADMISSIONS)
    assert sorted(set(admissions.values_list("period_start", flat=True))) == [
        date(2023, 4, 1),
        date(2023, 7, 1),
        date(2023, 10, 1),
    ]


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [(KNIFE, 0, 15), (HOMICIDES, 0, 3), (ADMISSIONS, 0, 20), (VAP, 300, 900)],
)
def test_the_demo_figures_are_plausible_whole_numbers(indicators, code, low, high):
    seed_population(SEED_DAY)

    values = list(PopulationFigure.objects.filter(indicator__code=code).values_list("value", flat=True))

    assert values
    assert all(Decimal(low) <= value <= Decimal(high) for value in values)
    assert all(value == value.to_integral_value() for value in values)
    assert len(set(values)) > 2  # they vary by borough and period


def test_seeding_again_changes_nothing(indicators):
    seed_population(SEED_DAY)
    before = dict(PopulationFigure.objects.values_list("pk", "updated_at"))

    assert seed_population(SEED_DAY) == 0

    assert PopulationImport.objects.count() == 1
    assert dict(PopulationFigure.objects.values_list("pk", "updated_at")) == before


def test_a_later_seed_adds_the_new_periods_and_leaves_the_old_alone(indicators):
    seed_population(SEED_DAY)
    before = dict(PopulationFigure.objects.values_list("pk", "updated_at"))

    made = seed_population(date(2024, 3, 5))  # February has ended since

    assert made == 33 * 3
    latest = PopulationImport.objects.first()
    assert (latest.created_count, latest.updated_count, latest.unchanged_count) == (99, 0, len(before))
    assert {
        pk: stamp for pk, stamp in PopulationFigure.objects.values_list("pk", "updated_at") if pk in before
    } == before


def test_the_demo_never_replaces_a_real_figure(indicators):
    real = population_import_create(
        file_name="real.csv", content=csv_text((KNIFE, LAMBETH, "2023-05", "42")), send=False
    )
    population_import_run(real.pk, today=TODAY)

    seed_population(SEED_DAY)

    figure = PopulationFigure.objects.get(
        indicator__code=KNIFE, borough__ons_code=LAMBETH, period_start=date(2023, 5, 1)
    )
    assert (figure.value, figure.is_demo) == (Decimal("42.00"), False)
    assert PopulationFigure.objects.filter(is_demo=True).count() == 33 * 10 * 3 + 33 * 3 - 1


def test_the_demo_file_is_the_same_on_every_run(indicators):
    first, rows = demo_csv(SEED_DAY)

    assert demo_csv(SEED_DAY) == (first, rows)
    assert first.splitlines()[0] == "indicator,borough_code,period,value"
    assert rows == len(first.splitlines()) - 1
