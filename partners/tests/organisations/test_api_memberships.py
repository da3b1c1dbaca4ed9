"""The memberships API: VRU staff see and change them all; a partner sees their own organisations' only."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import Membership, MembershipRole
from vru.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MEMBERSHIPS = reverse("api:membership-list")


def url(membership):
    return reverse("api:membership-detail", args=[membership.pk])


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


# role → (list, one of Lambeth's, create, change a role, remove)
EXPECTED = {
    "admin": (200, 200, 201, 200, 204),
    "staff": (200, 200, 201, 200, 204),
    "manager": (200, 200, 201, 200, 204),
    "prg": (403, 403, 403, 403, 403),
    "org_admin": (200, 200, 403, 403, 403),
    "contributor": (200, 200, 403, 403, 403),
    "other_partner": (200, 404, 403, 404, 404),
    "anonymous": (401, 401, 401, 401, 401),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_memberships_by_role(role, people, lambeth, lambeth_contributor):
    listed, read, create, change, remove = EXPECTED[role]
    client = client_for(people[role])
    membership = lambeth.memberships.get(user=lambeth_contributor)
    newcomer = UserFactory(username="newcomer", role="partner")

    assert client.get(MEMBERSHIPS).status_code == listed
    assert client.get(url(membership)).status_code == read
    response = client.post(MEMBERSHIPS, {"organisation": lambeth.pk, "user": newcomer.pk}, format="json")
    assert response.status_code == create
    assert Membership.objects.filter(user=newcomer).exists() == (create == 201)
    assert client.patch(url(membership), {"role": "admin"}, format="json").status_code == change
    membership.refresh_from_db()
    assert membership.role == ("admin" if change == 200 else "contributor")
    assert client.delete(url(membership)).status_code == remove
    assert Membership.objects.filter(pk=membership.pk).exists() == (remove != 204)


def test_a_partner_sees_only_their_organisations_memberships(
    lambeth, lambeth_admin, lambeth_contributor, southside_admin
):
    body = client_for(lambeth_contributor).get(MEMBERSHIPS).json()

    assert {row["user_email"] for row in body["results"]} == {lambeth_admin.email, lambeth_contributor.email}
    assert southside_admin.email not in str(body)


def test_only_partner_users_can_be_members(staff_user, lambeth, prg_user):
    response = client_for(staff_user).post(
        MEMBERSHIPS, {"organisation": lambeth.pk, "user": prg_user.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"user": ["Only partner users can act for an organisation."]}


def test_a_second_membership_of_the_same_organisation_is_refused(staff_user, lambeth, lambeth_admin):
    response = client_for(staff_user).post(
        MEMBERSHIPS, {"organisation": lambeth.pk, "user": lambeth_admin.pk, "role": "contributor"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"user": [f"{lambeth_admin.get_full_name()} is already a member."]}


def test_a_membership_cannot_move(staff_user, lambeth, lambeth_admin, southside):
    membership = lambeth.memberships.get(user=lambeth_admin)

    response = client_for(staff_user).patch(url(membership), {"organisation": southside.pk}, format="json")

    assert response.status_code == 400
    assert "organisation" in response.json()
    membership.refresh_from_db()
    assert membership.organisation == lambeth


def test_changes_are_recorded_against_the_staff_member(staff_user, lambeth, lambeth_contributor):
    membership = lambeth.memberships.get(user=lambeth_contributor)

    client_for(staff_user).patch(url(membership), {"role": MembershipRole.ADMIN}, format="json")

    assert membership.history.first().history_user == staff_user


def test_filter_by_organisation(staff_user, lambeth, lambeth_admin, southside, southside_admin):
    body = client_for(staff_user).get(MEMBERSHIPS, {"organisation": southside.pk}).json()

    assert [row["user"] for row in body["results"]] == [southside_admin.pk]
