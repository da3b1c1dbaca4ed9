"""Grants for the grant and return tests: awarded through the real service to a chosen organisation,
serving chosen boroughs, with returns moved along through the real return services."""

from datetime import date, timedelta
from decimal import Decimal

from commissioning.models import BudgetCategory, BudgetLine, Grant, MonitoringReturn
from commissioning.services import returns as return_services
from commissioning.tests.factories import awarded_grant
from partners.models import Borough
from vru.tests.factories import UserFactory

# Every grant here runs the financial year 2026-27 unless a test says otherwise. Its first
# quarter ended on 30 June 2026, so whatever day the tests run its return can be submitted.
START, END = date(2026, 4, 1), date(2027, 3, 31)
AFTER_Q1 = date(2026, 7, 20)


def grant_for(
    organisation, *, amount=Decimal("40000.00"), boroughs=("Lambeth", "Southwark"), manager=None, **kwargs
) -> Grant:
    """A grant to ``organisation``: four quarterly returns and payments of a quarter of ``amount`` each,
    on signature and after the Q1 to Q3 returns; its application serves ``boroughs`` and has two budget
    lines (staff, three quarters; venue, the rest)."""
    grant = awarded_grant(
        organisation=organisation,
        amount=amount,
        manager=manager,
        amount_requested=amount,
        budget=[],
        start_date=kwargs.pop("start_date", START),
        end_date=kwargs.pop("end_date", END),
        **kwargs,
    )
    application = grant.application
    staff_share = (amount * Decimal("0.75")).quantize(Decimal("0.01"))
    BudgetLine.objects.create(
        application=application,
        order=0,
        category=BudgetCategory.STAFF,
        description="Two youth workers",
        amount=staff_share,
    )
    BudgetLine.objects.create(
        application=application,
        order=1,
        category=BudgetCategory.VENUE,
        description="Hall hire",
        amount=amount - staff_share,
    )
    application.boroughs.set(Borough.objects.filter(name__in=boroughs))
    return grant


def return_of(grant: Grant, quarter: int = 1, year: int = 2026) -> MonitoringReturn:
    return grant.returns.get(financial_year=year, quarter=quarter)


def submitted(monitoring_return: MonitoringReturn, user=None, **fields) -> MonitoringReturn:
    """The return with a narrative, submitted through the service the day after its quarter ended."""
    user = user or UserFactory(role="partner")
    fields.setdefault("progress", "Ran twelve sessions in two youth clubs.")
    after = monitoring_return.period.end + timedelta(days=1)
    return return_services.return_save(
        monitoring_return=monitoring_return, user=user, submit=True, today=after, **fields
    )


def accepted(monitoring_return: MonitoringReturn, reviewer, user=None, **fields) -> MonitoringReturn:
    submitted(monitoring_return, user=user, **fields)
    return return_services.return_accept(monitoring_return=monitoring_return, user=reviewer)
