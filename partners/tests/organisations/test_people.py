"""Changing a colleague's role and removing them; an organisation is never left without an admin by its admins."""

import pytest
from django.urls import reverse

from partners.models import Membership, MembershipRole
from partners.tests.factories import partner_of
from partners.tests.organisations.utils import field_error, signed_in, summary_links

pytestmark = pytest.mark.django_db


def membership(organisation, user):
    return organisation.memberships.get(user=user)


def test_an_organisation_admin_makes_a_contributor_an_admin(client, lambeth, lambeth_admin, lambeth_contributor):
    target = membership(lambeth, lambeth_contributor)

    response = signed_in(client, lambeth_admin).post(
        reverse("partners:membership-edit", args=[lambeth.pk, target.pk]), {"role": "admin"}
    )

    assert response.status_code == 302
    assert response.url == f"{lambeth.get_absolute_url()}#people"
    target.refresh_from_db()
    assert target.role == MembershipRole.ADMIN
    assert target.history.first().history_user == lambeth_admin
    assert f"{lambeth_contributor.get_full_name()} is now organisation admin." in client.get(response.url).text


def test_the_last_organisation_admin_cannot_step_down(client, lambeth, lambeth_admin):
    own = membership(lambeth, lambeth_admin)

    response = signed_in(client, lambeth_admin).post(
        reverse("partners:membership-edit", args=[lambeth.pk, own.pk]), {"role": "contributor"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert field_error(html, "role").startswith(
        f"{lambeth_admin.get_full_name()} is the organisation&#x27;s last admin."
    )
    assert summary_links(html)[0][0] == "#id_role_0"
    own.refresh_from_db()
    assert own.role == MembershipRole.ADMIN


def test_the_last_organisation_admin_cannot_remove_themselves(client, lambeth, lambeth_admin):
    own = membership(lambeth, lambeth_admin)

    response = signed_in(client, lambeth_admin).post(reverse("partners:membership-remove", args=[lambeth.pk, own.pk]))

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "is the organisation&#x27;s last admin" in response.text
    assert Membership.objects.filter(pk=own.pk).exists()


def test_with_a_second_admin_an_admin_may_leave_and_goes_home(client, lambeth, lambeth_admin):
    partner_of(lambeth, username="second-admin", role=MembershipRole.ADMIN)
    own = membership(lambeth, lambeth_admin)

    response = signed_in(client, lambeth_admin).post(reverse("partners:membership-remove", args=[lambeth.pk, own.pk]))

    assert response.status_code == 302
    assert response.url == reverse("partners:home")
    assert not Membership.objects.filter(pk=own.pk).exists()
    assert client.get(lambeth.get_absolute_url()).status_code == 404


def test_vru_staff_may_remove_the_last_admin(client, staff_user, lambeth, lambeth_admin):
    own = membership(lambeth, lambeth_admin)

    response = signed_in(client, staff_user).post(reverse("partners:membership-remove", args=[lambeth.pk, own.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=own.pk).exists()
    assert lambeth_admin.__class__.objects.filter(pk=lambeth_admin.pk).exists(), "the account stays"


def test_an_organisation_admin_removes_a_contributor(client, lambeth, lambeth_admin, lambeth_contributor):
    target = membership(lambeth, lambeth_contributor)
    remove_url = reverse("partners:membership-remove", args=[lambeth.pk, target.pk])

    confirm = signed_in(client, lambeth_admin).get(remove_url)
    assert f"Remove {lambeth_contributor.get_full_name()} from {lambeth.name}?" in confirm.text
    response = client.post(remove_url)

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=target.pk).exists()
    assert f"{lambeth_contributor.get_full_name()} no longer acts for {lambeth.name}." in client.get(response.url).text


def test_a_contributor_cannot_change_or_remove_anyone(client, lambeth, lambeth_admin, lambeth_contributor):
    target = membership(lambeth, lambeth_admin)
    signed_in(client, lambeth_contributor)

    edit = client.post(reverse("partners:membership-edit", args=[lambeth.pk, target.pk]), {"role": "contributor"})
    remove = client.post(reverse("partners:membership-remove", args=[lambeth.pk, target.pk]))

    assert (edit.status_code, remove.status_code) == (403, 403)
    target.refresh_from_db()
    assert target.role == MembershipRole.ADMIN


def test_another_organisations_admin_gets_404(client, lambeth, lambeth_contributor, southside_admin):
    target = membership(lambeth, lambeth_contributor)
    signed_in(client, southside_admin)

    assert client.post(reverse("partners:membership-remove", args=[lambeth.pk, target.pk])).status_code == 404
    assert Membership.objects.filter(pk=target.pk).exists()


def test_a_membership_of_another_organisation_is_not_found_through_this_one(
    client, lambeth, lambeth_admin, southside, southside_admin
):
    theirs = membership(southside, southside_admin)

    response = signed_in(client, lambeth_admin).post(
        reverse("partners:membership-remove", args=[lambeth.pk, theirs.pk])
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()
