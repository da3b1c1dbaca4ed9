"""Validating a data package against the 360Giving Data Standard, offline.

The package schema refers to the grant schema by its URL; a ``referencing``
registry maps that URL to the local copy, so nothing is fetched. The standard's
dates and links are checked by a format checker of our own, because jsonschema
only asserts ``date-time`` and ``uri`` with optional packages installed, and
without them a plain date would match both branches of ``awardDate``'s
``oneOf`` and fail.

The schema does not check identifiers or geography codes, so ``package_errors``
adds the checks 360Giving's data quality tool makes of them.
"""

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from commissioning.giving360.identifiers import GEO_CODE_TYPES

PACKAGE_SCHEMA = "360-giving-package-schema.json"
GRANT_SCHEMA = "360-giving-schema.json"

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# org-id.guide identifiers are <country>-<register>-<id>, such as GB-CHC-1123456 or XI-IATI-1;
# the publisher's own identifiers start with its 360G- prefix.
_ORG_ID = re.compile(r"^([A-Z]{2}-[A-Z0-9]{2,}-\S+|360G-\S+)$")


def schema_dirs() -> list[Path]:
    """Where copies of the standard's schemas are kept: the shared copy beside the project, then the tests' own."""
    return [
        settings.BASE_DIR.parent / "shared" / "360giving",
        settings.BASE_DIR / "commissioning" / "tests" / "transparency" / "schema",
    ]


def default_schema_dir() -> Path:
    for directory in schema_dirs():
        if (directory / PACKAGE_SCHEMA).is_file() and (directory / GRANT_SCHEMA).is_file():
            return directory
    raise FileNotFoundError(f"No copy of the 360Giving schemas in {', '.join(str(d) for d in schema_dirs())}.")


def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _uri(value) -> bool:
    if not isinstance(value, str):
        return True
    if any(character.isspace() for character in value):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme not in ("http", "https") or bool(parts.netloc))


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("date-time")(_date_time)
    checker.checks("uri")(_uri)
    return checker


@cache
def package_validator(schema_dir: Path | None = None) -> Draft202012Validator:
    """A Draft 2020-12 validator of the package schema, with the grant schema's URL resolved to its local copy."""
    schema_dir = Path(schema_dir) if schema_dir is not None else default_schema_dir()
    package_schema = json.loads((schema_dir / PACKAGE_SCHEMA).read_text(encoding="utf-8"))
    grant_schema = json.loads((schema_dir / GRANT_SCHEMA).read_text(encoding="utf-8"))
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in (package_schema, grant_schema)
    )
    return Draft202012Validator(package_schema, registry=registry, format_checker=format_checker())


def _where(path) -> str:
    return "/".join(str(step) for step in path) or "(the package)"


def _identifier_errors(package: dict) -> list[str]:
    errors = []
    seen = {}
    grants = package.get("grants") if isinstance(package, dict) else None
    for index, grant in enumerate(grants if isinstance(grants, list) else []):
        if not isinstance(grant, dict):
            continue
        grant_id = grant.get("id")
        if isinstance(grant_id, str):
            if not grant_id.startswith("360G-"):
                errors.append(f"grants/{index}/id: {grant_id!r} does not start with a 360Giving prefix (360G-).")
            if grant_id in seen:
                errors.append(f"grants/{index}/id: {grant_id!r} is also the id of grants/{seen[grant_id]}.")
            seen.setdefault(grant_id, index)
        for array in ("recipientOrganization", "fundingOrganization"):
            for position, organisation in enumerate(grant.get(array) or []):
                org = organisation.get("id") if isinstance(organisation, dict) else None
                if isinstance(org, str) and not _ORG_ID.match(org):
                    errors.append(
                        f"grants/{index}/{array}/{position}/id: {org!r} is not an org-id.guide identifier "
                        "(such as GB-CHC-1123456) or one of the publisher's own (360G-…)."
                    )
        for position, location in enumerate(grant.get("beneficiaryLocation") or []):
            if not isinstance(location, dict):
                continue
            code, code_type = location.get("geoCode"), location.get("geoCodeType")
            expected = GEO_CODE_TYPES.get((code or "")[:3]) if isinstance(code, str) else None
            if expected and code_type != expected:
                errors.append(
                    f"grants/{index}/beneficiaryLocation/{position}/geoCodeType: {code} is a {expected} code, "
                    f"not {code_type!r}."
                )
    return errors


def package_errors(package, *, schema_dir: Path | None = None) -> list[str]:
    """Every way the package falls short of the standard, each as ``path: message``; empty when it is valid."""
    validator = package_validator(Path(schema_dir) if schema_dir is not None else None)
    schema_errors = sorted(validator.iter_errors(package), key=lambda error: list(map(str, error.absolute_path)))
    return [f"{_where(error.absolute_path)}: {error.message}" for error in schema_errors] + _identifier_errors(package)
