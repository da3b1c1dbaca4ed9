"""Factories shared by the partners tests: organisations and the partner users who act for them."""

import factory

from partners.models import Borough, Membership, MembershipRole, Organisation, OrganisationType
from vru.tests.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n:03d}")
    type = OrganisationType.VOLUNTARY
    charity_number = factory.Sequence(lambda n: f"{1100000 + n}")


class CspFactory(OrganisationFactory):
    """A borough's Community Safety Partnership: ``CspFactory(csp_borough=Borough.objects.get(name="Lambeth"))``."""

    name = factory.LazyAttribute(lambda o: f"{o.csp_borough.name} Community Safety Partnership")
    type = OrganisationType.LOCAL_AUTHORITY
    charity_number = ""
    csp_borough = factory.Iterator(Borough.objects.all())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role="partner")
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.CONTRIBUTOR


def partner_of(organisation, username=None, role=MembershipRole.CONTRIBUTOR):
    """A partner user who acts for ``organisation``."""
    user = UserFactory(
        username=username or factory.Faker("user_name").evaluate(None, None, {"locale": None}), role="partner"
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
