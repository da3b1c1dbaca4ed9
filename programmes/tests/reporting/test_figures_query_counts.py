"""Building a report runs the same number of SQL queries with 3 and with 30 of everything."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commissioning.models import FundAllocation, Grant, ReturnReach, ReturnStatus
from commissioning.tests.factories import FundFactory, awarded_grant
from partners.models import Borough
from programmes.models import Objective, Programme
from programmes.reporting.figures import build_snapshot
from programmes.reporting.periods import ReportPeriod
from programmes.tests.factories import IndicatorFactory, IndicatorValueFactory, MilestoneFactory, ProgrammeFactory
from programmes.tests.reporting.fixtures import LONDON, VIOLENCE, build_report_data, month_figure

pytestmark = pytest.mark.django_db

# The builder's queries: 5 for the strategy and milestones, 2 for indicators, 2 for money,
# 3 for boroughs and reach, 3 for population indicators.
MAX_QUERIES = 15


class Growth:
    """Adds programmes (each with milestones and indicators), grants (with reach) and population figures."""

    def __init__(self):
        self.fund = FundFactory(name="Growth fund", financial_year=2025, total=Decimal("10000000.00"))
        self.objectives = list(Objective.objects.filter(number__in=[1, 5]))
        for objective in self.objectives:
            FundAllocation.objects.create(fund=self.fund, objective=objective, amount=Decimal("5000.00"))
        self.boroughs = list(Borough.objects.order_by("name"))
        self.made = 0

    def to(self, count):
        while self.made < count:
            self.made += 1
            programme = ProgrammeFactory(objectives=self.objectives, start_date=date(2024, 4, 1))
            MilestoneFactory(programme=programme, due_date=date(2025, 5, 1), done_date=date(2025, 5, 2))
            MilestoneFactory(programme=programme, due_date=date(2025, 12, 1))
            for quarter in (1, 2):
                IndicatorValueFactory(indicator=IndicatorFactory(programme=programme), quarter=quarter)
            grant = awarded_grant(
                amount=Decimal("1000.00"),
                round__fund=self.fund,
                round__objectives=self.objectives,
                objectives=self.objectives,
                start_date=date(2025, 4, 1),
                end_date=date(2026, 3, 31),
            )
            Grant.objects.filter(pk=grant.pk).update(awarded_at=datetime(2025, 3, 1, 12, tzinfo=LONDON))
            grant.tranches.filter(number=1).update(status="paid", paid_on=date(2025, 4, 2))
            first = grant.returns.get(financial_year=2025, quarter=1)
            first.status = ReturnStatus.ACCEPTED
            first.save()
            borough = self.boroughs[self.made % len(self.boroughs)]
            ReturnReach.objects.create(monitoring_return=first, borough=borough, age_band="15_17", count=self.made)
            month = (self.made - 1) % 12
            month_figure(VIOLENCE, borough.name, 2025 if month < 9 else 2026, (month + 3) % 12 + 1, 3)


def _queries(period) -> int:
    with CaptureQueriesContext(connection) as queries:
        build_snapshot(period, today=date(2026, 4, 20))
    return len(queries)


@pytest.mark.parametrize("slug", ["2025-Q1", "2025-10", "2025-26"])
def test_building_a_report_runs_a_fixed_number_of_queries(slug, django_assert_max_num_queries):
    build_report_data()
    period = ReportPeriod.parse(slug)
    growth = Growth()
    growth.to(3)
    with django_assert_max_num_queries(MAX_QUERIES):
        small = _queries(period)
    growth.to(30)
    assert Programme.objects.count() == 33
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _queries(period)
    assert small == large


def test_the_growth_is_counted(django_assert_max_num_queries):
    """The extra rows reach the figures, so the equal counts above are not for want of data."""
    growth = Growth()
    growth.to(30)
    data = build_snapshot(ReportPeriod.parse("2025-Q1"), today=date(2025, 7, 21))
    first = data["objectives"][0]
    assert first["summary"]["programmes"]["total"] == 30
    assert len(first["indicators"]) == 60
    assert first["summary"]["milestones"] == {"on_track": 30, "late": 0, "done": 30}
    assert first["summary"]["grants_active"] == 30
    assert data["reach"]["total"] == sum(range(1, 31))
    # Each £1,000.00 grant is paid in four tranches of £250.00, the first on 2 April 2025.
    assert data["funds"][0] == {
        "name": "Growth fund",
        "financial_year": "2025-26",
        "total": "10000000.00",
        "awarded": "30000.00",
        "paid": "7500.00",
    }
    # Figures 1-3, 13-15 and 25-27 fall in April to June 2025: 9 figures of 3.
    assert data["population"][3]["london"]["value"] == "27"
