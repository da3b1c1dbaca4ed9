"""Rules the services keep whichever page, API call or admin action asks: all or nothing, and races."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from partners.models import Borough, Invitation, Membership, MembershipRole, Organisation
from partners.services import organisations as services
from partners.tests.factories import OrganisationFactory, partner_of
from partners.tests.organisations.factories import InvitationFactory
from vru.tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sc 012345", "SC012345"), (" 1123456-1 ", "1123456-1"), ("nic100001", "NIC100001")],
)
def test_numbers_are_stored_as_registers_print_them(typed, stored):
    assert services.tidy_number(typed) == stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"), [("se115qy", "SE11 5QY"), ("SW1A  1AA", "SW1A 1AA"), ("nonsense", "nonsense")]
)
def test_postcodes_get_their_space(typed, stored):
    assert services.tidy_postcode(typed) == stored


@pytest.mark.django_db
def test_a_refused_organisation_leaves_nothing_behind(staff_user):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            user=staff_user,
            name="Half made",
            type="voluntary",
            charity_number="nope",
            boroughs_served=list(Borough.objects.filter(name="Lambeth")),
        )

    assert set(error.value.message_dict) == {"charity_number"}
    assert not Organisation.objects.exists()
    assert not Organisation.history.exists()


@pytest.mark.django_db
def test_an_invitation_whose_address_got_an_account_meanwhile_creates_nothing():
    invitation = InvitationFactory(token="tok", email="late@example.org")
    UserFactory(username="someone-else", email="late@example.org")

    with pytest.raises(ValidationError, match="has an account already"):
        services.invitation_accept(token="tok", password="a-long-and-unusual-passphrase")

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_an_accepted_invitation_cannot_be_sent_again_or_cancelled(staff_user):
    invitation = InvitationFactory(token="tok")
    services.invitation_accept(token="tok", password="a-long-and-unusual-passphrase")
    invitation.refresh_from_db()

    with pytest.raises(ValidationError):
        services.invitation_resend(invitation=invitation, user=staff_user, link_for=str)
    with pytest.raises(ValidationError):
        services.invitation_cancel(invitation=invitation, user=staff_user)
    assert Invitation.objects.filter(pk=invitation.pk).exists()


# serialized_rollback: the flush afterwards must leave the migrations' data for the browser tests that follow.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_admins_removing_each_other_at_once_leave_one_admin():
    organisation = OrganisationFactory()
    first = partner_of(organisation, username="first", role=MembershipRole.ADMIN)
    second = partner_of(organisation, username="second", role=MembershipRole.ADMIN)
    User = get_user_model()
    barrier = threading.Barrier(2)
    errors = []

    def remove(actor_pk, target_pk):
        try:
            actor = User.objects.get(pk=actor_pk)
            membership = Membership.objects.get(user_id=target_pk, organisation=organisation)
            barrier.wait(timeout=5)
            services.membership_remove(membership=membership, user=actor)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remove, args=(first.pk, second.pk)),
        threading.Thread(target=remove, args=(second.pk, first.pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(errors) == 1
    assert Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN).count() == 1
