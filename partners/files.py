"""Checks on uploaded PRG papers: what a file is, decided from its bytes.

The name a file arrives with and the content type the browser sends are both
chosen by the sender, so neither is trusted. A PDF must start with ``%PDF-``, end
with ``%%EOF`` and be read whole by pypdf in strict mode (its cross-reference
table, trailer and page tree), so a renamed text file or garbage behind a PDF
header is refused. A Word document or Excel workbook is a ZIP archive whose
``[Content_Types].xml`` declares the main part of that kind, which must be in
the archive, and which carries no macros (no ``vbaProject.bin``, Excel 4.0 macro
sheets or ActiveX controls, whatever the file claims). Anything else, including a
damaged archive, is refused with a message that says what to do.
"""

import logging
import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
LABELS = {PDF: "PDF", DOCX: "Word document", XLSX: "Excel spreadsheet"}

# The content type [Content_Types].xml gives a document's main part. Macro-enabled
# files and templates declare other types, so they are refused.
_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
logger = logging.getLogger(__name__)

_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# A real [Content_Types].xml is a few kilobytes; a bigger one is not worth parsing.
_MAX_CONTENT_TYPES_BYTES = 256 * 1024
# Declared sizes bound what reading the archive can unpack, so a ZIP bomb is refused before it is read.
_MAX_UNPACKED_RATIO = 20

# Parts that hold code. A macro-enabled file renamed .xlsx or .docx still carries one of these.
_MACRO_PART_NAMES = {"vbaproject.bin", "vbaprojectsignature.bin", "vbadata.xml"}
_MACRO_FOLDERS = ("macrosheets/", "activex/")
_MACRO_CONTENT_TYPE_MARKS = ("macroenabled", "vbaproject", "macrosheet", "activex")
# Where a PDF's end-of-file marker may be: incremental savers and mailers leave a little after it.
_PDF_TRAILER_WINDOW = 1024
# A PDF's page tree is read, not its pages' contents; papers with more pages than this are refused.
_MAX_PDF_PAGES = 5000

WRONG_TYPE = "The selected file must be a PDF, Word document (DOCX) or Excel spreadsheet (XLSX)."
NOT_PDF = (
    "The selected file is not a PDF that can be opened: it starts like one but its contents are not a PDF. "
    "Save or export the paper as PDF again and upload the new copy."
)
MACROS = (
    "The selected file contains macros, which a paper may not carry. Save it as an Excel workbook (.xlsx) "
    "or Word document (.docx) without macros, and upload that."
)
DAMAGED = "The selected file cannot be opened because it is damaged. Save it again and upload the new copy."
EMPTY = "The selected file is empty."


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def label(self) -> str:
        return LABELS[self.content_type]


def human_size(size: int) -> str:
    """20 MB, 512 KB, 900 bytes: sizes as people read them (1 MB is 1,048,576 bytes)."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def too_large_message(max_bytes: int) -> str:
    return f"The selected file must be smaller than {human_size(max_bytes)}."


def check_paper_file(uploaded) -> CheckedFile:
    """What the uploaded file really is, or a ValidationError (code ``invalid_file``) saying why it is refused."""
    max_bytes = settings.PRG_PAPER_MAX_BYTES
    size = uploaded.size
    if size is None or size == 0:
        raise ValidationError(EMPTY, code="invalid_file")
    if size > max_bytes:
        raise ValidationError(too_large_message(max_bytes), code="invalid_file")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            _check_pdf(uploaded, size)
            return CheckedFile(PDF, size)
        if head.startswith(b"PK"):
            return CheckedFile(_office_type(uploaded, size), size)
        raise ValidationError(WRONG_TYPE, code="invalid_file")
    finally:
        uploaded.seek(0)


def _check_pdf(uploaded, size: int) -> None:
    """A PDF's structure read as a PDF reader would, or NOT_PDF. Bounded by the size limit above: pypdf
    reads the cross-reference table, trailer and page tree only, never unpacks the pages' contents."""
    uploaded.seek(max(0, size - _PDF_TRAILER_WINDOW))
    if b"%%EOF" not in uploaded.read(_PDF_TRAILER_WINDOW):
        raise ValidationError(NOT_PDF, code="invalid_file")
    uploaded.seek(0)
    try:
        reader = PdfReader(uploaded, strict=True)
        pages = len(reader.pages)
    except Exception:
        # Whatever way the parser gives up on untrusted bytes, the file is not a PDF we can keep.
        logger.info("A PRG paper was refused: not a readable PDF", exc_info=True)
        raise ValidationError(NOT_PDF, code="invalid_file") from None
    if not 0 < pages <= _MAX_PDF_PAGES:
        raise ValidationError(NOT_PDF, code="invalid_file")


def _office_type(uploaded, size: int) -> str:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > max(size, 1024 * 1024) * _MAX_UNPACKED_RATIO:
                raise ValidationError(DAMAGED, code="invalid_file")
            if archive.testzip() is not None:
                raise ValidationError(DAMAGED, code="invalid_file")
            names = {member.filename.lower().lstrip("/") for member in members}
            if any(_is_macro_part(name) for name in names):
                raise ValidationError(MACROS, code="invalid_file")
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                raise ValidationError(WRONG_TYPE, code="invalid_file") from None
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                raise ValidationError(WRONG_TYPE, code="invalid_file")
            declared = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise ValidationError(DAMAGED, code="invalid_file") from None
    content_type = _main_part_type(declared, names)
    if content_type is None:
        raise ValidationError(WRONG_TYPE, code="invalid_file")
    return content_type


def _is_macro_part(name: str) -> bool:
    return posixpath.basename(name) in _MACRO_PART_NAMES or any(f"/{folder}" in f"/{name}" for folder in _MACRO_FOLDERS)


def _main_part_type(declared: bytes, names: set[str]) -> str | None:
    """The kind of document ``[Content_Types].xml`` declares, if its main part is in the archive; MACROS
    raised if it declares code of any kind."""
    # Entities are how XML bombs grow; a real [Content_Types].xml never declares a DTD.
    if b"<!DOCTYPE" in declared or b"<!ENTITY" in declared:
        return None
    try:
        root = ElementTree.fromstring(declared)
    except ElementTree.ParseError:
        return None
    if root.tag != f"{_CONTENT_TYPES_NS}Types":
        return None
    declared_types = [
        element.get("ContentType", "").lower()
        for tag in ("Override", "Default")
        for element in root.iter(f"{_CONTENT_TYPES_NS}{tag}")
    ]
    if any(mark in declared for declared in declared_types for mark in _MACRO_CONTENT_TYPE_MARKS):
        raise ValidationError(MACROS, code="invalid_file")
    found = {
        _MAIN_PARTS[element.get("ContentType", "")]
        for element in root.iter(f"{_CONTENT_TYPES_NS}Override")
        if element.get("ContentType", "") in _MAIN_PARTS and element.get("PartName", "").lower().lstrip("/") in names
    }
    # A file that claims to be both a document and a workbook is neither.
    return found.pop() if len(found) == 1 else None
