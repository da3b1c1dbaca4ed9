"""Uploading a paper: only a real PDF, Word document or Excel workbook within the size limit is kept."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.files import DOCX, MACROS, NOT_PDF, PDF, XLSX
from partners.models import Paper
from partners.tests.prg.conftest import stored_files
from partners.tests.prg.factories import AgendaItemFactory, MeetingFactory
from vru.demo.prg import sample_docx, sample_pdf, sample_xlsx

pytestmark = pytest.mark.django_db

WRONG_TYPE = "The selected file must be a PDF, Word document (DOCX) or Excel spreadsheet (XLSX)."
DAMAGED = "The selected file cannot be opened because it is damaged. Save it again and upload the new copy."


def with_macros(workbook: bytes) -> bytes:
    """A macro-enabled workbook renamed .xlsx: the workbook with a VBA project added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            target.writestr(member, source.read(member))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return out.getvalue()


def post_paper(client, meeting, name, content, content_type, **extra):
    data = {"title": "Approach and work programme", "agenda_item": "", **extra}
    data["file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("partners:paper-upload", args=[meeting.pk]), data, follow=True)


@pytest.mark.parametrize(
    ("name", "content", "expected_type", "stored_suffix"),
    [
        ("Approach.PDF", sample_pdf("Approach"), PDF, ".pdf"),
        ("approach.docx", sample_docx("Approach"), DOCX, ".docx"),
        ("budget.xlsx", sample_xlsx("Budget", [("Line", 1)]), XLSX, ".xlsx"),
        # A real PDF under a misleading name is kept as what it is.
        ("approach.docx", sample_pdf("Approach"), PDF, ".pdf"),
    ],
    ids=["pdf", "docx", "xlsx", "pdf-named-docx"],
)
def test_staff_upload_a_real_file(staff_client, media_root, name, content, expected_type, stored_suffix):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, order=2, title="Approach")

    response = post_paper(staff_client, meeting, name, content, "application/octet-stream", agenda_item=item.pk)

    assert "Paper “Approach and work programme” added." in response.content.decode()
    paper = Paper.objects.get()
    assert (paper.content_type, paper.size, paper.agenda_item) == (expected_type, len(content), item)
    assert paper.uploaded_by.username == "staff"
    assert paper.file.name == f"prg/papers/{meeting.pk}/approach-and-work-programme{stored_suffix}"
    assert (media_root / paper.file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("paper.pdf", b"This is only text, whatever its name says.", "application/pdf", WRONG_TYPE),
        ("paper.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 300, "application/pdf", WRONG_TYPE),
        ("setup.exe.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 300, DOCX, WRONG_TYPE),
        ("paper.docx", b"PK\x03\x04" + b"\x13" * 300, DOCX, DAMAGED),
        ("paper.xlsx", b"", XLSX, "The selected file is empty."),
        ("paper.pdf", b"%PDF-1.7\nOnly text behind a PDF header.\n%%EOF\n", "application/pdf", NOT_PDF),
        ("budget.xlsx", with_macros(sample_xlsx("Budget", [("Line", 1)])), XLSX, MACROS),
    ],
    ids=["text-as-pdf", "exe-as-pdf", "exe-as-docx", "corrupt-zip", "empty", "garbage-pdf", "xlsx-with-vba"],
)
def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_kept(
    staff_client, media_root, name, content, content_type, message
):
    meeting = MeetingFactory()

    response = post_paper(staff_client, meeting, name, content, content_type)

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'<a href="#id_file">{message}</a>' in page
    assert 'id="id_file-error"' in page
    assert message in page[page.index('id="id_file-error"') :]
    assert 'value="Approach and work programme"' in page
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(staff_client, media_root, settings):
    settings.PRG_PAPER_MAX_BYTES = 2 * 1024
    content = sample_pdf("Big paper", ["A long line of text for the paper."] * 80)
    assert len(content) > 2 * 1024

    response = post_paper(staff_client, MeetingFactory(), "big.pdf", content, PDF)

    assert "The selected file must be smaller than 2 KB." in response.content.decode()
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []


def test_no_file_and_no_title_are_explained(staff_client, media_root):
    response = staff_client.post(
        reverse("partners:paper-upload", args=[MeetingFactory().pk]), {"title": "", "agenda_item": ""}
    )

    page = response.content.decode()
    assert "Enter the paper&#x27;s title." in page
    assert "Choose the paper&#x27;s file." in page
    assert not Paper.objects.exists()


def test_an_agenda_item_of_another_meeting_is_refused(staff_client, media_root):
    other_item = AgendaItemFactory()

    response = post_paper(
        staff_client, MeetingFactory(), "paper.pdf", sample_pdf("Paper"), PDF, agenda_item=other_item.pk
    )

    assert "Select a valid choice." in response.content.decode()
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []


def test_the_service_checks_the_file_too(staff_user, media_root):
    from django.core.exceptions import ValidationError

    from partners.services import prg as services

    with pytest.raises(ValidationError) as caught:
        services.paper_upload(
            user=staff_user,
            meeting=MeetingFactory(),
            title="Paper",
            file=SimpleUploadedFile("paper.pdf", b"not a pdf", content_type=PDF),
        )

    assert caught.value.message_dict == {"file": [WRONG_TYPE]}
    assert not Paper.objects.exists()
    assert stored_files(media_root) == []


def test_staff_retitle_and_remove_a_paper_and_its_file_goes(
    staff_client, media_root, django_capture_on_commit_callbacks
):
    from partners.tests.prg.factories import PaperFactory

    paper = PaperFactory(title="Draft title")
    path = media_root / paper.file.name
    assert path.exists()

    staff_client.post(reverse("partners:paper-edit", args=[paper.pk]), {"title": "Final title", "agenda_item": ""})
    paper.refresh_from_db()
    assert paper.title == "Final title"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("partners:paper-delete", args=[paper.pk]), follow=True)

    assert "Paper “Final title” removed." in response.content.decode()
    assert not Paper.objects.exists()
    assert not path.exists()


def test_a_paper_with_decisions_is_kept(staff_client, media_root):
    from partners.tests.prg.factories import DecisionFactory

    paper = DecisionFactory().recommendation.paper

    response = staff_client.post(reverse("partners:paper-delete", args=[paper.pk]))

    assert "Decisions are recorded on this paper" in response.content.decode()
    assert Paper.objects.filter(pk=paper.pk).exists()
