"""UK financial years (April to March) and their quarters."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

_LABEL = re.compile(r"^\s*(\d{4})-(\d{2})\s*Q([1-4])\s*$", re.IGNORECASE)


def financial_year_of(day: date) -> int:
    """The year in which the financial year containing ``day`` starts (2025 for 2025-26)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    year: int  # the financial year's first calendar year: 2025 means 2025-26
    quarter: int  # 1 is April to June, 4 is January to March

    def __post_init__(self):
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"A financial quarter is 1 to 4, not {self.quarter}.")

    @classmethod
    def containing(cls, day: date) -> "FinancialQuarter":
        months_into_year = (day.month - 4) % 12
        return cls(financial_year_of(day), months_into_year // 3 + 1)

    @classmethod
    def parse(cls, label: str) -> "FinancialQuarter":
        """Read a label such as ``2025-26 Q1``."""
        match = _LABEL.match(label or "")
        if not match:
            raise ValueError(f"{label!r} is not a financial quarter such as 2025-26 Q1.")
        year, next_year, quarter = int(match[1]), int(match[2]), int(match[3])
        if (year + 1) % 100 != next_year:
            raise ValueError(f"{label!r} is not a financial quarter: the years must follow each other.")
        return cls(year, quarter)

    @classmethod
    def between(cls, start: date, end: date) -> list["FinancialQuarter"]:
        """Every quarter that overlaps the dates from ``start`` to ``end``, in order."""
        quarters = []
        current = cls.containing(start)
        last = cls.containing(end)
        while current <= last:
            quarters.append(current)
            current = current.next()
        return quarters

    def next(self) -> "FinancialQuarter":
        if self.quarter == 4:
            return FinancialQuarter(self.year + 1, 1)
        return FinancialQuarter(self.year, self.quarter + 1)

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.quarter - 1)
        year = self.year
        if month > 12:
            month -= 12
            year += 1
        return date(year, month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{financial_year_label(self.year)} Q{self.quarter}"

    @property
    def long_label(self) -> str:
        return f"{self.label} ({self.start:%b} to {self.end:%b %Y})"

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end

    def __str__(self):
        return self.label
