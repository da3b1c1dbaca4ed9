"""Who may open each page: every role, a partner of the organisation and a partner of another one."""

import pytest
from django.urls import reverse

from partners.tests.organisations.utils import is_sign_in_redirect, signed_in

pytestmark = pytest.mark.django_db

ROLES = ["admin", "staff", "manager", "prg", "org_admin", "contributor", "other_partner", "anonymous"]

# role → expected status, in the order of ROLES; "login" is a redirect to the sign-in page.
EXPECTED = {
    "home": [403, 403, 403, 403, 200, 200, 200, "login"],
    "directory": [200, 200, 200, 403, 403, 403, 403, "login"],
    "directory-export": [200, 200, 200, 403, 403, 403, 403, "login"],
    "organisation-create": [200, 200, 200, 403, 403, 403, 403, "login"],
    "organisation-detail": [200, 200, 200, 404, 200, 200, 404, "login"],
    "organisation-edit": [200, 200, 200, 404, 200, 403, 404, "login"],
    "organisation-invite": [200, 200, 200, 404, 200, 403, 404, "login"],
    "membership-edit": [200, 200, 200, 404, 200, 403, 404, "login"],
    "membership-remove": [200, 200, 200, 404, 200, 403, 404, "login"],
}


def url_of(name, lambeth, membership):
    if name in ("home", "directory", "directory-export", "organisation-create"):
        return reverse(f"partners:{name}")
    if name.startswith("membership"):
        return reverse(f"partners:{name}", args=[lambeth.pk, membership.pk])
    return reverse(f"partners:{name}", args=[lambeth.pk])


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_page(client, people, lambeth, lambeth_contributor, name, role):
    membership = lambeth.memberships.get(user=lambeth_contributor)
    expected = EXPECTED[name][ROLES.index(role)]

    response = signed_in(client, people[role]).get(url_of(name, lambeth, membership))

    if expected == "login":
        assert is_sign_in_redirect(response)
    else:
        assert response.status_code == expected


def test_a_partner_guessing_another_organisations_pages_learns_nothing(client, lambeth, southside_admin):
    signed_in(client, southside_admin)

    for name in ("organisation-detail", "organisation-edit", "organisation-invite"):
        response = client.get(reverse(f"partners:{name}", args=[lambeth.pk]))
        assert response.status_code == 404
        assert lambeth.name not in response.content.decode()
    assert client.get(reverse("partners:organisation-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", ["contributor", "other_partner", "prg"])
def test_a_refused_change_saves_nothing(client, people, lambeth, role):
    signed_in(client, people[role])

    client.post(reverse("partners:organisation-edit", args=[lambeth.pk]), {"name": "Renamed", "type": "police"})

    lambeth.refresh_from_db()
    assert lambeth.name == "Lambeth Community Safety Partnership"
    assert lambeth.type == "local_authority"
