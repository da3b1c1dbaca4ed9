"""Factories for the transparency tests: wards, and awarded grants with places and recipients of each kind."""

from decimal import Decimal

import factory

from commissioning.tests.factories import awarded_grant
from partners.models import Borough, Ward
from partners.tests.factories import CspFactory, OrganisationFactory


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward

    name = factory.Sequence(lambda n: f"Ward {n:03d}")
    ons_code = factory.Sequence(lambda n: f"E05{90000 + n:06d}")
    borough = factory.LazyFunction(lambda: Borough.objects.get(name="Lambeth"))


def grant_in(*, boroughs=(), wards=(), objectives=None, **kwargs):
    """A grant awarded through the real service, whose application serves ``boroughs`` and ``wards`` (names or rows)."""
    grant = awarded_grant(**kwargs)
    application = grant.application
    application.boroughs.set(
        [Borough.objects.get(name=b) if isinstance(b, str) else b for b in boroughs],
    )
    application.wards.set(wards)
    if objectives is not None:
        application.objectives.set(objectives)
    return grant


def charity_grant(**kwargs):
    organisation = OrganisationFactory(
        name=kwargs.pop("name", "Southside Youth Trust"),
        charity_number="1187654",
        company_number="11876543",
        address="Unit 4, 12 Coldharbour Lane\nLondon",
        postcode="SE5 9NR",
        website="https://southside-youth.example.org",
    )
    return grant_in(organisation=organisation, **kwargs)


def company_grant(**kwargs):
    organisation = OrganisationFactory(
        name=kwargs.pop("name", "Brixton Academy Trust"), charity_number="", company_number="08123456"
    )
    return grant_in(organisation=organisation, **kwargs)


def council_grant(borough_name="Lambeth", **kwargs):
    organisation = CspFactory(csp_borough=Borough.objects.get(name=borough_name))
    return grant_in(organisation=organisation, **kwargs)


def unregistered_grant(**kwargs):
    organisation = OrganisationFactory(name=kwargs.pop("name", "Peckham Mothers Against Violence"), charity_number="")
    return grant_in(organisation=organisation, **kwargs)


def many_grants(count: int, *, boroughs=("Lambeth",), **kwargs) -> list:
    """``count`` grants of £10,000 from one round, each to its own organisation, serving ``boroughs``."""
    from commissioning.tests.factories import FundingRoundFactory

    funding_round = kwargs.pop("round", None) or FundingRoundFactory()
    return [
        grant_in(round=funding_round, amount=Decimal("10000.00"), boroughs=boroughs, **kwargs) for _ in range(count)
    ]
