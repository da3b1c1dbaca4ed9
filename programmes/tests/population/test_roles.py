"""Every role against every population page: VRU staff, managers and admins use them; PRG members and
partner users are refused (403 on the pages, 404 for an import, as the permissions helper says);
someone not signed in is sent to sign in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import PopulationFigure, PopulationImport
from programmes.population.importing import population_import_create
from programmes.tests.population.conftest import KNIFE, LAMBETH, ROLES, client_for, csv_text, expect

pytestmark = pytest.mark.django_db

PAGES = {
    "list": (lambda upload: reverse("programmes:population-list"), expect(200, 403, 403)),
    "indicator": (lambda upload: reverse("programmes:population-indicator", args=[KNIFE]), expect(200, 403, 403)),
    "indicator csv": (
        lambda upload: reverse("programmes:population-indicator-export", args=[KNIFE]),
        expect(200, 403, 403),
    ),
    "sample": (lambda upload: reverse("programmes:population-sample"), expect(200, 403, 403)),
    "upload form": (lambda upload: reverse("programmes:population-import-create"), expect(200, 403, 403)),
    "import": (
        lambda upload: reverse("programmes:population-import-detail", args=[upload.pk]),
        expect(200, 404, 404),
    ),
    "import status": (
        lambda upload: reverse("programmes:population-import-status", args=[upload.pk]),
        expect(200, 404, 404),
    ),
}


@pytest.fixture
def upload(indicators):
    return population_import_create(
        file_name="figures.csv", content=csv_text((KNIFE, LAMBETH, "2025-04", "3")), send=False
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_population_page(people, upload, name, role):
    url_of, expected = PAGES[name]

    response = client_for(people[role]).get(url_of(upload))

    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if expected[role] == 404:
        assert "figures.csv" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_vru_roles_may_upload_a_file(people, indicators, role, django_capture_on_commit_callbacks):
    data = csv_text((KNIFE, LAMBETH, "2025-04", "3")).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people[role]).post(
            reverse("programmes:population-import-create"), {"file": SimpleUploadedFile("figures.csv", data)}
        )

    allowed = role in ("admin", "staff", "manager")
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    assert PopulationImport.objects.exists() == allowed
    assert PopulationFigure.objects.exists() == allowed
