"""Factories for organisations' tests: invitations with a known token, on top of the shared partners factories."""

from datetime import timedelta

import factory
from django.utils import timezone

from partners.models import Invitation, MembershipRole
from partners.tests.factories import OrganisationFactory
from vru.tests.factories import UserFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation; ``InvitationFactory(token="abc")`` makes one whose link carries that token."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"test-token-{n:04d}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    role = MembershipRole.CONTRIBUTOR
    token_hash = factory.LazyAttribute(lambda o: Invitation.hash_token(o.token))
    invited_by = factory.SubFactory(UserFactory, role="staff")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
