"""Downloads hold no more than a chunk of rows in memory: a CSV is streamed as its rows are read, and a
workbook is written to a temporary file that is gone once sent. What the files contain is unchanged."""

import io
import os
from datetime import date
from decimal import Decimal

import pytest
from django.http import FileResponse
from django.urls import reverse
from openpyxl import load_workbook

from vru.exports import csv_response, xlsx_response

HEADERS = ["Name", "Amount (£)", "Due on", "Paid", "Note"]
ROWS = [
    ["=HYPERLINK(1)", Decimal("1250.50"), date(2026, 7, 14), True, None],
    ["Youth\x1b club", 3, date(2026, 10, 14), False, "-2 sessions"],
]


class Reading:
    """The rows, counting how many have been read so far."""

    def __init__(self, rows):
        self.rows, self.read = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.read += 1
            yield row


def test_a_csv_is_streamed_as_its_rows_are_read():
    rows = Reading(ROWS)

    response = csv_response("people", HEADERS, rows, excel_bom=True)

    assert response.streaming
    assert rows.read == 0  # nothing is read before the download starts
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response.getvalue().decode("utf-8") == (
        "\ufeffName,Amount (£),Due on,Paid,Note\r\n"
        "'=HYPERLINK(1),1250.50,2026-07-14,Yes,\r\n"
        "Youth club,3,2026-10-14,No,'-2 sessions\r\n"
    )
    assert rows.read == 2


def test_a_long_csv_is_sent_in_pieces_not_a_line_at_a_time():
    rows = [[f"Organisation {n}", n] for n in range(20_000)]

    pieces = list(csv_response("many", ["Name", "Number"], rows).streaming_content)

    assert 1 < len(pieces) < 100
    assert b"".join(pieces).count(b"\r\n") == 20_001


@pytest.mark.django_db  # closing a response signals the request finished, which looks at the connection
def test_a_workbook_is_sent_from_a_temporary_file_that_is_gone_once_sent():
    response = xlsx_response("people", HEADERS, Reading(ROWS), title="A very long sheet title that Excel would refuse")

    assert isinstance(response, FileResponse)
    file = response.file_to_stream
    assert os.fstat(file.fileno()).st_nlink == 0  # no name on disk: nothing is left behind
    assert response["Content-Disposition"] == 'attachment; filename="people.xlsx"'
    body = response.getvalue()
    assert int(response["Content-Length"]) == len(body)
    response.close()
    assert file.closed

    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "A very long sheet title that Ex"
    assert sheet.freeze_panes == "A2"
    assert [cell.font.bold for cell in sheet[1]] == [True] * 5
    assert [cell.value for cell in sheet[1]] == HEADERS
    first, second = (list(row) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert first[:4] == ["'=HYPERLINK(1)", 1250.5, first[2], "Yes"]
    assert first[2].date() == date(2026, 7, 14)
    assert first[4] is None
    assert second == ["Youth club", 3, second[2], "No", "'-2 sessions"]


def test_downloads_are_streamed_and_private(staff_client):
    url = reverse("commissioning:return-list-export")

    as_csv = staff_client.get(url, {"format": "csv"})
    as_xlsx = staff_client.get(url, {"format": "xlsx"})

    assert as_csv.streaming and as_xlsx.streaming
    for response in (as_csv, as_xlsx):
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith('attachment; filename="monitoring-returns-')
    assert as_csv.getvalue().decode().startswith("Grant id,Grant title,Organisation,Fund,Quarter,")
    assert load_workbook(io.BytesIO(as_xlsx.getvalue())).active["A1"].value == "Grant id"
