"""What a grant's 360Giving record says: identifiers, exact money, dates, places, and no personal data."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from commissioning.giving360 import build_package, dumps, grant_record
from commissioning.giving360.package import duration_in_months, json_number
from commissioning.models import GeographyLevel, Tranche, TrancheCondition
from commissioning.selectors.transparency import published_grants
from commissioning.services.grants import grant_update, tranche_pay
from commissioning.tests.factories import ApplicationFactory, FundingRoundFactory, recommended_application
from commissioning.tests.transparency.factories import (
    WardFactory,
    charity_grant,
    company_grant,
    council_grant,
    grant_in,
)
from partners.models import Borough
from programmes.models import Objective
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def record_of(grant, **kwargs) -> dict:
    """The grant's record as it is published: built from the selector's rows and through JSON."""
    fresh = published_grants().get(pk=grant.pk)
    return json.loads(dumps(grant_record(fresh, **kwargs)))


@override_settings(FUNDER_ORG_ID="GB-GOR-PB10", FUNDER_NAME="A Violence Reduction Unit")
def test_the_record_of_a_grant_to_a_charity():
    grant = charity_grant(boroughs=["Southwark", "Lambeth"])
    record = record_of(grant, base_url="https://vru.example.org")
    assert record["id"] == grant.identifier
    assert record["id"].startswith("360G-londonvru-")
    assert record["title"] == grant.title
    assert record["description"] == grant.description
    assert record["currency"] == "GBP"
    assert record["amountAwarded"] == 40000
    assert record["amountAppliedFor"] == 40000
    assert record["amountDisbursed"] == 0
    assert record["awardDate"] == timezone.localdate(grant.awarded_at).isoformat()
    assert record["plannedDates"] == [{"startDate": "2026-04-01", "endDate": "2027-03-31", "duration": 12}]
    assert record["recipientOrganization"] == [
        {
            "id": "GB-CHC-1187654",
            "name": "Southside Youth Trust",
            "charityNumber": "1187654",
            "companyNumber": "11876543",
            "streetAddress": "Unit 4, 12 Coldharbour Lane, London",
            "postalCode": "SE5 9NR",
            "addressCountry": "United Kingdom",
            "url": "https://southside-youth.example.org",
        }
    ]
    assert record["fundingOrganization"] == [{"id": "GB-GOR-PB10", "name": "A Violence Reduction Unit"}]
    funding_round = grant.application.round
    assert record["grantProgramme"] == [
        {"code": f"360G-londonvru-round-{funding_round.pk}", "title": funding_round.title}
    ]
    assert record["fromOpenCall"] == "Yes"
    assert record["url"] == f"https://vru.example.org/grants/{grant.pk}/"
    assert record["dataSource"] == "https://vru.example.org/grants/"
    assert datetime.fromisoformat(record["dateModified"]) >= grant.updated_at.replace(microsecond=0)


def test_boroughs_and_wards_are_published_with_their_ons_codes():
    lambeth, southwark = Borough.objects.get(name="Lambeth"), Borough.objects.get(name="Southwark")
    brixton = WardFactory(name="Brixton Acre Lane", ons_code="E05014085", borough=lambeth)
    peckham = WardFactory(name="Peckham", ons_code="E05011110", borough=southwark)
    grant = grant_in(boroughs=["Lambeth"], wards=[peckham, brixton])
    assert record_of(grant)["beneficiaryLocation"] == [
        {"name": "Lambeth", "countryCode": "GB", "geoCode": "E09000022", "geoCodeType": "LONB"},
        # A ward's borough is served too, though the application named only the ward.
        {"name": "Southwark", "countryCode": "GB", "geoCode": "E09000028", "geoCodeType": "LONB"},
        {"name": "Brixton Acre Lane", "countryCode": "GB", "geoCode": "E05014085", "geoCodeType": "WD"},
        {"name": "Peckham", "countryCode": "GB", "geoCode": "E05011110", "geoCodeType": "WD"},
    ]
    assert record_of(grant)["locationScope"] == "GLS050"


def test_a_ward_level_round_is_a_local_area_scope():
    ward = WardFactory(borough=Borough.objects.get(name="Hackney"))
    funding_round = FundingRoundFactory(geography_level=GeographyLevel.WARD)
    grant = grant_in(round=funding_round, wards=[ward])
    assert record_of(grant)["locationScope"] == "GLS060"


def test_a_grant_with_no_places_has_no_locations():
    record = record_of(grant_in())
    assert "beneficiaryLocation" not in record
    assert "locationScope" not in record


def test_objectives_addressed_are_classifications():
    grant = grant_in(objectives=Objective.objects.filter(number__in=[6, 5]))
    assert record_of(grant)["classifications"] == [
        {"vocabulary": "360G-londonvru-objective", "code": str(objective.number), "title": objective.title}
        for objective in Objective.objects.filter(number__in=[5, 6]).order_by("number")
    ]


def test_money_is_an_exact_json_number():
    grant = charity_grant(amount=Decimal("12345.67"))
    text = dumps(build_package(published_grants()))
    assert '"amountAwarded": 12345.67' in text
    assert json.loads(text, parse_float=Decimal)["grants"][0]["amountAwarded"] == grant.amount


@pytest.mark.parametrize(
    "value, written",
    [
        (Decimal("40000.00"), "40000"),
        (Decimal("0.10"), "0.1"),
        (Decimal("1234.50"), "1234.5"),
        (Decimal("0.07"), "0.07"),
        (Decimal("999999999999.99"), "999999999999.99"),
        (Decimal("123456789012.01"), "123456789012.01"),
    ],
)
def test_json_numbers_keep_every_digit(value, written):
    assert json.dumps(json_number(value)) == written


def test_a_number_a_float_cannot_hold_is_refused_rather_than_rounded():
    with pytest.raises(ValueError, match="exact JSON number"):
        json_number(Decimal("12345678901234567.01"))


def test_what_has_been_paid_is_the_amount_disbursed():
    grant = company_grant(amount=Decimal("30000.00"))
    manager = UserFactory(role="manager")
    grant_update(grant=grant, user=manager, conditions="", agreement_signed_on=date.today(), programme=None)
    first = Tranche.objects.get(grant=grant, condition=TrancheCondition.AGREEMENT_SIGNED)
    tranche_pay(tranche=first, user=manager, paid_on=date.today())
    assert record_of(grant)["amountDisbursed"] == float(first.amount)
    assert first.amount < grant.amount


def test_a_council_recipient_is_known_by_its_register_code():
    record = record_of(council_grant("Hackney"))
    assert record["recipientOrganization"][0]["id"] == "GB-LAE-HCK"
    assert record["recipientOrganization"][0]["name"] == "Hackney Community Safety Partnership"


def test_no_personal_data_is_published():
    application = recommended_application(
        contact_name="Amara Nwosu",
        contact_role="Director",
        contact_email="amara@example.org",
        contact_phone="020 7946 0000",
    )
    from commissioning.services.awards import application_award

    manager = UserFactory(role="manager", first_name="Grace", last_name="Mensah", username="grace")
    application_award(
        application=application,
        user=manager,
        amount=application.amount_requested,
        objective=application.objectives.first(),
        start_date=application.start_date,
        end_date=application.end_date,
    )
    text = dumps(build_package(published_grants(), base_url="https://vru.example.org"))
    for personal in ["Amara", "Nwosu", "amara@example.org", "020 7946 0000", "Director", "Grace", "Mensah", "grace"]:
        assert personal not in text


def test_unawarded_applications_are_not_in_the_package():
    grant_in()
    ApplicationFactory(project_title="A draft never submitted")
    recommended_application(project_title="Recommended, not yet decided")
    package = build_package(published_grants())
    assert [record["title"] for record in package["grants"]] == [published_grants().get().title]


def test_the_package_says_who_published_it_and_when_it_last_changed():
    first, second = grant_in(), grant_in()
    package = json.loads(dumps(build_package(published_grants(), base_url="https://vru.example.org")))
    assert package["publisher"] == {
        "identifier": "GB-LAE-GLA",
        "name": "London Violence Reduction Unit (Greater London Authority)",
        "website": "https://vru.example.org/",
    }
    assert package["version"] == "1.4"
    assert package["downloadURL"] == "https://vru.example.org/grants/360giving.json"
    assert package["accessURL"] == "https://vru.example.org/grants/"
    assert package["modified"] == max(record["dateModified"] for record in package["grants"])
    assert {record["id"] for record in package["grants"]} == {first.identifier, second.identifier}


def test_an_empty_package_has_no_grants_and_no_modified_date():
    package = build_package(published_grants())
    assert package["grants"] == []
    assert "modified" not in package


@pytest.mark.parametrize(
    "start, end, months",
    [
        (date(2026, 4, 1), date(2027, 3, 31), 12),
        (date(2026, 4, 1), date(2026, 6, 30), 3),
        (date(2026, 4, 15), date(2026, 6, 30), Decimal("2.5")),
        (date(2026, 1, 31), date(2026, 2, 27), 1),
        (date(2026, 1, 31), date(2026, 2, 28), 1),
        (date(2026, 1, 10), date(2026, 2, 14), Decimal("1.2")),
        (date(2026, 4, 1), date(2026, 4, 1), Decimal("0.1")),
        (date(2026, 4, 1), date(2029, 3, 31), 36),
    ],
)
def test_duration_in_months(start, end, months):
    assert duration_in_months(start, end) == months
