"""Helpers shared by every CSV and XLSX download.

Every cell of text goes through ``csv_safe``, so no stored record can break a download:
formulas are escaped, and control characters (which an XLSX cell cannot hold, and which
records saved before the forms refused them may have) are dropped.
"""

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone

from vru.validators import writable_text

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value) -> str:
    """Text a spreadsheet will show as text: control characters dropped, a leading formula character escaped."""
    text = "" if value is None else writable_text(str(value))
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _cell(value):
    """Numbers and dates stay typed in a workbook; text is made safe as in a CSV."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, Decimal, float)):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return csv_safe(value)


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, excel_bom: bool = False
) -> HttpResponse:
    """A CSV download: every text cell made safe; dates as ISO, money as plain numbers.

    ``excel_bom`` starts the file with a byte-order mark, which lets Excel read the £ sign
    and accents as UTF-8 (machine-read files, such as 360Giving's, go without).
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    if excel_bom:
        response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_safe(header) for header in headers])
    for row in rows:
        writer.writerow(
            [
                "" if value is None else value.isoformat() if isinstance(value, (date, datetime)) else _csv_text(value)
                for value in row
            ]
        )
    return response


def _csv_text(value):
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, Decimal, float)):
        return value
    return csv_safe(value)


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"):
    """An XLSX download of one sheet, with the header row frozen and numbers and dates kept as such."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([csv_safe(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"):
    """``fmt`` is ``"csv"`` or ``"xlsx"``."""
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, title=title)
    return csv_response(filename, headers, rows)
