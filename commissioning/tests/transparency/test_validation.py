"""The 360Giving export validates against the official schema, and validation can fail."""

import copy
import json
import socket
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from commissioning.giving360 import build_package, dumps, package_errors
from commissioning.giving360.validation import format_checker
from commissioning.selectors.transparency import published_grants
from commissioning.tests.transparency.factories import (
    WardFactory,
    charity_grant,
    company_grant,
    council_grant,
    unregistered_grant,
)
from partners.models import Borough

pytestmark = pytest.mark.django_db

VENDORED = Path(__file__).parent / "schema"


def validator_for(schema_dir: Path) -> Draft202012Validator:
    """Built here as the brief for the export says, independently of the app's own helper."""
    package_schema = json.loads((schema_dir / "360-giving-package-schema.json").read_text())
    grant_schema = json.loads((schema_dir / "360-giving-schema.json").read_text())
    registry = Registry().with_resource(
        grant_schema["$id"], Resource.from_contents(grant_schema, default_specification=DRAFT202012)
    )
    return Draft202012Validator(package_schema, registry=registry, format_checker=format_checker())


def schema_dirs():
    from django.conf import settings

    shared = settings.BASE_DIR.parent / "shared" / "360giving"
    return [VENDORED, *([shared] if shared.is_dir() else [])]


@pytest.fixture
def grants():
    lambeth = Borough.objects.get(name="Lambeth")
    brixton = WardFactory(name="Brixton Acre Lane", ons_code="E05014085", borough=lambeth)
    stockwell = WardFactory(name="Stockwell West & Larkhall", ons_code="E05014111", borough=lambeth)
    peckham = WardFactory(name="Peckham", ons_code="E05011110", borough=Borough.objects.get(name="Southwark"))
    return [
        charity_grant(boroughs=["Lambeth", "Southwark"], wards=[brixton, peckham]),
        company_grant(boroughs=["Lambeth"]),
        council_grant(boroughs=["Lambeth"], wards=[brixton, stockwell]),
        unregistered_grant(wards=[peckham], amount=Decimal("12345.67")),
    ]


def served_package(client) -> dict:
    """The package exactly as the public download serves it."""
    response = client.get(reverse("commissioning:grants-360giving-json"))
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("schema_dir", schema_dirs(), ids=lambda d: d.parent.name)
def test_the_download_validates_against_the_official_schema(client, grants, schema_dir):
    package = served_package(client)
    assert len(package["grants"]) == 4
    validator = validator_for(schema_dir)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(package)]
    assert errors == []
    assert package_errors(package, schema_dir=schema_dir) == []


def test_a_package_built_without_a_site_address_validates_too(grants):
    package = json.loads(dumps(build_package(published_grants())))
    assert "url" not in package["grants"][0]
    assert validator_for(VENDORED).is_valid(package)
    assert package_errors(package) == []


def test_the_grant_schema_is_never_fetched(grants, tmp_path, monkeypatch):
    """The grant schema's URL resolves to the local copy; with no copy under that URL, validation fails
    rather than going to the network."""

    def no_network(*args, **kwargs):
        raise AssertionError("the validator tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    package = json.loads(dumps(build_package(published_grants())))
    assert package_errors(package, schema_dir=VENDORED) == []

    (tmp_path / "360-giving-package-schema.json").write_bytes(
        (VENDORED / "360-giving-package-schema.json").read_bytes()
    )
    grant_schema = json.loads((VENDORED / "360-giving-schema.json").read_text())
    grant_schema["$id"] = "https://example.org/another-360-giving-schema.json"
    (tmp_path / "360-giving-schema.json").write_text(json.dumps(grant_schema))
    with pytest.raises(Unresolvable):
        package_errors(package, schema_dir=tmp_path)


# --- Validation fails when it should -------------------------------------------------------------


@pytest.fixture
def valid_package(client, grants):
    package = served_package(client)
    assert package_errors(package) == []
    return package


def broken(package, change):
    package = copy.deepcopy(package)
    change(package["grants"][0])
    return package


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda grant: grant.update(id=12345), "grants/0/id"),
        (lambda grant: grant.pop("id"), "grants/0"),
        (lambda grant: grant.pop("recipientOrganization"), "grants/0"),
        (lambda grant: grant.update(recipientOrganization=[]), "grants/0/recipientOrganization"),
        (lambda grant: grant.update(currency="POUNDS"), "grants/0/currency"),
        (lambda grant: grant.update(amountAwarded="40000.00"), "grants/0/amountAwarded"),
        (lambda grant: grant.update(awardDate="21/11/2026"), "grants/0/awardDate"),
        (lambda grant: grant.update(awardDate="2026-13-01"), "grants/0/awardDate"),
        (lambda grant: grant.update(dateModified="2026-11-21"), "grants/0/dateModified"),
        (lambda grant: grant.update(fromOpenCall="yes"), "grants/0/fromOpenCall"),
        (lambda grant: grant["fundingOrganization"][0].pop("name"), "grants/0/fundingOrganization/0"),
        (lambda grant: grant.update(dataSource="not a link"), "grants/0/dataSource"),
        (lambda grant: grant["plannedDates"][0].update(duration=-1), "grants/0/plannedDates/0/duration"),
    ],
)
def test_the_schema_refuses_a_broken_grant(valid_package, change, where):
    package = broken(valid_package, change)
    assert not validator_for(VENDORED).is_valid(package)
    errors = package_errors(package)
    assert any(error.startswith(f"{where}:") for error in errors), errors


def test_a_package_with_no_grants_is_not_valid():
    errors = package_errors({"grants": []})
    assert errors == ["grants: [] should be non-empty"]


def test_a_grant_id_without_the_360g_prefix_is_refused(valid_package):
    package = broken(valid_package, lambda grant: grant.update(id="londonvru-APP-1"))
    assert validator_for(VENDORED).is_valid(package), "the schema alone lets any string through"
    assert package_errors(package) == ["grants/0/id: 'londonvru-APP-1' does not start with a 360Giving prefix (360G-)."]


def test_two_grants_with_one_id_are_refused(valid_package):
    package = copy.deepcopy(valid_package)
    package["grants"][1]["id"] = package["grants"][0]["id"]
    assert package_errors(package) == [f"grants/1/id: {package['grants'][0]['id']!r} is also the id of grants/0."]


def test_an_organisation_id_outside_org_id_guide_is_refused(valid_package):
    package = broken(valid_package, lambda grant: grant["recipientOrganization"][0].update(id="1187654"))
    assert package_errors(package) == [
        "grants/0/recipientOrganization/0/id: '1187654' is not an org-id.guide identifier (such as GB-CHC-1123456) "
        "or one of the publisher's own (360G-…)."
    ]


def test_a_ward_code_called_a_borough_is_refused(valid_package):
    def mislabel(grant):
        ward = next(place for place in grant["beneficiaryLocation"] if place["geoCode"].startswith("E05"))
        ward["geoCodeType"] = "LONB"

    errors = package_errors(broken(valid_package, mislabel))
    assert len(errors) == 1
    assert "is a WD code, not 'LONB'" in errors[0]


def test_the_vendored_schema_validates_dates_as_the_standard_means():
    """awardDate is a date or a date-time, never both: only a checked date-time format makes a date valid."""
    grant = {
        "id": "360G-test-1",
        "title": "A grant",
        "description": "A grant.",
        "currency": "GBP",
        "amountAwarded": 100,
        "recipientOrganization": [{"id": "GB-CHC-1187654", "name": "A charity"}],
        "fundingOrganization": [{"id": "GB-LAE-GLA", "name": "A funder"}],
    }
    validator = validator_for(VENDORED)
    assert validator.is_valid({"grants": [{**grant, "awardDate": date(2026, 4, 1).isoformat()}]})
    assert validator.is_valid({"grants": [{**grant, "awardDate": "2026-04-01T09:30:00+01:00"}]})
    assert not validator.is_valid({"grants": [{**grant, "awardDate": "2026-04-01T09:30"}]})
