"""Organisation identifiers as org-id.guide lists them, and ONS geography code types.

360Giving links grants across funders by these identifiers, so a recipient with a
register number must be published under that register's prefix; only an
organisation in no register gets the publisher's own ``<prefix>-org-<pk>``.
"""

import re

from django.conf import settings

# org-id.guide lists: local-authority-eng (GB-LAE), the three charity regulators
# (GB-CHC England and Wales, GB-SC Scotland, GB-NIC Northern Ireland) and Companies House (GB-COH).
_ENGLAND_AND_WALES_CHARITY = re.compile(r"^(\d{6,7})(?:-\d{1,2})?$")
_SCOTTISH_CHARITY = re.compile(r"^SC\d{6}$")
_NORTHERN_IRISH_CHARITY = re.compile(r"^NIC(\d{6})$")
_COMPANY = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")

# 360Giving's geoCodeType codelist, by the first three characters of an ONS code.
GEO_CODE_TYPES = {"E09": "LONB", "E05": "WD"}


def _tidy(number: str) -> str:
    return (number or "").replace(" ", "").upper()


def charity_org_id(number: str) -> str | None:
    """The identifier a charity number gives, or None when it is not one a regulator issues.

    A linked charity's "-N" suffix is dropped: the register (and org-id.guide) knows the
    charity by its registered number, and grants to it are grants to the main charity.
    """
    number = _tidy(number)
    if match := _ENGLAND_AND_WALES_CHARITY.match(number):
        return f"GB-CHC-{match[1]}"
    if _SCOTTISH_CHARITY.match(number):
        return f"GB-SC-{number}"
    if match := _NORTHERN_IRISH_CHARITY.match(number):
        return f"GB-NIC-{match[1]}"
    return None


def company_org_id(number: str) -> str | None:
    number = _tidy(number)
    return f"GB-COH-{number}" if _COMPANY.match(number) else None


def own_org_id(organisation) -> str:
    """The publisher's own identifier, for an organisation in no register."""
    return f"{settings.GRANTS_ID_PREFIX}-org-{organisation.pk}"


def org_id(organisation) -> str:
    """The organisation's 360Giving identifier, from the most authoritative register it is in.

    A borough's Community Safety Partnership is the council's, so it takes the council's
    GB-LAE code; then a charity number; then a company number; then the publisher's own.
    ``organisation.csp_borough`` should be selected with the organisation when many are done.
    """
    borough = organisation.csp_borough if organisation.csp_borough_id else None
    if borough is not None and borough.lae_code:
        return f"GB-LAE-{borough.lae_code}"
    return (
        charity_org_id(organisation.charity_number)
        or company_org_id(organisation.company_number)
        or own_org_id(organisation)
    )


def geo_code_type(code: str) -> str | None:
    """``LONB`` for a London borough's E09 code, ``WD`` for a ward's E05 code; None for anything else."""
    return GEO_CODE_TYPES.get((code or "")[:3])
