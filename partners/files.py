"""Checks on uploaded PRG papers: what a file is, decided from its bytes.

The name a file arrives with and the content type the browser sends are both
chosen by the sender, so neither is trusted. A PDF must start with ``%PDF-``;
a Word document or Excel workbook is a ZIP archive whose ``[Content_Types].xml``
declares the main part of that kind. Anything else, including a renamed file
and a damaged archive, is refused with a message that says what to do.
"""

import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError

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
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# A real [Content_Types].xml is a few kilobytes; a bigger one is not worth parsing.
_MAX_CONTENT_TYPES_BYTES = 256 * 1024
# Declared sizes bound what reading the archive can unpack, so a ZIP bomb is refused before it is read.
_MAX_UNPACKED_RATIO = 20

WRONG_TYPE = "The selected file must be a PDF, Word document (DOCX) or Excel spreadsheet (XLSX)."
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
            return CheckedFile(PDF, size)
        if head.startswith(b"PK"):
            return CheckedFile(_office_type(uploaded, size), size)
        raise ValidationError(WRONG_TYPE, code="invalid_file")
    finally:
        uploaded.seek(0)


def _office_type(uploaded, size: int) -> str:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > max(size, 1024 * 1024) * _MAX_UNPACKED_RATIO:
                raise ValidationError(DAMAGED, code="invalid_file")
            if archive.testzip() is not None:
                raise ValidationError(DAMAGED, code="invalid_file")
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                raise ValidationError(WRONG_TYPE, code="invalid_file") from None
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                raise ValidationError(WRONG_TYPE, code="invalid_file")
            declared = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise ValidationError(DAMAGED, code="invalid_file") from None
    content_type = _main_part_type(declared)
    if content_type is None:
        raise ValidationError(WRONG_TYPE, code="invalid_file")
    return content_type


def _main_part_type(declared: bytes) -> str | None:
    # Entities are how XML bombs grow; a real [Content_Types].xml never declares a DTD.
    if b"<!DOCTYPE" in declared or b"<!ENTITY" in declared:
        return None
    try:
        root = ElementTree.fromstring(declared)
    except ElementTree.ParseError:
        return None
    if root.tag != f"{_CONTENT_TYPES_NS}Types":
        return None
    found = {
        _MAIN_PARTS[element.get("ContentType", "")]
        for element in root.iter(f"{_CONTENT_TYPES_NS}Override")
        if element.get("ContentType", "") in _MAIN_PARTS
    }
    # A file that claims to be both a document and a workbook is neither.
    return found.pop() if len(found) == 1 else None
