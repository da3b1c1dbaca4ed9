"""Helpers shared by every CSV and XLSX download.

Every cell of text goes through ``csv_safe``, so no stored record can break a download:
formulas are escaped, and control characters (which an XLSX cell cannot hold, and which
records saved before the forms refused them may have) are dropped.

Neither format holds the whole table in memory, so a download of 100,000 rows costs what one of
a thousand does: a CSV is streamed as its rows are read, and a workbook is written row by row
(openpyxl's write-only mode) to a temporary file, which goes away once it has been sent. Views feed
them rows from ``rows_of``, which reads the database a chunk at a time.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from vru.validators import writable_text

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read from the database per query: enough that a prefetch per chunk costs little, few enough that
# a chunk of model instances stays a few megabytes.
CHUNK_SIZE = 2000
# A streamed CSV is sent in pieces of about this many characters rather than a write per row.
_CSV_PIECE = 64 * 1024


def rows_of(queryset):
    """The queryset's rows read ``CHUNK_SIZE`` at a time (a server-side cursor on PostgreSQL), each chunk
    with its own prefetches, so an export's memory and queries per chunk do not grow with the rows."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


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


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, Decimal, float)):
        return value
    return csv_safe(value)


class _Echo:
    """A file csv.writer can write to that hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _csv_pieces(headers: Sequence[str], rows: Iterable[Sequence], excel_bom: bool) -> Iterator[str]:
    writer = csv.writer(_Echo())
    piece = ["\ufeff"] if excel_bom else []
    piece.append(writer.writerow([csv_safe(header) for header in headers]))
    size = 0
    for row in rows:
        line = writer.writerow([_csv_text(value) for value in row])
        piece.append(line)
        size += len(line)
        if size >= _CSV_PIECE:
            yield "".join(piece)
            piece, size = [], 0
    yield "".join(piece)


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, excel_bom: bool = False
) -> StreamingHttpResponse:
    """A CSV download, streamed as ``rows`` are read: every text cell made safe; dates as ISO, money as
    plain numbers.

    ``excel_bom`` starts the file with a byte-order mark, which lets Excel read the £ sign
    and accents as UTF-8 (machine-read files, such as 360Giving's, go without).
    """
    response = StreamingHttpResponse(_csv_pieces(headers, rows, excel_bom), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"
) -> FileResponse:
    """An XLSX download of one sheet, with the header row frozen and numbers and dates kept as such."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=csv_safe(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    # An unnamed temporary file: the operating system removes it when FileResponse closes it after sending.
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    try:
        workbook.save(file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(file, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Data"):
    """``fmt`` is ``"csv"`` or ``"xlsx"``."""
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, title=title)
    return csv_response(filename, headers, rows)
