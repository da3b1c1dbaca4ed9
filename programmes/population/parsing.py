"""The population figures file: its format, and every check on it before anything is written.

A file is CSV, UTF-8 (a spreadsheet's byte order mark is fine), with a header row naming exactly the
columns ``indicator,borough_code,period,value`` in any order, then one figure a row::

    indicator,borough_code,period,value
    knife-crime-injury-victims-u25,E09000022,2025-04,7
    hospital-admissions-sharp-object,E09000022,2025-26 Q1,12

A monthly indicator's period is a calendar month (``YYYY-MM``); a quarterly one's is a financial
quarter (``YYYY-YY Qn``). Only periods that have ended, from April 2000 on, can be imported.

Every bad row is reported, each problem as ``{"row": 5, "column": "borough_code", "message": "…"}``,
where the row is the file's line number as a spreadsheet shows it (the header is row 1). A problem
with the whole file has no column; a problem that is not on one row has no row either.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError

from partners.models import Borough
from programmes.models import Frequency, PopulationIndicator
from programmes.periods import FinancialQuarter

COLUMNS = ("indicator", "borough_code", "period", "value")
HEADER = ",".join(COLUMNS)
COLUMN_LIST = "indicator, borough_code, period and value"
EARLIEST = date(2000, 4, 1)
# The rest of a long file's problems are summed up in one line: a list of thousands helps no one.
MAX_ERRORS = 500
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# PopulationFigure.value has 14 digits, two of them after the point.
VALUE_LIMIT = Decimal(10) ** 12
CENT = Decimal("0.01")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def max_upload_bytes() -> int:
    return getattr(settings, "POPULATION_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def _size_label(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size // 1024} KB"


# --- Periods --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A month or a financial quarter, labelled as the file writes it (``2025-04``, ``2025-26 Q1``)."""

    start: date
    end: date
    label: str

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        start = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(start, following - timedelta(days=1), f"{year:04d}-{month:02d}")

    @classmethod
    def quarter(cls, quarter: FinancialQuarter) -> "Period":
        return cls(quarter.start, quarter.end, quarter.label)

    @classmethod
    def of(cls, frequency: str, start: date) -> "Period":
        """The period of an indicator of ``frequency`` that starts on ``start``."""
        if frequency == Frequency.QUARTER:
            return cls.quarter(FinancialQuarter.containing(start))
        return cls.month(start.year, start.month)


def _month(text: str) -> Period | None:
    match = _MONTH.match(text)
    if match and 1 <= int(match[2]) <= 12:
        return Period.month(int(match[1]), int(match[2]))
    return None


def _quarter(text: str) -> Period | None:
    try:
        return Period.quarter(FinancialQuarter.parse(text))
    except ValueError:
        return None


def read_period(text: str, indicator: PopulationIndicator | None) -> Period:
    """The period ``text`` names, in the form ``indicator``'s frequency needs; ValueError saying why not.

    Without a known indicator either form is read, so a bad period is still reported on a row whose
    indicator is also wrong.
    """
    if indicator is None:
        period = _month(text) or _quarter(text)
        if period is None:
            raise ValueError(
                f"{text!r} is not a period: write a month as YYYY-MM (such as 2025-04) "
                "or a financial quarter as YYYY-YY Qn (such as 2025-26 Q1)."
            )
        return period
    if indicator.frequency == Frequency.QUARTER:
        period = _quarter(text)
        if period is None:
            raise ValueError(
                f"{text!r} is not a financial quarter. {indicator.name} is a quarterly figure: "
                "write its period as YYYY-YY Qn, such as 2025-26 Q1."
            )
        return period
    period = _month(text)
    if period is None:
        raise ValueError(
            f"{text!r} is not a month. {indicator.name} is a monthly figure: "
            "write its period as YYYY-MM, such as 2025-04."
        )
    return period


def check_period_dates(period: Period, today: date) -> None:
    if period.end >= today:
        raise ValueError(f"{period.label} has not ended yet: only figures for periods that have ended can be imported.")
    if period.start < EARLIEST:
        raise ValueError(f"{period.label} is before April 2000: only figures from April 2000 on can be imported.")


def read_value(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(f"{text!r} is not a number: write a figure such as 12 or 12.5, without commas.")
    if value < 0:
        raise ValueError(f"{text} is negative: a figure cannot be less than 0.")
    if value != value.quantize(CENT):
        raise ValueError(f"{text} has more than 2 decimal places.")
    if value >= VALUE_LIMIT:
        raise ValueError(f"{text} is too large: a figure must be less than 1,000,000,000,000.")
    return value.quantize(CENT)


# --- The file ---------------------------------------------------------------------------------------


def problem(row: int | None, column: str | None, message: str) -> dict:
    return {"row": row, "column": column, "message": message}


def describe(error: dict) -> str:
    """One problem as a line of text: ``Row 5, borough_code: 'E09000099' is not a London borough's ONS code.``"""
    row, column, message = error.get("row"), error.get("column"), error["message"]
    if row is None:
        return message
    return f"Row {row}, {column}: {message}" if column else f"Row {row}: {message}"


def check_upload_size(size: int) -> None:
    if size > max_upload_bytes():
        raise ValidationError(
            f"The selected file must be smaller than {_size_label(max_upload_bytes())}: "
            "split it into several files and import each.",
            code="too_big",
        )


def read_csv_bytes(data: bytes, *, file_name: str) -> str:
    """The text of an uploaded file, or a ValidationError saying why it cannot be imported."""
    if not file_name.lower().endswith(".csv"):
        raise ValidationError(
            "The selected file must be a CSV file: save the spreadsheet as “CSV UTF-8” and upload that.",
            code="not_csv",
        )
    check_upload_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The selected file is not UTF-8 text: save it as “CSV UTF-8” and try again.", code="not_utf8"
        ) from None
    if "\x00" in text:
        raise ValidationError("The selected file must be a CSV file: this one holds binary data.", code="not_csv")
    if not text.strip():
        raise ValidationError("The selected file is empty.", code="empty")
    return text


@dataclass(frozen=True)
class ParsedFigure:
    row: int
    indicator_id: int
    borough_id: int
    period_start: date
    period_end: date
    value: Decimal


@dataclass
class ParseResult:
    total_rows: int = 0
    figures: list[ParsedFigure] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def capped_errors(self) -> list[dict]:
        if len(self.errors) <= MAX_ERRORS:
            return self.errors
        more = len(self.errors) - MAX_ERRORS
        return [*self.errors[:MAX_ERRORS], problem(None, None, f"…and {more} more problem{'s' if more != 1 else ''}.")]


def _header_errors(header: list[str]) -> list[dict]:
    errors = []
    for column in COLUMNS:
        if column not in header:
            errors.append(problem(1, column, f"The header row has no {column} column. The file needs {HEADER}."))
    seen = set()
    for position, name in enumerate(header, start=1):
        if not name:
            errors.append(
                problem(1, None, f"Column {position} of the header row has no name: the columns are {COLUMN_LIST}.")
            )
        elif name not in COLUMNS:
            errors.append(
                problem(
                    1, name, f"{name!r} is not a column this import reads: remove it. The columns are {COLUMN_LIST}."
                )
            )
        elif name in seen:
            errors.append(problem(1, name, f"The {name} column appears more than once in the header row."))
        seen.add(name)
    return errors


def _records(text: str, result: ParseResult) -> list[tuple[int, list[str]]] | None:
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    try:
        # Row numbers as a spreadsheet shows them: a blank line is a row too.
        for cells in reader:
            records.append((len(records) + 1, cells))
    except csv.Error as error:
        result.errors.append(
            problem(
                len(records) + 1,
                None,
                f"This row cannot be read as CSV ({error}): look for a quote mark that is not closed.",
            )
        )
        return None
    return records


def parse_figures(
    text: str,
    *,
    today: date,
    on_progress: Callable[[int, int], None] | None = None,
    progress_every: int = 500,
) -> ParseResult:
    """Every row of ``text`` checked against the indicators and boroughs; the good rows and every problem.

    ``on_progress(done, total)`` is called every ``progress_every`` rows, so a caller can show how far
    the check has got. Nothing is written.
    """
    result = ParseResult()
    records = _records(text, result)
    if records is None:
        return result
    if not records or not any(cell.strip() for cell in records[0][1]):
        result.errors.append(problem(1, None, f"The file has no header row: its first row must be {HEADER}."))
        return result
    header = [cell.strip().lstrip("\ufeff").lower() for cell in records[0][1]]
    result.errors = _header_errors(header)
    if result.errors:
        return result
    rows = [(number, cells) for number, cells in records[1:] if any(cell.strip() for cell in cells)]
    result.total_rows = len(rows)
    if not rows:
        result.errors.append(problem(None, None, "The file has a header row but no figures below it."))
        return result

    indicators = {indicator.code: indicator for indicator in PopulationIndicator.objects.all()}
    boroughs = dict(Borough.objects.values_list("ons_code", "pk"))
    first_row_of: dict[tuple[int, int, date], int] = {}
    for done, (number, cells) in enumerate(rows, start=1):
        _check_row(number, cells, header, indicators, boroughs, first_row_of, today, result)
        if on_progress and done % progress_every == 0:
            on_progress(done, result.total_rows)
    if on_progress and result.total_rows % progress_every:
        on_progress(result.total_rows, result.total_rows)
    return result


def _check_row(number, cells, header, indicators, boroughs, first_row_of, today, result: ParseResult) -> None:
    errors = []
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
        errors.append(
            problem(number, None, f"This row has {len(cells)} cells but the header has {len(header)}: remove the rest.")
        )
    values = dict(zip(header, [cell.strip() for cell in cells] + [""] * (len(header) - len(cells)), strict=False))

    code = values["indicator"]
    indicator = indicators.get(code.lower())
    if not code:
        errors.append(problem(number, "indicator", "The indicator is missing."))
    elif indicator is None:
        known = ", ".join(sorted(indicators)) or "none yet"
        errors.append(
            problem(number, "indicator", f"{code!r} is not a population indicator's code. The codes are: {known}.")
        )

    ons_code = values["borough_code"]
    borough_id = boroughs.get(ons_code.upper())
    if not ons_code:
        errors.append(problem(number, "borough_code", "The borough code is missing."))
    elif borough_id is None:
        errors.append(problem(number, "borough_code", f"{ons_code!r} is not a London borough's ONS code."))

    period = None
    if not values["period"]:
        errors.append(problem(number, "period", "The period is missing."))
    else:
        try:
            period = read_period(values["period"], indicator)
        except ValueError as error:
            errors.append(problem(number, "period", str(error)))
    if period is not None:
        try:
            check_period_dates(period, today)
        except ValueError as error:
            # The period is still known, so a later row repeating this one is reported as a repeat.
            errors.append(problem(number, "period", str(error)))

    value = None
    if not values["value"]:
        errors.append(problem(number, "value", "The value is missing."))
    else:
        try:
            value = read_value(values["value"])
        except ValueError as error:
            errors.append(problem(number, "value", str(error)))

    if indicator is not None and borough_id is not None and period is not None:
        key = (indicator.pk, borough_id, period.start)
        first = first_row_of.setdefault(key, number)
        if first != number:
            errors.append(
                problem(number, None, f"This row repeats row {first}: the same indicator, borough and period.")
            )
    if errors:
        result.errors.extend(errors)
        return
    result.figures.append(ParsedFigure(number, indicator.pk, borough_id, period.start, period.end, value))
