"""When things happen in the commissioning demo, worked out from today, and a clock to make them happen then.

The closed round ran months ago: its grants started three quarters before this one,
so their first returns are in and reviewed, one is waiting for review and one is
overdue. The services take the time from ``django.utils.timezone.now``, as do the
change histories, so the demo sets that clock while it writes each step; the
pages then show who did what, and when, as it would have happened.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from programmes.periods import FinancialQuarter


@contextmanager
def clock(at: datetime):
    """Run the services as if it were ``at`` (demo data only)."""
    with mock.patch.object(timezone, "now", lambda: at):
        yield at


def _previous(quarter: FinancialQuarter) -> FinancialQuarter:
    return FinancialQuarter.containing(quarter.start - timedelta(days=1))


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass(frozen=True)
class Timeline:
    """The demo's dates for ``today``; ``now`` is the present moment (midday, for a day other than today)."""

    today: date
    now: datetime

    @classmethod
    def for_today(cls, today: date) -> "Timeline":
        now = timezone.now()
        return cls(today, now if timezone.localdate(now) == today else _at(today, 12))

    def moment(self, day: date, hour: int = 10) -> datetime:
        """``hour`` o'clock on ``day`` in London, but never later than now."""
        return min(_at(day, hour), self.now)

    @property
    def grant_quarters(self) -> list[FinancialQuarter]:
        """The four quarters the closed round's grants run: three over, and this one."""
        current = FinancialQuarter.containing(self.today)
        quarters = [current]
        for _ in range(3):
            quarters.insert(0, _previous(quarters[0]))
        return quarters

    @property
    def grant_start(self) -> date:
        return self.grant_quarters[0].start

    @property
    def grant_end(self) -> date:
        return self.grant_quarters[-1].end

    # The closed round: set up, open for two months, decided before its grants start.
    @property
    def set_up(self) -> datetime:
        return self.moment(self.grant_start - timedelta(days=180), 9)

    @property
    def closed_opens(self) -> datetime:
        return self.moment(self.grant_start - timedelta(days=150), 9)

    @property
    def closed_closes(self) -> datetime:
        return self.moment(self.grant_start - timedelta(days=90), 12)

    def after_closing(self, days: int, hour: int = 10) -> datetime:
        return self.moment(self.closed_closes.date() + timedelta(days=days), hour)

    @property
    def written(self) -> datetime:
        return self.moment(self.closed_opens.date() + timedelta(days=20))

    @property
    def submitted(self) -> datetime:
        return self.moment(self.closed_closes.date() - timedelta(days=7), 16)

    @property
    def agreement_signed(self) -> datetime:
        return self.moment(self.grant_start - timedelta(days=14))

    @property
    def first_payment(self) -> datetime:
        return self.moment(self.grant_start - timedelta(days=7))

    # Returns: written a week after the quarter, reviewed a week later, the tranche paid a week after that.
    def return_submitted(self, quarter: FinancialQuarter) -> datetime:
        return self.moment(quarter.end + timedelta(days=6), 15)

    def return_reviewed(self, quarter: FinancialQuarter) -> datetime:
        return self.moment(quarter.end + timedelta(days=12), 11)

    def tranche_paid(self, quarter: FinancialQuarter) -> datetime:
        return self.moment(quarter.end + timedelta(days=20))

    # The open round: opened a fortnight ago, closes in three weeks; its grants would start next quarter.
    @property
    def open_set_up(self) -> datetime:
        return self.moment(self.today - timedelta(days=20), 9)

    @property
    def open_opens(self) -> datetime:
        return _at(self.today - timedelta(days=14), 9)

    @property
    def open_closes(self) -> datetime:
        return _at(self.today + timedelta(days=21), 17)

    @property
    def open_grant_dates(self) -> tuple[date, date]:
        start = FinancialQuarter.containing(self.today + timedelta(days=60)).start
        return start, date(start.year + 1, start.month, start.day) - timedelta(days=1)
