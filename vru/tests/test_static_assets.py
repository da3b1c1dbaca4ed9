"""Every file the stylesheets name is in the repository, none of it GOV.UK's branding, and production's
``collectstatic`` (WhiteNoise's compressed manifest storage, which fails on a missing file) passes."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from vru.tests.production import ROOT

STATIC = ROOT / "static"
STATIC_URL = "/static/"
# url(...) and @import "..." in CSS, quoted or not.
CSS_REFERENCE = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*)(?P=q)\s*\)|@import\s+(["'])(?P<imp>[^"']+)\4""")
# Only GOV.UK may use the crown and the Royal Arms crest.
BRANDING = re.compile(r"\b(crest|crown|royal-arms)\b", re.IGNORECASE)


def stylesheets() -> list[Path]:
    return sorted(STATIC.rglob("*.css"))


def references(css: Path) -> list[str]:
    text = css.read_text()
    return [match.group("url") or match.group("imp") for match in CSS_REFERENCE.finditer(text)]


def resolve(css: Path, reference: str) -> Path | None:
    """The repository file a stylesheet's reference names, or None for one kept inline (data:, #fragment)."""
    if reference.startswith(("data:", "#")):
        return None
    path = re.split(r"[?#]", reference, maxsplit=1)[0]
    if path.startswith(STATIC_URL):
        return STATIC / path.removeprefix(STATIC_URL)
    return (css.parent / path).resolve()


def test_there_are_stylesheets_to_check():
    names = {css.relative_to(STATIC).as_posix() for css in stylesheets()}
    assert {"css/vru.css", "vendor/govuk-frontend/govuk-frontend.min.css"} <= names


@pytest.mark.parametrize("css", stylesheets(), ids=lambda css: css.relative_to(STATIC).as_posix())
def test_every_file_a_stylesheet_names_is_in_the_repository(css):
    problems = []
    for reference in references(css):
        if re.match(r"^([a-z][a-z0-9+.-]*:|//)", reference, re.IGNORECASE) and not reference.startswith("data:"):
            problems.append(f"{reference}: loaded from another site")
            continue
        target = resolve(css, reference)
        if target is not None and not (target.is_file() and target.is_relative_to(STATIC)):
            problems.append(f"{reference}: no such file under static/")
        if BRANDING.search(reference):
            problems.append(f"{reference}: GOV.UK branding")
    assert problems == []


def test_no_gov_uk_crown_or_crest_is_shipped_or_shown(client):
    shipped = [path.relative_to(STATIC).as_posix() for path in STATIC.rglob("*") if BRANDING.search(path.name)]
    assert shipped == []
    # The sign-in page carries the base layout's header and footer, like every page.
    page = client.get(reverse("login")).content.decode()
    assert "govuk-footer__copyright-logo" not in page
    assert "govuk-header__logotype" not in page  # the crown's place in GOV.UK's own header
    assert not BRANDING.search(page)


def test_production_collectstatic_finds_every_file_and_writes_hashed_compressed_copies(collected_static):
    assert collected_static.returncode == 0, collected_static.output
    manifest = json.loads((collected_static.root / "staticfiles.json").read_text())["paths"]
    for name in ("css/vru.css", "vendor/govuk-frontend/govuk-frontend.min.css", "js/app.mjs"):
        hashed = manifest[name]
        assert re.fullmatch(rf"{re.escape(name[: name.rindex('.')])}\.[0-9a-f]{{12}}\.\w+", hashed), hashed
        assert (collected_static.root / hashed).is_file()
        assert (collected_static.root / f"{hashed}.gz").is_file()
