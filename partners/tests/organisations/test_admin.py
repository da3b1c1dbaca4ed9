"""The Django admin for organisations, memberships and invitations."""

import pytest
from django.core import mail
from django.urls import reverse

from partners.models import Invitation, Membership, Organisation
from partners.tests.organisations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:partners_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", [Organisation, Membership, Invitation], ids=lambda model: model._meta.model_name)
def test_changelist_and_add_page_answer(admin_client, model, lambeth_admin):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_organisations_search_by_name_charity_or_company_number(admin_client, lambeth, southside):
    for term, expected in [("lambeth", [lambeth]), ("1187654", [southside])]:
        response = admin_client.get(admin_url(Organisation, "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == expected


def test_organisations_filter_by_type(admin_client, lambeth, southside):
    response = admin_client.get(admin_url(Organisation, "changelist"), {"type__exact": "voluntary"})

    assert list(response.context["cl"].result_list) == [southside]


def test_an_organisation_page_lists_its_memberships(admin_client, lambeth, lambeth_admin):
    response = admin_client.get(admin_url(Organisation, "change", lambeth.pk))

    assert response.status_code == 200
    assert 'name="memberships-0-user"' in response.text


def test_the_token_hash_is_never_in_the_list_and_cannot_be_changed(admin_client, lambeth):
    invitation = InvitationFactory(organisation=lambeth)

    listing = admin_client.get(admin_url(Invitation, "changelist"))
    change = admin_client.get(admin_url(Invitation, "change", invitation.pk))

    assert invitation.token_hash not in listing.text
    assert invitation.email in listing.text
    assert 'name="token_hash"' not in change.text


def test_an_invitation_added_in_the_admin_is_sent(admin_client, lambeth, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            admin_url(Invitation, "add"),
            {
                "organisation": lambeth.pk,
                "email": "New.Person@example.org",
                "first_name": "New",
                "last_name": "Person",
                "role": "contributor",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    assert len(invitation.token_hash) == 64
    [message] = mail.outbox
    assert "http://testserver/partners/invitations/" in message.body


def test_the_admin_will_not_invite_an_existing_account(admin_client, lambeth, lambeth_admin):
    response = admin_client.post(
        admin_url(Invitation, "add"),
        {
            "organisation": lambeth.pk,
            "email": lambeth_admin.email,
            "first_name": "A",
            "last_name": "B",
            "role": "admin",
        },
    )

    assert response.status_code == 200
    assert "already has an account" in response.text
    assert not Invitation.objects.exists()
