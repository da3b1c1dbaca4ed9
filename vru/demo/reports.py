"""Demo population figures (plainly labelled as invented) and the performance reports of recent periods."""

from datetime import date

from programmes.models import PerformanceReport, ReportKind, ReportRequest
from programmes.reporting.build import report_build
from programmes.reporting.periods import ReportPeriod
from programmes.reporting.requests import report_request
from vru.demo.population import seed_population


def demo_periods(today: date) -> list[ReportPeriod]:
    """The last three months, the last six quarters and the last financial year: enough to switch and compare."""
    periods = []
    for kind, count in ((ReportKind.MONTH, 3), (ReportKind.QUARTER, 6), (ReportKind.YEAR, 1)):
        period = ReportPeriod.latest_ended(kind, today)
        for _ in range(count):
            periods.append(period)
            period = period.previous()
    return periods


def seed(users, today: date) -> int:
    """Add what is missing; the number of figures and reports made."""
    made = seed_population(today)
    built = {(kind, start) for kind, start in PerformanceReport.objects.values_list("kind", "period_start")}
    for period in demo_periods(today):
        if (period.kind, period.start) in built:
            continue
        request = report_request(period, source=ReportRequest.Source.COMMAND, today=today, send=False)
        # Built here rather than by a worker, and without the email notice: the demo has no one to tell.
        report_build(request.pk, today=today, notify=False)
        made += 1
    return made
