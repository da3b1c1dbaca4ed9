"""Downloading a paper: only for signed-in VRU staff and PRG members, as an attachment of the checked type."""

import pytest
from django.urls import reverse

from partners.files import DOCX, PDF
from partners.tests.prg.factories import PaperFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", ["admin", "staff", "manager", "prg"])
def test_vru_staff_and_prg_members_download_the_file(clients, role):
    paper = PaperFactory(title="Approach & principles", kind="docx")

    response = clients[role].get(reverse("partners:paper-download", args=[paper.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="approach-principles.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    with paper.file.open("rb") as stored:
        assert body(response) == stored.read()


def test_partners_are_refused(clients):
    paper = PaperFactory()

    response = clients["partner"].get(reverse("partners:paper-download", args=[paper.pk]))

    assert response.status_code == 403
    assert PDF not in response.get("Content-Type", "")


def test_anonymous_visitors_are_sent_to_sign_in(clients):
    paper = PaperFactory()

    response = clients["anonymous"].get(reverse("partners:paper-download", args=[paper.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_missing_file_is_404_not_an_error(clients, media_root):
    paper = PaperFactory()
    (media_root / paper.file.name).unlink()

    assert clients["staff"].get(reverse("partners:paper-download", args=[paper.pk])).status_code == 404


def test_the_stored_file_has_no_public_address(clients, media_root):
    paper = PaperFactory()

    # MEDIA_ROOT is not served: the only way to the file is the checked view.
    assert clients["staff"].get(f"/media/{paper.file.name}").status_code == 404
    assert clients["staff"].get(f"/{paper.file.name}").status_code == 404
