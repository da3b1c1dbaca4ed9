"""Importing London's electoral wards from the ONS "Ward to Local Authority District" lookup.

The ONS publishes the lookup as a CSV whose columns carry the boundaries' year
(``WD24CD, WD24NM, …, LAD24CD, LAD24NM``); any year's file is read. Only rows of a
London borough (an ``E09`` local authority) are imported; the rest of the UK is
skipped. The whole file is checked before anything is written, and a file with any
bad row imports nothing. A ward is found by its ONS code, so importing the same
file again changes nothing, and a newer file renames wards whose names changed.
"""

import csv
import re
from dataclasses import dataclass, field
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat

from partners.models import Borough, Ward

_WARD_CODE_COLUMN = re.compile(r"^WD(\d{2})CD$", re.IGNORECASE)
_WARD_NAME_COLUMN = re.compile(r"^WD(\d{2})NM$", re.IGNORECASE)
_DISTRICT_CODE_COLUMN = re.compile(r"^LAD(\d{2})CD$", re.IGNORECASE)
_WARD_CODE = re.compile(r"^E05\d{6}$")
_LONDON_BOROUGH_CODE = re.compile(r"^E09\d{6}$")
_NAME_LENGTH = Ward._meta.get_field("name").max_length


class WardImportError(ValidationError):
    """What is wrong with the file, one message a problem (``Row 7: …``); nothing was imported."""


@dataclass
class WardImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outside_london: int = 0
    wards: list[Ward] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class _Row:
    number: int
    code: str
    name: str
    borough: Borough


def _column(fieldnames, pattern, description: str, example: str) -> tuple[str, str]:
    """The one header matching ``pattern``, and the year it carries."""
    matches = [name for name in fieldnames if pattern.match(name)]
    if not matches:
        raise WardImportError(f"The file has no {description} column, such as {example}.")
    if len(matches) > 1:
        raise WardImportError(
            f"The file has more than one {description} column ({', '.join(matches)}): "
            "use the lookup for one year's boundaries."
        )
    return matches[0], pattern.match(matches[0])[1]


def _columns(fieldnames) -> tuple[str, str, str]:
    if not fieldnames:
        raise WardImportError("The file is empty: it needs a header row such as WD24CD,WD24NM,LAD24CD,LAD24NM.")
    code, code_year = _column(fieldnames, _WARD_CODE_COLUMN, "ward code", "WD24CD")
    name, name_year = _column(fieldnames, _WARD_NAME_COLUMN, "ward name", "WD24NM")
    district, _district_year = _column(fieldnames, _DISTRICT_CODE_COLUMN, "local authority code", "LAD24CD")
    if code_year != name_year:
        raise WardImportError(f"The ward code column {code} and the ward name column {name} are of different years.")
    return code, name, district


def _read(stream: TextIO, result: WardImportResult) -> list[_Row]:
    """The file's London rows, checked; raises WardImportError listing every bad row."""
    reader = csv.DictReader(stream)
    fieldnames = [(name or "").strip().lstrip("\ufeff") for name in (reader.fieldnames or [])]
    reader.fieldnames = fieldnames
    code_column, name_column, district_column = _columns(fieldnames)
    boroughs = {borough.ons_code: borough for borough in Borough.objects.all()}
    rows, errors = [], []
    by_code: dict[str, _Row] = {}
    by_name: dict[tuple[int, str], _Row] = {}
    for number, record in enumerate(reader, start=2):  # row 1 is the header, as a spreadsheet numbers them
        district = (record.get(district_column) or "").strip().upper()
        code = (record.get(code_column) or "").strip().upper()
        name = " ".join((record.get(name_column) or "").split())
        if not district:
            errors.append(f"Row {number}: the local authority code ({district_column}) is missing.")
            continue
        if not district.startswith("E09"):
            result.outside_london += 1
            continue
        problems = []
        borough = boroughs.get(district) if _LONDON_BOROUGH_CODE.match(district) else None
        if borough is None:
            problems.append(f"no London borough has the code {district}")
        if not _WARD_CODE.match(code):
            problems.append(
                f"{code!r} is not an ONS ward code (E05 and six digits)" if code else "the ward code is missing"
            )
        if not name:
            problems.append("the ward name is missing")
        elif len(name) > _NAME_LENGTH:
            problems.append(f"the ward name is longer than {_NAME_LENGTH} characters")
        if problems:
            errors.append(f"Row {number}: {'; '.join(problems)}.")
            continue
        row = _Row(number, code, name, borough)
        earlier = by_code.get(code)
        if earlier is not None:
            if (earlier.name, earlier.borough) != (name, borough):
                errors.append(
                    f"Row {number}: ward {code} is also on row {earlier.number}, with another name or borough."
                )
            continue  # the same ward twice is harmless
        namesake = by_name.get((borough.pk, name))
        if namesake is not None:
            errors.append(f"Row {number}: {borough.name} already has a ward called {name}, on row {namesake.number}.")
            continue
        by_code[code] = by_name[(borough.pk, name)] = row
        rows.append(row)
    if errors:
        raise WardImportError(errors)
    return rows


def _clashes(rows: list[_Row]) -> list[str]:
    """Rows whose name is taken, in its borough, by a ward already here that the file does not list."""
    others = {
        (ward.borough_id, ward.name): ward
        for ward in Ward.objects.exclude(ons_code__in=[row.code for row in rows]).select_related("borough")
    }
    errors = []
    for row in rows:
        clash = others.get((row.borough.pk, row.name))
        if clash is not None:
            errors.append(
                f"Row {row.number}: {row.borough.name} already has a ward called {row.name}, with the code "
                f"{clash.ons_code}. Codes change when ward boundaries are redrawn: rename or remove the old ward "
                "in the admin, then import again."
            )
    return errors


@transaction.atomic
def wards_import(*, stream: TextIO) -> WardImportResult:
    """Create and rename London's wards from an ONS ward lookup: all of the file, or nothing.

    Wards already here that the file does not list are left as they are (applications
    may name them). Raises WardImportError with every problem found.
    """
    result = WardImportResult()
    rows = _read(stream, result)
    errors = _clashes(rows)
    if errors:
        raise WardImportError(errors)

    existing = {
        ward.ons_code: ward for ward in Ward.objects.select_for_update().filter(ons_code__in=[r.code for r in rows])
    }
    changed, new = [], []
    for row in rows:
        ward = existing.get(row.code)
        if ward is None:
            new.append(Ward(ons_code=row.code, name=row.name, borough=row.borough))
        elif (ward.name, ward.borough_id) != (row.name, row.borough.pk):
            ward.name, ward.borough = row.name, row.borough
            changed.append(ward)
        else:
            result.unchanged += 1
            result.wards.append(ward)
    if changed:
        # Two wards may swap names in one file: park the changed ones under their codes first,
        # so no rename meets a name that is only about to be freed.
        Ward.objects.filter(pk__in=[ward.pk for ward in changed]).update(name=Concat(Value("#"), "ons_code"))
        Ward.objects.bulk_update(changed, ["name", "borough"])
    created = Ward.objects.bulk_create(new)
    result.created, result.updated = len(created), len(changed)
    result.wards += changed + created
    return result
