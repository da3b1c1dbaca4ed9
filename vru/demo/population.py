"""Invented population figures for the demonstration site, imported the way a real file is.

Every figure is made up: plausible in size, the same on every run, and marked as demo data everywhere
it shows. They are written as a CSV file and imported through the real import service, so the demo
exercises the same path as an upload. A figure already imported from a real file is never replaced.
"""

import math
import random
from datetime import date, timedelta

from partners.models import Borough
from programmes.models import ImportStatus, PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.importing import population_import_create, population_import_run
from programmes.population.parsing import HEADER, Period

DEMO_FILE_NAME = "Demo data (invented figures, not official statistics).csv"
FIRST_DEMO_MONTH = date(2023, 4, 1)

# Per borough per period: (lowest, highest) any figure may be, and the range a borough's usual level
# is drawn from. Small counts vary as counts of rare events do (a Poisson draw): most months see no
# homicide in a borough, a few see one or two.
RANGES = {
    "knife-crime-injury-victims-u25": (0, 15),
    "homicides": (0, 3),
    "hospital-admissions-sharp-object": (0, 20),
    "violence-against-the-person": (300, 900),
}
USUAL_LEVELS = {
    "knife-crime-injury-victims-u25": (2.0, 9.0),
    "homicides": (0.1, 0.6),
    "hospital-admissions-sharp-object": (3.0, 13.0),
    "violence-against-the-person": (380.0, 740.0),
}
# The City of London has few residents: its counts of people are a fraction of a borough's.
CITY_OF_LONDON, CITY_SHARE = "E09000001", 0.15
# Violence rises in the summer months: a gentle seasonal swing, July the highest.
SEASON = {1: 0.9, 2: 0.85, 3: 0.95, 4: 1.0, 5: 1.05, 6: 1.1, 7: 1.15, 8: 1.1, 9: 1.05, 10: 1.0, 11: 0.95, 12: 0.9}


def _periods(frequency: str, today: date) -> list[Period]:
    """Every month or financial quarter from April 2023 that has ended by ``today``."""
    periods = []
    period = Period.of(frequency, FIRST_DEMO_MONTH)
    while period.end < today:
        periods.append(period)
        period = Period.of(frequency, period.end + timedelta(days=1))
    return periods


def _poisson(rng: random.Random, mean: float) -> int:
    """A count of rare events with this mean (Knuth's method: fine for the small means used here)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _value(code: str, borough: str, period: Period) -> int:
    """The same invented figure for the same indicator, borough and period on every run."""
    low, high = RANGES[code]
    level = random.Random(f"{code}|{borough}").uniform(*USUAL_LEVELS[code])  # some boroughs see more
    if borough == CITY_OF_LONDON and code != "violence-against-the-person":
        level *= CITY_SHARE
    mean = level * SEASON[period.start.month]
    rng = random.Random(f"{code}|{borough}|{period.label}")
    value = _poisson(rng, mean) if mean < 50 else round(rng.gauss(mean, mean * 0.08))
    return max(low, min(high, value))


def demo_csv(today: date, *, skip: set | None = None) -> tuple[str, int]:
    """The demo file's text for every indicator the demo knows and every borough, and its number of rows.

    ``skip`` holds (indicator code, borough ONS code, period start) keys to leave out.
    """
    skip = skip or set()
    boroughs = list(Borough.objects.order_by("ons_code").values_list("ons_code", flat=True))
    lines, rows = [HEADER], 0
    for indicator in PopulationIndicator.objects.filter(code__in=RANGES).order_by("code"):
        for period in _periods(indicator.frequency, today):
            for ons_code in boroughs:
                if (indicator.code, ons_code, period.start) in skip:
                    continue
                lines.append(f"{indicator.code},{ons_code},{period.label},{_value(indicator.code, ons_code, period)}")
                rows += 1
    return "\n".join(lines) + "\n", rows


def seed_population(today: date) -> int:
    """Import the demo figures up to the last ended month and quarter; how many figures were created.

    A second run on the same day changes nothing: the same file has already been imported.
    """
    real = set(
        PopulationFigure.objects.filter(is_demo=False, indicator__code__in=RANGES).values_list(
            "indicator__code", "borough__ons_code", "period_start"
        )
    )
    content, rows = demo_csv(today, skip=real)
    if not rows:
        return 0
    if PopulationImport.objects.filter(
        file_name=DEMO_FILE_NAME, content=content, status=ImportStatus.DONE, is_demo=True
    ).exists():
        return 0
    upload = population_import_create(file_name=DEMO_FILE_NAME, content=content, is_demo=True, send=False)
    upload = population_import_run(upload.pk, today=today)
    if upload.status != ImportStatus.DONE:
        problems = "; ".join(error["message"] for error in upload.errors[:5])
        raise RuntimeError(f"The demo population figures did not import: {problems}")
    return upload.created_count
