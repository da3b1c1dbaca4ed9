"""The periods a performance report covers: a calendar month, a financial quarter or a financial year.

Each has a short slug used in URLs and on the command line:

- ``2025-04``: April 2025;
- ``2025-Q1``: the first quarter of financial year 2025-26 (April to June 2025);
- ``2025-26``: financial year 2025-26 (April 2025 to March 2026).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from programmes.models import ReportKind
from programmes.periods import FinancialQuarter, financial_year_label, financial_year_of

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class ReportPeriod:
    start: date
    kind: str

    @classmethod
    def month(cls, year: int, month: int) -> "ReportPeriod":
        return cls(date(year, month, 1), ReportKind.MONTH)

    @classmethod
    def quarter(cls, financial_quarter: FinancialQuarter) -> "ReportPeriod":
        return cls(financial_quarter.start, ReportKind.QUARTER)

    @classmethod
    def year(cls, start_year: int) -> "ReportPeriod":
        return cls(date(start_year, 4, 1), ReportKind.YEAR)

    @classmethod
    def of(cls, kind: str, start: date) -> "ReportPeriod":
        """The period of ``kind`` that starts on ``start``; ValueError if no such period starts then."""
        if kind == ReportKind.MONTH and start.day == 1:
            return cls.month(start.year, start.month)
        if kind == ReportKind.QUARTER and FinancialQuarter.containing(start).start == start:
            return cls.quarter(FinancialQuarter.containing(start))
        if kind == ReportKind.YEAR and (start.month, start.day) == (4, 1):
            return cls.year(start.year)
        raise ValueError(f"No {kind} period starts on {start:%-d %B %Y}.")

    @classmethod
    def containing(cls, kind: str, day: date) -> "ReportPeriod":
        if kind == ReportKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == ReportKind.QUARTER:
            return cls.quarter(FinancialQuarter.containing(day))
        if kind == ReportKind.YEAR:
            return cls.year(financial_year_of(day))
        raise ValueError(f"{kind!r} is not a kind of report.")

    @classmethod
    def parse(cls, slug: str) -> "ReportPeriod":
        """Read ``2025-04``, ``2025-Q1`` or ``2025-26``."""
        text = (slug or "").strip()
        if match := _MONTH.match(text):
            return cls.month(int(match[1]), int(match[2]))
        if match := _QUARTER.match(text):
            return cls.quarter(FinancialQuarter(int(match[1]), int(match[2])))
        if (match := _YEAR.match(text)) and (int(match[1]) + 1) % 100 == int(match[2]):
            return cls.year(int(match[1]))
        raise ValueError(
            f"{slug!r} is not a period. Give a month such as 2025-04, a financial quarter such as 2025-Q1 "
            "(April to June 2025) or a financial year such as 2025-26."
        )

    @classmethod
    def latest_ended(cls, kind: str, today: date) -> "ReportPeriod":
        """The last period of ``kind`` to have ended before ``today``."""
        return cls.containing(kind, today).previous()

    @property
    def end(self) -> date:
        return self.following().start - timedelta(days=1)

    @property
    def financial_year(self) -> int:
        return financial_year_of(self.start)

    @property
    def slug(self) -> str:
        if self.kind == ReportKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == ReportKind.QUARTER:
            return f"{self.financial_year}-Q{FinancialQuarter.containing(self.start).quarter}"
        return financial_year_label(self.financial_year)

    @property
    def label(self) -> str:
        """How people say it: "April 2025", "2025-26 Q1 (April to June 2025)", "2025-26"."""
        if self.kind == ReportKind.MONTH:
            return f"{self.start:%B %Y}"
        if self.kind == ReportKind.QUARTER:
            return f"{FinancialQuarter.containing(self.start).label} ({self.start:%B} to {self.end:%B %Y})"
        return f"Financial year {financial_year_label(self.financial_year)}"

    @property
    def short_label(self) -> str:
        if self.kind == ReportKind.QUARTER:
            return FinancialQuarter.containing(self.start).label
        if self.kind == ReportKind.YEAR:
            return financial_year_label(self.financial_year)
        return f"{self.start:%b %Y}"

    def following(self) -> "ReportPeriod":
        if self.kind == ReportKind.MONTH:
            year, month = (
                (self.start.year + 1, 1) if self.start.month == 12 else (self.start.year, self.start.month + 1)
            )
            return ReportPeriod.month(year, month)
        if self.kind == ReportKind.QUARTER:
            return ReportPeriod.quarter(FinancialQuarter.containing(self.start).next())
        return ReportPeriod.year(self.financial_year + 1)

    def previous(self) -> "ReportPeriod":
        return ReportPeriod.containing(self.kind, self.start - timedelta(days=1))

    def year_before(self) -> "ReportPeriod":
        """The same period a year earlier, for trends."""
        return ReportPeriod.of(self.kind, self.start.replace(year=self.start.year - 1))

    def quarters(self) -> list[FinancialQuarter]:
        """The financial quarters inside this period (none for a month that is not a whole quarter)."""
        return [
            q for q in FinancialQuarter.between(self.start, self.end) if self.start <= q.start and q.end <= self.end
        ]

    def has_ended(self, today: date) -> bool:
        return self.end < today


def england_bank_holidays(year: int):
    return holidays.country_holidays("GB", subdiv="ENG", years=[year])


def working_day_number(day: date) -> int | None:
    """Which working day of its month ``day`` is (1 for the first), or None at a weekend or bank holiday.

    Working days are Monday to Friday, less England's bank holidays.
    """
    bank_holidays = england_bank_holidays(day.year)
    if day.weekday() >= 5 or day in bank_holidays:
        return None
    count = 0
    current = day.replace(day=1)
    while current <= day:
        if current.weekday() < 5 and current not in bank_holidays:
            count += 1
        current += timedelta(days=1)
    return count
