"""A small, fixed data set for the performance report, whose figures the tests work out by hand.

Everything sits in financial year 2025-26 (with a little of 2024-25 that must be left out):

Programmes (objective 1 and 5 serve aim 1, objective 8 serves aim 3)
    Alpha mentoring   active  obj 1        2025-04-01 to 2027-03-31
    Bravo schools     paused  obj 1, 5, 8  2024-04-01 to 2026-03-31
    Charlie campaign  closed  obj 8        2024-04-01 to 2025-04-30

Milestones (due / done)
    Alpha:   m1 2025-05-15 / 2025-05-10   m2 2025-06-15 / -   m3 2025-09-30 / -
             m4 2025-06-20 / 2025-07-05   m10 2025-10-15 / 2025-10-10
    Bravo:   m5 2025-03-31 / 2025-03-20   m6 2025-04-30 / 2025-06-30
             m7 2025-12-31 / 2025-05-01   m8 2026-01-31 / -
    Charlie: m9 2025-04-15 / -

Indicators (2025-26 quarters, target / actual)
    Alpha   "Young people mentored"  up, sum, people      Q1 120/98  Q2 120/130  Q3 100/-
    Alpha   "Sessions delivered"     up, mean             Q1 40/37   Q2 40/44
    Bravo   "Knife incidents at school gates" down, latest  Q1 10/12  Q2 10/9
    Bravo   "Teachers trained"       up, sum              Q1 20/-
    Charlie "Campaign reach"         up, sum, people      Q1 0/5

Funds: "VRU core budget 2025-26" (2025-26, £1,000,000.00; obj 1 £300,000.00, obj 5 £100,000.00,
obj 8 £150,000.50) and "VRU core budget 2024-25" (2024-25, £500,000.00; obj 1 £200,000.00).

Grants
    G1 obj 1, 2025-26 fund, £40,000.00, 2025-04-01 to 2026-03-31, awarded 15 Mar 2025;
       tranches of £10,000.00: paid 10 Apr 2025, paid 20 Jul 2025, paid 20 Jan 2026, unpaid.
    G2 obj 8, 2025-26 fund, £25,000.50, 2025-01-01 to 2025-12-31, awarded 1 Jul 2025 at 00:30
       London time (still 30 June in UTC); tranches £6,250.14 paid 2 Jul 2025, then 3 × £6,250.12 unpaid.
    G3 obj 1, 2024-25 fund, £30,000.00, 2024-10-01 to 2025-06-30, awarded 1 Sep 2024.

Returns (due date; status; reach as borough, age band, count)
    G1 2025-26 Q1 (14 Jul 2025) accepted: Croydon 15-17 12, Croydon 18-24 3, Hackney 10-14 20
    G1 2025-26 Q2 (14 Oct 2025) draft: Hackney 10-14 11
    G1 2025-26 Q3 (14 Jan 2026) accepted: Hackney 15-17 9
    G1 2025-26 Q4 (14 Apr 2026) draft
    G2 2024-25 Q4 (14 Apr 2025) draft
    G2 2025-26 Q1 (14 Jul 2025) accepted: Southwark 15-17 8
    G2 2025-26 Q2 (14 Oct 2025) accepted: Southwark 15-17 30
    G2 2025-26 Q3 (14 Jan 2026) returned: Southwark 15-17 16
    G3 2024-25 Q3 (14 Jan 2025) accepted: Lambeth 18-24 40
    G3 2024-25 Q4 (14 Apr 2025) accepted: Lambeth 18-24 25
    G3 2025-26 Q1 (14 Jul 2025) accepted: Lambeth 18-24 7

Population figures (borough: period value)
    Knife crime with injury victims under 25 (monthly):
        Croydon Apr 2024 5, May 2024 5, Jun 2024 7, Jul 2024 8, Oct 2024 6,
                Apr 2025 4, May 2025 6, Jun 2025 3, Jul 2025 10, Oct 2025 5
        Hackney May 2025 2;  Lambeth Jun 2024 9
    Homicides (monthly): Croydon May 2025 1 (demo data)
    Hospital admissions for assault with a sharp object (quarterly):
        Croydon 2024-25 Q1 10, 2025-26 Q1 12;  Hackney 2025-26 Q1 5
    Violence against the person offences (monthly, not people): Croydon Apr 2025 250
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from commissioning.models import FundAllocation, Grant, MonitoringReturn, ReturnReach, ReturnStatus, TrancheStatus
from commissioning.tests.factories import FundFactory, awarded_grant
from partners.models import Borough
from programmes.models import (
    Aggregation,
    Direction,
    Objective,
    PopulationFigure,
    PopulationIndicator,
    ProgrammeStatus,
)
from programmes.periods import FinancialQuarter
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, MilestoneFactory, ProgrammeFactory
from vru.tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")
KNIFE_CRIME = "knife-crime-injury-victims-u25"
HOMICIDES = "homicides"
ADMISSIONS = "hospital-admissions-sharp-object"
VIOLENCE = "violence-against-the-person"


@dataclass
class ReportData:
    programmes: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    grants: dict = field(default_factory=dict)
    funds: dict = field(default_factory=dict)


def _objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def _programmes(data: ReportData) -> None:
    lead = UserFactory(role="staff")
    for key, title, status, numbers, start, end in [
        ("alpha", "Alpha mentoring", ProgrammeStatus.ACTIVE, [1], date(2025, 4, 1), date(2027, 3, 31)),
        ("bravo", "Bravo schools", ProgrammeStatus.PAUSED, [1, 5, 8], date(2024, 4, 1), date(2026, 3, 31)),
        ("charlie", "Charlie campaign", ProgrammeStatus.CLOSED, [8], date(2024, 4, 1), date(2025, 4, 30)),
    ]:
        data.programmes[key] = ProgrammeFactory(
            title=title,
            status=status,
            objectives=_objectives(*numbers),
            start_date=start,
            end_date=end,
            lead_officer=lead,
        )
    for key, due, done in [
        ("alpha", date(2025, 5, 15), date(2025, 5, 10)),
        ("alpha", date(2025, 6, 15), None),
        ("alpha", date(2025, 9, 30), None),
        ("alpha", date(2025, 6, 20), date(2025, 7, 5)),
        ("bravo", date(2025, 3, 31), date(2025, 3, 20)),
        ("bravo", date(2025, 4, 30), date(2025, 6, 30)),
        ("bravo", date(2025, 12, 31), date(2025, 5, 1)),
        ("bravo", date(2026, 1, 31), None),
        ("charlie", date(2025, 4, 15), None),
        ("alpha", date(2025, 10, 15), date(2025, 10, 10)),
    ]:
        MilestoneFactory(programme=data.programmes[key], due_date=due, done_date=done)


def _indicators(data: ReportData) -> None:
    for key, programme, name, unit, direction, aggregation, people, values in [
        ("mentored", "alpha", "Young people mentored", "young people", Direction.UP, Aggregation.SUM, True,
         {1: ("120", "98"), 2: ("120", "130"), 3: ("100", None)}),
        ("sessions", "alpha", "Sessions delivered", "sessions", Direction.UP, Aggregation.MEAN, False,
         {1: ("40", "37"), 2: ("40", "44")}),
        ("incidents", "bravo", "Knife incidents at school gates", "incidents", Direction.DOWN, Aggregation.LATEST,
         False, {1: ("10", "12"), 2: ("10", "9")}),
        ("teachers", "bravo", "Teachers trained", "teachers", Direction.UP, Aggregation.SUM, False,
         {1: ("20", None)}),
        ("campaign", "charlie", "Campaign reach", "people", Direction.UP, Aggregation.SUM, True, {1: ("0", "5")}),
    ]:  # fmt: skip
        indicator = IndicatorFactory(
            programme=data.programmes[programme],
            name=name,
            unit=unit,
            direction=direction,
            aggregation=aggregation,
            counts_people=people,
        )
        data.indicators[key] = indicator
        for quarter, (target, actual) in values.items():
            IndicatorValueFactory(
                indicator=indicator,
                financial_year=2025,
                quarter=quarter,
                target=Decimal(target),
                actual=None if actual is None else Decimal(actual),
            )


def _grant(fund, objective_number, amount, start, end, awarded_at, manager) -> Grant:
    objectives = _objectives(objective_number)
    grant = awarded_grant(
        manager=manager,
        amount=Decimal(amount),
        round__fund=fund,
        round__objectives=objectives,
        objectives=objectives,
        start_date=start,
        end_date=end,
    )
    Grant.objects.filter(pk=grant.pk).update(awarded_at=awarded_at)
    return grant


def _pay(grant, paid: dict[int, date]) -> None:
    for number, day in paid.items():
        grant.tranches.filter(number=number).update(status=TrancheStatus.PAID, paid_on=day)


def _return(grant, year, quarter, status, reach=()) -> MonitoringReturn:
    monitoring_return = grant.returns.get(financial_year=year, quarter=quarter)
    MonitoringReturn.objects.filter(pk=monitoring_return.pk).update(status=status)
    for borough, band, count in reach:
        ReturnReach.objects.create(
            monitoring_return=monitoring_return, borough=Borough.objects.get(name=borough), age_band=band, count=count
        )
    return monitoring_return


def _money(data: ReportData) -> None:
    manager = UserFactory(role="manager")
    this_year = FundFactory(name="VRU core budget 2025-26", financial_year=2025, total=Decimal("1000000.00"))
    last_year = FundFactory(name="VRU core budget 2024-25", financial_year=2024, total=Decimal("500000.00"))
    data.funds = {"this_year": this_year, "last_year": last_year}
    for fund, number, amount in [
        (this_year, 1, "300000.00"),
        (this_year, 5, "100000.00"),
        (this_year, 8, "150000.50"),
        (last_year, 1, "200000.00"),
    ]:
        FundAllocation.objects.create(fund=fund, objective=Objective.objects.get(number=number), amount=Decimal(amount))

    g1 = _grant(
        this_year,
        1,
        "40000.00",
        date(2025, 4, 1),
        date(2026, 3, 31),
        dt.datetime(2025, 3, 15, 12, tzinfo=LONDON),
        manager,
    )
    g2 = _grant(
        this_year, 8, "25000.50", date(2025, 1, 1), date(2025, 12, 31), dt.datetime(2025, 7, 1, 0, 30, tzinfo=LONDON),
        manager,
    )  # fmt: skip
    g3 = _grant(
        last_year,
        1,
        "30000.00",
        date(2024, 10, 1),
        date(2025, 6, 30),
        dt.datetime(2024, 9, 1, 9, tzinfo=LONDON),
        manager,
    )
    data.grants = {"g1": g1, "g2": g2, "g3": g3}
    _pay(g1, {1: date(2025, 4, 10), 2: date(2025, 7, 20), 3: date(2026, 1, 20)})
    _pay(g2, {1: date(2025, 7, 2)})
    _pay(g3, {1: date(2024, 10, 5)})

    accepted, draft, returned = ReturnStatus.ACCEPTED, ReturnStatus.DRAFT, ReturnStatus.RETURNED
    _return(g1, 2025, 1, accepted, [("Croydon", "15_17", 12), ("Croydon", "18_24", 3), ("Hackney", "10_14", 20)])
    _return(g1, 2025, 2, draft, [("Hackney", "10_14", 11)])
    _return(g1, 2025, 3, accepted, [("Hackney", "15_17", 9)])
    _return(g1, 2025, 4, draft)
    _return(g2, 2024, 4, draft)
    _return(g2, 2025, 1, accepted, [("Southwark", "15_17", 8)])
    _return(g2, 2025, 2, accepted, [("Southwark", "15_17", 30)])
    _return(g2, 2025, 3, returned, [("Southwark", "15_17", 16)])
    _return(g3, 2024, 3, accepted, [("Lambeth", "18_24", 40)])
    _return(g3, 2024, 4, accepted, [("Lambeth", "18_24", 25)])
    _return(g3, 2025, 1, accepted, [("Lambeth", "18_24", 7)])


def month_figure(code: str, borough: str, year: int, month: int, value, *, is_demo=False) -> PopulationFigure:
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return PopulationFigure.objects.create(
        indicator=PopulationIndicator.objects.get(code=code),
        borough=Borough.objects.get(name=borough),
        period_start=start,
        period_end=following - dt.timedelta(days=1),
        value=Decimal(value),
        is_demo=is_demo,
    )


def quarter_figure(code: str, borough: str, quarter: FinancialQuarter, value) -> PopulationFigure:
    return PopulationFigure.objects.create(
        indicator=PopulationIndicator.objects.get(code=code),
        borough=Borough.objects.get(name=borough),
        period_start=quarter.start,
        period_end=quarter.end,
        value=Decimal(value),
    )


def _population() -> None:
    for borough, year, month, value in [
        ("Croydon", 2024, 4, 5),
        ("Croydon", 2024, 5, 5),
        ("Croydon", 2024, 6, 7),
        ("Croydon", 2024, 7, 8),
        ("Croydon", 2024, 10, 6),
        ("Croydon", 2025, 4, 4),
        ("Croydon", 2025, 5, 6),
        ("Croydon", 2025, 6, 3),
        ("Croydon", 2025, 7, 10),
        ("Croydon", 2025, 10, 5),
        ("Hackney", 2025, 5, 2),
        ("Lambeth", 2024, 6, 9),
    ]:
        month_figure(KNIFE_CRIME, borough, year, month, value)
    month_figure(HOMICIDES, "Croydon", 2025, 5, 1, is_demo=True)
    quarter_figure(ADMISSIONS, "Croydon", FinancialQuarter(2024, 1), 10)
    quarter_figure(ADMISSIONS, "Croydon", FinancialQuarter(2025, 1), 12)
    quarter_figure(ADMISSIONS, "Hackney", FinancialQuarter(2025, 1), 5)
    month_figure(VIOLENCE, "Croydon", 2025, 4, 250)


def build_report_data() -> ReportData:
    """The data set above, built through the same factories and award service the other tests use."""
    data = ReportData()
    _programmes(data)
    _indicators(data)
    _money(data)
    _population()
    return data


def objective(data: dict, number: int) -> dict:
    """An objective's section of a snapshot."""
    return next(row for row in data["objectives"] if row["number"] == number)


def aim(data: dict, number: int) -> dict:
    return next(row for row in data["aims"] if row["number"] == number)


def named(rows: list[dict], name: str) -> dict:
    """The row of a borough, a population indicator or an indicator, by its name."""
    return next(row for row in rows if row["name"] == name)
