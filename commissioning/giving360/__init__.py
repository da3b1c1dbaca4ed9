"""The 360Giving Data Standard: organisation identifiers, the data package, its flat form and its validation."""

from commissioning.giving360.flat import flatten
from commissioning.giving360.identifiers import geo_code_type, org_id
from commissioning.giving360.package import build_package, dumps, grant_record
from commissioning.giving360.validation import package_errors

__all__ = ["build_package", "dumps", "flatten", "geo_code_type", "grant_record", "org_id", "package_errors"]
