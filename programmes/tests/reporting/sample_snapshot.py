"""A hand-made performance report snapshot that follows programmes/reporting/snapshot.py exactly, and a
factory that publishes reports from it, so the pages, API and admin can be tested on known figures.

The figures chosen make suppression visible: objective 1 reached 3 young people (PRG members see "*"),
objective 5 reached 12 (they see "10"), and Camden's reach holds a 3 and a 12 in two age bands. Money has
pence ("1234.56") so any rounding would show.
"""

from datetime import timedelta

from django.utils import timezone

from programmes.models import PerformanceReport
from programmes.periods import FinancialQuarter
from programmes.reporting.charts import BOROUGH_NAMES
from programmes.reporting.periods import ReportPeriod

AIMS = {
    1: ("Stabilising and reducing violence across London", [1, 5, 7]),
    2: ("Empowering Londoners to stay safe, united and inclusive", [2, 3, 4, 6]),
    3: ("Aligning attitudes and perceptions of violence with reality", [8]),
}
OBJECTIVES = {
    1: "Supporting individuals to be more resilient",
    2: "Supporting stronger families",
    3: "Young people leading change",
    4: "Enabling local communities to be strong, safe and resilient",
    5: "Keeping schools safe, keeping young people in school and improving alternatives",
    6: "Giving young people every chance to succeed",
    7: "Keeping young people safe in public areas and encourage greater activity during holidays",
    8: "Changing the message around violence",
}
# London's 33 boroughs, as the tile map knows them (the migrations load the same codes and names).
BOROUGHS = list(BOROUGH_NAMES.items())
BOROUGHS_BY_NAME = sorted(BOROUGHS, key=lambda borough: borough[1])
AGE_BANDS = [
    ("under_10", "Under 10"),
    ("10_14", "10 to 14"),
    ("15_17", "15 to 17"),
    ("18_24", "18 to 24"),
    ("25_plus", "25 and over"),
]
# Reach in Camden (E09000007) and Hackney (E09000012); every other borough reached no one.
REACH = {"E09000007": {"under_10": 3, "10_14": 12}, "E09000012": {"15_17": 40, "18_24": 9}}
RAG_CYCLE = ["green", "amber", "red", "none"]


def summary(*, active=2, closed=1, late=1, reach=0, budget=("50000.00", "30000.50", "12500.25")) -> dict:
    return {
        "programmes": {"planned": 0, "active": active, "paused": 0, "closed": closed, "total": active + closed},
        "milestones": {"on_track": 4, "late": late, "done": 3},
        "indicators_rag": {"green": 2, "amber": 1, "red": 1, "none": 0},
        "budget": {"total": budget[0], "awarded": budget[1], "paid": budget[2]},
        "grants_active": 2,
        "returns": {"due": 4, "overdue": 1, "accepted": 2},
        "reach_total": reach,
    }


def _indicator(n: int, quarters: str) -> dict:
    rag = RAG_CYCLE[n % 4]
    if n == 0:
        # A count of people small enough to be suppressed: PRG members see "*" and no percentage.
        return {
            "programme": "Programme <Alpha>",
            "programme_id": 1,
            "name": "Young people mentored",
            "unit": "young people",
            "direction": "up",
            "counts_people": True,
            "quarters": quarters,
            "target": "12.00",
            "actual": "3.00",
            "percent_of_target": "25.0",
            "rag": "red",
        }
    return {
        "programme": f"Programme {n:03d}",
        "programme_id": 100 + n,
        "name": f"Sessions delivered {n:03d}",
        "unit": "sessions",
        "direction": "up",
        "counts_people": False,
        "quarters": quarters,
        "target": "40.00",
        "actual": None if rag == "none" else f"{40 + n}.50",
        "percent_of_target": None if rag == "none" else "101.3",
        "rag": rag,
    }


def _population(period: ReportPeriod, code: str, name: str, unit: str, frequency: str, counts_people: bool, **extra):
    applies = not (frequency == "quarter" and period.kind == "month")
    rows = []
    for index, (borough_code, borough_name) in enumerate(BOROUGHS_BY_NAME):
        value = None if not applies else str(index + 1)
        previous = None if not applies else str(index + 3)
        if borough_code == "E09000033":  # Westminster had no figures the year before
            previous = None
        rows.append({"code": borough_code, "name": borough_name, "value": value, "previous": previous})
    trend = []
    month = period.end.replace(day=1)
    for _ in range(12):
        trend.append({"label": f"{month:%b %Y}", "value": "120" if applies else None, "previous": "130"})
        month = (month - timedelta(days=1)).replace(day=1)
    trend.reverse()
    return {
        "code": code,
        "name": name,
        "unit": unit,
        "direction": "down",
        "frequency": frequency,
        "counts_people": counts_people,
        "source": "Metropolitan Police Service crime data",
        "is_demo": extra.get("is_demo", False),
        "applies": applies,
        "boroughs": rows,
        "london": {"value": "561" if applies else None, "previous": "620" if applies else None},
        "trend": trend,
    }


def sample_snapshot(slug: str = "2025-Q1", *, indicators: int = 3, london_value: str | None = None) -> dict:
    """A fresh snapshot for the period ``slug`` with ``indicators`` indicator rows under objective 1."""
    period = ReportPeriod.parse(slug)
    year_quarters = [FinancialQuarter(period.financial_year, n) for n in (1, 2, 3, 4)]
    # As the spec says: the quarters of the financial year that have ended by the period's end.
    quarters = [q.label for q in year_quarters if q.end <= period.end]
    ended = [q for q in FinancialQuarter.between(period.start - timedelta(days=400), period.end) if q.end <= period.end]
    quarters_text = ", ".join(q.label for q in period.quarters()) or ended[-1].label
    objectives = []
    for number, title in OBJECTIVES.items():
        reach = {1: 3, 5: 12, 7: 40}.get(number, 0)
        objectives.append(
            {
                "number": number,
                "title": title,
                "aims": [aim for aim, (_, numbers) in AIMS.items() if number in numbers],
                "summary": summary(reach=reach, late=number % 3),
                "indicators": [_indicator(n, quarters_text) for n in range(indicators)] if number == 1 else [],
                "rag_by_quarter": [
                    {"quarter": q, "rag": RAG_CYCLE[(number + i) % 4], "green": 2, "amber": 1, "red": i, "none": 0}
                    for i, q in enumerate(quarters)
                ],
            }
        )
    aims = [
        {"number": number, "title": title, "objectives": numbers, "summary": summary(active=5, reach=55)}
        for number, (title, numbers) in AIMS.items()
    ]
    reach_rows = []
    for code, name in BOROUGHS_BY_NAME:
        counts = {band: REACH.get(code, {}).get(band, 0) for band, _ in AGE_BANDS}
        reach_rows.append({"code": code, "name": name, "counts": counts, "total": sum(counts.values())})
    totals = {band: sum(row["counts"][band] for row in reach_rows) for band, _ in AGE_BANDS}
    knife = _population(
        period, "knife-crime-injury-victims-u25", "Knife crime with injury victims under 25", "victims", "month", True
    )
    if london_value is not None:
        knife["london"]["value"] = london_value
    return {
        "version": 1,
        "period": {
            "kind": period.kind,
            "slug": period.slug,
            "label": period.label,
            "short_label": period.short_label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "financial_year": f"{period.financial_year}-{(period.financial_year + 1) % 100:02d}",
        },
        "built_at": "2025-07-21T06:30:00+01:00",
        "thresholds": {"green_percent": 100, "amber_percent": 90, "suppress_below": 8, "round_to": 5},
        "aims": aims,
        "objectives": objectives,
        "funds": [
            {
                "name": "VRU core budget",
                "financial_year": "2025-26",
                "total": "6800000.00",
                "awarded": "1234.56",
                "paid": "999.99",
            },
            {
                "name": "MOPAC safer schools",
                "financial_year": "2025-26",
                "total": "1000000.00",
                "awarded": "0.00",
                "paid": "0.00",
            },
        ],
        "reach": {
            "basis": f"Accepted returns for {period.short_label}",
            "age_bands": [{"code": code, "label": label} for code, label in AGE_BANDS],
            "boroughs": reach_rows,
            "totals": totals,
            "total": sum(totals.values()),
        },
        "population": [
            _population(period, "homicides", "Homicides", "victims", "month", True, is_demo=True),
            _population(
                period,
                "hospital-admissions-sharp-object",
                "Hospital admissions for assault with a sharp object",
                "admissions",
                "quarter",
                True,
            ),
            knife,
            _population(
                period,
                "violence-against-the-person",
                "Violence against the person offences",
                "offences",
                "month",
                False,
            ),
        ],
    }


def make_report(slug: str = "2025-Q1", *, data: dict | None = None, indicators: int = 3, **snapshot_options):
    """Publish the report of ``slug`` from a sample snapshot (or ``data``)."""
    period = ReportPeriod.parse(slug)
    return PerformanceReport.objects.create(
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        slug=period.slug,
        label=period.label,
        data=data if data is not None else sample_snapshot(slug, indicators=indicators, **snapshot_options),
        built_at=timezone.now(),
    )


# --- Who asks -------------------------------------------------------------------------------------------

ROLES = ["admin", "staff", "manager", "prg", "partner", "anonymous"]
VRU_ROLES = ("admin", "staff", "manager")


def client_for(personas, role):
    """A test client signed in as the persona ``role`` (or no one, for "anonymous")."""
    from django.test import Client

    client = Client()
    if role != "anonymous":
        client.force_login(personas[role])
    return client


def expect(vru, prg, partner, anonymous=302) -> dict:
    """The status each role gets: the VRU roles alike, then PRG members, partners and the anonymous."""
    return {**dict.fromkeys(VRU_ROLES, vru), "prg": prg, "partner": partner, "anonymous": anonymous}
