"""The 360Giving data package: one record per awarded grant, in the Data Standard's JSON shape.

The records are built once here and the CSV and XLSX are flattened from them
(``commissioning.giving360.flat``), so the three downloads never disagree. Only
public facts about a grant are published: the recipient organisation, the money,
the dates and the places. The application's contact (a person) never is.
"""

import calendar
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from commissioning.giving360.identifiers import geo_code_type, org_id
from commissioning.models import GeographyLevel

STANDARD_VERSION = "1.4"
CURRENCY = "GBP"
COUNTRY = "United Kingdom"
COUNTRY_CODE = "GB"
# 360Giving's locationScope codelist: a ward-level round funds small areas, the others local authorities.
LOCATION_SCOPES = {GeographyLevel.WARD: "GLS060"}
LOCAL_AUTHORITY_SCOPE = "GLS050"
TENTH = Decimal("0.1")


def grant_programme_code(funding_round) -> str:
    return f"{settings.GRANTS_ID_PREFIX}-round-{funding_round.pk}"


def objective_vocabulary() -> str:
    return f"{settings.GRANTS_ID_PREFIX}-objective"


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def duration_in_months(start: date, end: date) -> int | Decimal:
    """Months from ``start`` to the end of ``end`` (both days included): 1 April to 31 March is 12.

    What is left over after the whole months is a fraction, to one decimal place, of the month it
    falls in; a month from the 31st ends on the last day of a shorter month.
    """
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if _add_months(start, months) > after:
        months -= 1
    anchor = _add_months(start, months)
    left = (after - anchor).days
    if not left:
        return months
    month_length = (_add_months(anchor, 1) - anchor).days
    duration = (Decimal(months) + Decimal(left) / Decimal(month_length)).quantize(TENTH, rounding=ROUND_HALF_UP)
    if not duration:
        return TENTH  # a grant of a day or two still lasts some time
    return int(duration) if duration == duration.to_integral_value() else duration


def recipient_organization(organisation) -> dict:
    """The recipient as the partner directory records it: identifiers, address and website, never a person."""
    record = {"id": org_id(organisation), "name": organisation.name}
    if organisation.charity_number:
        record["charityNumber"] = organisation.charity_number
    if organisation.company_number:
        record["companyNumber"] = organisation.company_number
    lines = [line.strip().rstrip(",") for line in organisation.address.splitlines() if line.strip()]
    if lines:
        record["streetAddress"] = ", ".join(lines)
    if organisation.postcode:
        record["postalCode"] = organisation.postcode
    record["addressCountry"] = COUNTRY
    if organisation.website:
        record["url"] = organisation.website
    return record


def funding_organization() -> dict:
    return {"id": settings.FUNDER_ORG_ID, "name": settings.FUNDER_NAME}


def beneficiary_locations(application) -> list[dict]:
    """The boroughs served, with the borough of every ward served, then the wards: ONS codes with their types.

    Expects ``boroughs`` and ``wards`` (with their boroughs) prefetched, as ``published_grants`` does.
    """
    wards = list(application.wards.all())
    boroughs = {borough.pk: borough for borough in application.boroughs.all()}
    for ward in wards:
        boroughs.setdefault(ward.borough_id, ward.borough)
    places = sorted(boroughs.values(), key=lambda borough: borough.name) + sorted(
        wards, key=lambda ward: (ward.borough.name, ward.name)
    )
    return [_location(place.name, place.ons_code) for place in places]


def _location(name: str, code: str) -> dict:
    location = {"name": name, "countryCode": COUNTRY_CODE, "geoCode": code}
    code_type = geo_code_type(code)
    if code_type:
        location["geoCodeType"] = code_type
    return location


def _iso_datetime(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def last_modified(grant):
    """When anything a grant's record shows last changed: the grant, its application or its recipient."""
    return max(grant.updated_at, grant.application.updated_at, grant.organisation.updated_at)


def grant_record(grant, *, base_url: str | None = None) -> dict:
    """One grant as a 360Giving record. Money stays Decimal; ``dumps`` writes it as an exact JSON number.

    ``base_url`` (such as ``https://vru.example.org``) adds the grant's public page and the data's source.
    """
    application = grant.application
    funding_round = application.round
    record = {
        "id": grant.identifier,
        "title": grant.title,
        "description": grant.description or grant.title,
        "currency": CURRENCY,
    }
    if application.amount_requested > 0:
        record["amountAppliedFor"] = application.amount_requested
    record["amountAwarded"] = grant.amount
    record["amountDisbursed"] = grant.disbursed
    record["awardDate"] = timezone.localtime(grant.awarded_at).date().isoformat()
    if base_url:
        record["url"] = base_url + reverse("commissioning:published-grant", args=[grant.pk])
    record["plannedDates"] = [
        {
            "startDate": grant.start_date.isoformat(),
            "endDate": grant.end_date.isoformat(),
            "duration": duration_in_months(grant.start_date, grant.end_date),
        }
    ]
    record["recipientOrganization"] = [recipient_organization(grant.organisation)]
    record["fundingOrganization"] = [funding_organization()]
    record["grantProgramme"] = [{"code": grant_programme_code(funding_round), "title": funding_round.title}]
    # Every grant answers an application to a funding round that was advertised to all partners.
    record["fromOpenCall"] = "Yes"
    locations = beneficiary_locations(application)
    if locations:
        record["beneficiaryLocation"] = locations
        record["locationScope"] = LOCATION_SCOPES.get(funding_round.geography_level, LOCAL_AUTHORITY_SCOPE)
    objectives = list(application.objectives.all())
    if objectives:
        record["classifications"] = [
            {"vocabulary": objective_vocabulary(), "code": str(objective.number), "title": objective.title}
            for objective in objectives
        ]
    if base_url:
        record["dataSource"] = base_url + reverse("commissioning:grants-published")
    record["dateModified"] = _iso_datetime(last_modified(grant))
    return record


def build_package(grants, *, base_url: str | None = None) -> dict:
    """The data package of the grants given (``published_grants()``), with its publisher and when it last changed.

    360Giving asks for at least one grant in a package; with none the list is empty,
    and the public page offers no download until there is one.
    """
    grants = list(grants)
    package = {
        "grants": [grant_record(grant, base_url=base_url) for grant in grants],
        "version": STANDARD_VERSION,
        "title": f"Grants awarded by {settings.FUNDER_NAME}",
        "publisher": {"identifier": settings.FUNDER_ORG_ID, "name": settings.FUNDER_NAME},
    }
    if grants:
        package["modified"] = _iso_datetime(max(last_modified(grant) for grant in grants))
    if base_url:
        package["publisher"]["website"] = base_url + "/"
        package["accessURL"] = base_url + reverse("commissioning:grants-published")
        package["downloadURL"] = base_url + reverse("commissioning:grants-360giving-json")
    return package


def json_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number with exactly its digits: 1234.50 → 1234.5, 40000.00 → 40000.

    Money has at most 14 significant digits, and Python writes a float with the fewest
    digits that read back as the same float; up to 15 digits those are the decimal's own.
    Anything that would not come back exactly is refused rather than published wrong.
    """
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if Decimal(repr(number)) != value:
        raise ValueError(f"{value} cannot be written as an exact JSON number.")
    return number


class PackageEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return json_number(o)
        return super().default(o)


def dumps(package: dict, *, indent: int | None = None) -> str:
    return json.dumps(package, cls=PackageEncoder, ensure_ascii=False, indent=indent)
