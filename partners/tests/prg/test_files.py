"""What a paper's file really is, decided from its bytes, never from its name or the browser's say-so."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.files import (
    DAMAGED,
    DOCX,
    EMPTY,
    MACROS,
    NOT_PDF,
    PDF,
    WRONG_TYPE,
    XLSX,
    check_paper_file,
    human_size,
)
from vru.demo.prg import sample_docx, sample_pdf, sample_xlsx


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(uploaded) -> str:
    with pytest.raises(ValidationError) as caught:
        check_paper_file(uploaded)
    return caught.value.messages[0]


def zip_with(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def content_types(main_part_type: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/main.xml" ContentType="{main_part_type}"/></Types>'
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (sample_pdf("Paper"), PDF),
        (sample_docx("Paper"), DOCX),
        (sample_xlsx("Paper", [("a", 1)]), XLSX),
    ],
    ids=["pdf", "docx", "xlsx"],
)
def test_real_files_are_recognised_whatever_they_are_called(content, expected):
    checked = check_paper_file(upload(content, "whatever.bin", "text/plain"))

    assert checked.content_type == expected
    assert checked.size == len(content)


def test_text_named_pdf_and_sent_as_pdf_is_refused():
    assert refusal(upload(b"Just some text, not a PDF", "paper.pdf", "application/pdf")) == WRONG_TYPE


def test_renamed_program_is_refused():
    assert refusal(upload(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "paper.docx", DOCX)) == WRONG_TYPE


def test_corrupt_zip_named_docx_is_refused_as_damaged():
    broken = sample_docx("Paper")[:-40] + b"\x00" * 40
    assert refusal(upload(b"PK\x03\x04" + b"\x00" * 100, "paper.docx", DOCX)) == DAMAGED
    assert refusal(upload(broken, "paper.docx", DOCX)) == DAMAGED


def test_zip_that_is_not_an_office_document_is_refused():
    assert refusal(upload(zip_with({"notes.txt": "hello"}), "paper.docx", DOCX)) == WRONG_TYPE


def test_a_macro_enabled_word_document_is_refused_as_carrying_macros():
    main_part = "application/vnd.ms-word.document.macroEnabled.main+xml"
    content = zip_with({"[Content_Types].xml": content_types(main_part), "main.xml": "<x/>"})
    assert refusal(upload(content, "paper.docx", DOCX)) == MACROS


@pytest.mark.parametrize(
    "main_part",
    [
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ],
    ids=["powerpoint", "word-template"],
)
def test_other_office_files_are_refused(main_part):
    content = zip_with({"[Content_Types].xml": content_types(main_part), "main.xml": "<x/>"})
    assert refusal(upload(content, "paper.docx", DOCX)) == WRONG_TYPE


def test_content_types_with_a_dtd_is_refused_unparsed():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&a;</Types>'
    )
    assert refusal(upload(zip_with({"[Content_Types].xml": bomb}), "paper.xlsx", XLSX)) == WRONG_TYPE


def test_empty_file_is_refused():
    assert refusal(upload(b"", "paper.pdf", PDF)) == EMPTY


def test_file_over_the_limit_is_refused(settings):
    settings.PRG_PAPER_MAX_BYTES = 1024
    content = sample_pdf("Paper", ["x" * 60] * 30)
    assert len(content) > 1024

    assert refusal(upload(content, "paper.pdf", PDF)) == "The selected file must be smaller than 1 KB."


def test_sizes_read_as_people_say_them():
    assert human_size(20 * 1024 * 1024) == "20 MB"
    assert human_size(1536) == "1.5 KB"
    assert human_size(900) == "900 bytes"


# --- A PDF is read as a PDF; an Office file carries no macros ---------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\nThese are the minutes, typed in a text editor and renamed.\n",
        b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
        b"%PDF-1.4\nnot a cross-reference table\nstartxref\n9\n%%EOF\n",
        sample_pdf("Paper")[:-120] + b"\n%%EOF\n",
    ],
    ids=["text-with-a-pdf-header", "garbage-between-header-and-eof", "no-xref", "cut-short"],
)
def test_a_pdf_whose_body_is_not_pdf_is_refused(content):
    assert refusal(upload(content, "paper.pdf", PDF)) == NOT_PDF


def test_a_real_pdf_with_bytes_after_its_end_marker_is_kept():
    # Mail gateways and incremental savers leave a line or two after %%EOF.
    content = sample_pdf("Paper", ["A line"]) + b"\r\n\r\n"
    assert check_paper_file(upload(content, "paper.pdf", PDF)).content_type == PDF


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member, source.read(member))
        target.writestr(name, data)
    return out.getvalue()


def _openpyxl_workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Action", "Owner"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_openpyxl_workbook_is_an_excel_spreadsheet():
    assert check_paper_file(upload(_openpyxl_workbook(), "paper.xlsx", XLSX)).content_type == XLSX


@pytest.mark.parametrize(
    ("part", "base"),
    [
        ("xl/vbaProject.bin", _openpyxl_workbook),
        ("xl/macrosheets/sheet1.xml", _openpyxl_workbook),
        ("word/vbaProject.bin", lambda: sample_docx("Paper")),
        ("word/activeX/activeX1.xml", lambda: sample_docx("Paper")),
    ],
    ids=["xlsx-vba", "xlsx-excel4-macro-sheet", "docx-vba", "docx-activex"],
)
def test_an_office_file_carrying_macros_is_refused(part, base):
    content = _with_part(base(), part, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert refusal(upload(content, "paper.xlsx", XLSX)) == MACROS


def test_an_office_file_whose_main_part_is_missing_is_refused():
    main_part = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    content = zip_with({"[Content_Types].xml": content_types(main_part), "other.xml": "<x/>"})
    assert refusal(upload(content, "paper.xlsx", XLSX)) == WRONG_TYPE
