"""Inviting a colleague by email, and the one-time link that lets them set a password and join."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, Membership, MembershipRole
from partners.tests.organisations.factories import InvitationFactory
from partners.tests.organisations.utils import field_error, signed_in, summary_links
from vru.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
User = get_user_model()


def invite(client, organisation, **overrides):
    data = {
        "first_name": "Amara",
        "last_name": "Nwosu",
        "email": "Amara.Nwosu@Lambeth.example.org",
        "role": "contributor",
    }
    return client.post(reverse("partners:organisation-invite", args=[organisation.pk]), data | overrides)


def link_in(message) -> str:
    return re.search(r"http://testserver(/partners/invitations/[^/\s]+/)", message.body).group(1)


def accept(client, link, password=PASSWORD, again=None):
    return client.post(link, {"new_password1": password, "new_password2": again or password})


# --- Sending ------------------------------------------------------------------------------------


def test_an_organisation_admin_invites_a_colleague_and_the_email_carries_the_link(
    client, lambeth, lambeth_admin, django_capture_on_commit_callbacks
):
    signed_in(client, lambeth_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, lambeth)

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:invitation-sent", args=[lambeth.pk, invitation.pk])
    assert invitation.email == "amara.nwosu@lambeth.example.org"
    assert invitation.invited_by == lambeth_admin
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    [message] = mail.outbox
    assert message.to == ["amara.nwosu@lambeth.example.org"]
    assert message.subject == f"You are invited to act for {lambeth.name}"
    assert "Dear Amara Nwosu" in message.body
    assert f"{lambeth_admin.get_full_name()} has invited you" in message.body
    token = link_in(message).split("/")[-2]
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in Invitation.objects.values_list("token_hash", flat=True), "only the hash is kept"

    sent = client.get(response.url).text
    assert "Invitation sent" in sent and "amara.nwosu@lambeth.example.org" in sent


def test_staff_can_invite_too(client, staff_user, lambeth, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(client, staff_user), lambeth, role="admin")

    assert Invitation.objects.get().role == MembershipRole.ADMIN
    assert len(mail.outbox) == 1


def test_no_email_goes_before_the_transaction_commits(
    client, lambeth, lambeth_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(signed_in(client, lambeth_admin), lambeth)

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_contributor_cannot_invite(client, lambeth, lambeth_contributor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(signed_in(client, lambeth_contributor), lambeth)

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_partner_of_another_organisation_gets_404(client, lambeth, southside_admin):
    assert invite(signed_in(client, southside_admin), lambeth).status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_an_address_with_an_account_answers_exactly_as_for_a_new_one(
    client, lambeth, lambeth_admin, southside_admin, django_capture_on_commit_callbacks
):
    signed_in(client, lambeth_admin)
    answers = []
    for email in ("new.person@example.org", southside_admin.email.upper()):
        with django_capture_on_commit_callbacks(execute=True):
            response = invite(client, lambeth, email=email)
        invitation = Invitation.objects.get(email=email.lower())
        assert response.status_code == 302
        assert response.url == reverse("partners:invitation-sent", args=[lambeth.pk, invitation.pk])
        main = client.get(response.url).text.split("<main", 1)[1].split("</main>", 1)[0]
        main = re.sub(r"\d{1,2} \w+ \d{4}, \d\d:\d\d", "WHEN", main)  # the link's end, to the minute
        answers.append(main.replace(email.lower(), "EMAIL").replace(str(invitation.pk), "ID"))

    new_answer, existing_answer = answers
    assert new_answer == existing_answer, "the inviter learns nothing about the address"
    new_message, existing_message = mail.outbox
    assert existing_message.to == [southside_admin.email]
    assert existing_message.subject == new_message.subject == f"You are invited to act for {lambeth.name}"
    assert "You already have an account with this email address" in existing_message.body
    assert "choose a password" in new_message.body


def test_someone_with_an_account_signs_in_and_joins(
    client, lambeth, lambeth_admin, southside_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(client, lambeth_admin), lambeth, email=southside_admin.email, role="admin")
    link = link_in(mail.outbox[0])
    client.post(reverse("logout"))

    signed_out = client.get(link)
    assert "Sign in to accept this invitation" in signed_out.text
    assert f"{reverse('login')}?next={link}" in signed_out.text.replace("%2F", "/")
    assert not User.objects.filter(username="new").exists()

    signed_in(client, southside_admin)
    assert "Join " + lambeth.name in client.get(link).text
    response = client.post(link)

    assert response.url == reverse("partners:home")
    assert Membership.objects.get(user=southside_admin, organisation=lambeth).role == MembershipRole.ADMIN
    assert Invitation.objects.get().accepted_at is not None
    assert client.get(link).status_code == 404, "the link works once"


def test_a_vru_account_cannot_join_an_organisation(
    client, lambeth, lambeth_admin, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(client, lambeth_admin), lambeth, email=staff_user.email)
    link = link_in(mail.outbox[0])

    response = signed_in(client, staff_user).post(link)

    assert response.status_code == 400
    assert "cannot act for an organisation" in response.text
    assert not Membership.objects.filter(user=staff_user).exists()
    assert Invitation.objects.get().accepted_at is None


def test_someone_who_already_acts_for_the_organisation_is_not_invited_again(
    client, lambeth, lambeth_admin, lambeth_contributor
):
    response = invite(signed_in(client, lambeth_admin), lambeth, email=lambeth_contributor.email)

    assert field_error(response.text, "email") == f"{lambeth_contributor.email} already acts for {lambeth.name}."
    assert 'value="Amara"' in response.text, "what was typed is kept"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_missing_and_malformed_answers(client, lambeth, lambeth_admin):
    response = invite(signed_in(client, lambeth_admin), lambeth, first_name="", email="not-an-email", role="boss")

    assert summary_links(response.content.decode()) == [
        ("#id_first_name", "Enter their first name."),
        ("#id_email", "Enter an email address in the correct format, like name@example.org."),
        ("#id_role_0", "Select a valid choice. boss is not one of the available choices."),
    ]
    assert not Invitation.objects.exists()


def test_inviting_the_same_address_again_replaces_the_old_link(
    client, lambeth, lambeth_admin, django_capture_on_commit_callbacks
):
    signed_in(client, lambeth_admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, lambeth)
        invite(client, lambeth, role="admin")

    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().role == MembershipRole.ADMIN
    first, second = (link_in(message) for message in mail.outbox)
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_send_again_and_cancel_from_the_organisations_page(
    client, lambeth, lambeth_admin, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(
        organisation=lambeth, token="old-token", expires_at=timezone.now() - timedelta(days=1)
    )
    signed_in(client, lambeth_admin)
    page = client.get(lambeth.get_absolute_url()).text
    assert "Expired" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:invitation-resend", args=[lambeth.pk, invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now()
    assert invitation.token_hash != Invitation.hash_token("old-token")
    assert len(mail.outbox) == 1

    client.post(reverse("partners:invitation-cancel", args=[lambeth.pk, invitation.pk]))
    assert not Invitation.objects.exists()
    client.logout()
    assert client.get(link_in(mail.outbox[0])).status_code == 404


# --- Accepting ----------------------------------------------------------------------------------


def test_the_link_works_signed_out_once_and_the_new_account_signs_in(client, lambeth):
    InvitationFactory(
        organisation=lambeth,
        token="abc123",
        email="amara.nwosu@lambeth.example.org",
        first_name="Amara",
        last_name="Nwosu",
    )
    link = reverse("partners:invitation-accept", args=["abc123"])

    page = client.get(link)
    assert page.status_code == 200
    assert "Choose a password to join" in page.text
    assert "amara.nwosu@lambeth.example.org" in page.text

    response = accept(client, link)

    assert response.status_code == 302
    assert response.url == reverse("partners:home")
    person = User.objects.get(username="amara.nwosu@lambeth.example.org")
    assert (person.first_name, person.last_name, person.email) == ("Amara", "Nwosu", "amara.nwosu@lambeth.example.org")
    assert list(person.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.PARTNER]]
    assert Membership.objects.get(user=person).organisation == lambeth
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None and invitation.user == person

    home = client.get(response.url)
    assert home.status_code == 200, "signed in straight away"
    assert f"Your account is ready. You now act for {lambeth.name}." in home.text
    assert lambeth.name in home.text

    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "This invitation link has expired or been used" in again.text
    assert accept(client, link).status_code == 404
    assert User.objects.filter(username__startswith="amara").count() == 1

    signed_in_again = client.post(
        reverse("login"), {"username": "amara.nwosu@lambeth.example.org", "password": PASSWORD}
    )
    assert signed_in_again.status_code == 302
    assert lambeth.name in client.get(reverse("partners:home")).text


def test_an_expired_link_is_refused_and_changes_nothing(client, lambeth):
    invitation = InvitationFactory(organisation=lambeth, token="old", expires_at=timezone.now() - timedelta(minutes=1))
    link = reverse("partners:invitation-accept", args=["old"])

    assert "This invitation link has expired or been used" in client.get(link).text
    response = accept(client, link)

    assert response.status_code == 404
    assert not User.objects.filter(username=invitation.email).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unknown_link_is_refused(client):
    response = client.get(reverse("partners:invitation-accept", args=["made-up"]))

    assert response.status_code == 404
    assert "This invitation link has expired or been used" in response.text


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_created(client, lambeth):
    InvitationFactory(organisation=lambeth, token="abc", email="amara@example.org", first_name="Amara")
    link = reverse("partners:invitation-accept", args=["abc"])

    weak = accept(client, link, password="password")
    mismatched = accept(client, link, again="something-else-entirely")

    assert "This password is too common." in weak.text
    assert "There is a problem" in weak.text
    assert summary_links(mismatched.text) == [
        ("#id_new_password2", "The passwords do not match: enter the same password twice.")
    ]
    assert not User.objects.filter(username="amara@example.org").exists()
    assert not Membership.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_admin_invitation_makes_an_organisation_admin(client, lambeth):
    InvitationFactory(organisation=lambeth, token="boss", email="boss@example.org", role=MembershipRole.ADMIN)

    accept(client, reverse("partners:invitation-accept", args=["boss"]))

    assert Membership.objects.get(user__username="boss@example.org").role == MembershipRole.ADMIN


def test_someone_signed_in_is_asked_to_sign_out_first(client, staff_user, lambeth):
    InvitationFactory(organisation=lambeth, token="abc", email="someone@example.org")
    link = reverse("partners:invitation-accept", args=["abc"])

    page = signed_in(client, staff_user).get(link)

    assert "Sign out to accept this invitation" in page.text
    assert f'name="next" value="{link}"' in page.text
    response = client.post(reverse("logout"), {"next": link})
    assert response.url == link
    assert "Choose a password to join" in client.get(link).text
