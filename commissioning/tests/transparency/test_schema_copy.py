"""The schemas vendored for the tests are the standard's, unchanged: the same as ../shared when it is there."""

import json
from pathlib import Path

import pytest
from django.conf import settings

VENDORED = Path(__file__).parent / "schema"
SHARED = settings.BASE_DIR.parent / "shared" / "360giving"
FILES = ["360-giving-package-schema.json", "360-giving-schema.json"]


@pytest.mark.parametrize("name", FILES)
def test_the_vendored_copy_is_the_shared_copy(name):
    if not (SHARED / name).is_file():
        pytest.skip(f"no shared copy at {SHARED} (a fresh clone has only the vendored one)")
    assert (VENDORED / name).read_bytes() == (SHARED / name).read_bytes()


def test_the_vendored_copy_is_the_grant_schema_the_package_refers_to():
    package = json.loads((VENDORED / FILES[0]).read_text())
    grant = json.loads((VENDORED / FILES[1]).read_text())
    assert package["properties"]["grants"]["items"]["$ref"] == grant["$id"]
    assert grant["$schema"] == "http://json-schema.org/draft/2020-12/schema"


def test_the_licence_note_travels_with_the_copy():
    note = (VENDORED / "README.md").read_text()
    assert "© 360Giving" in note
    assert "Creative Commons Attribution 4.0" in note
