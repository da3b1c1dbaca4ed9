"""Every role against every return page and the export: what each may open, 404 (never the record) for a
partner of another organisation or a PRG member, and the locked page for the grantee once submitted."""

import pytest
from django.urls import reverse

from commissioning.services.returns import return_accept
from commissioning.tests.grants.conftest import ROLES, client_for, expect
from commissioning.tests.grants.factories import accepted, grant_for, return_of, submitted

pytestmark = pytest.mark.django_db

# name: (what becomes of the Q1 return first, url, status by role)
PAGES = {
    "return-list": (None, lambda r: reverse("commissioning:return-list"), expect(200, 403, 200, 200)),
    "return-list-export": (
        None,
        lambda r: reverse("commissioning:return-list-export") + "?format=csv",
        expect(200, 403, 403, 403),
    ),
    "return-detail": (None, lambda r: r.get_absolute_url(), expect(200, 404, 200, 404)),
    "return-edit (draft)": (
        None,
        lambda r: reverse("commissioning:return-edit", args=[r.pk]),
        expect(403, 404, 200, 404),
    ),
    "return-edit (submitted)": (
        "submitted",
        lambda r: reverse("commissioning:return-edit", args=[r.pk]),
        expect(403, 404, 403, 404),
    ),
    "return-review (submitted)": (
        "submitted",
        lambda r: reverse("commissioning:return-review", args=[r.pk]),
        expect(200, 404, 403, 404),
    ),
    "return-review (accepted)": (
        "accepted",
        lambda r: reverse("commissioning:return-review", args=[r.pk]),
        expect(403, 404, 403, 404),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_return_page(people, org_a, org_b, name, role):
    stage, url_of, expected = PAGES[name]
    monitoring_return = return_of(grant_for(org_a))
    grant_for(org_b)
    if stage == "submitted":
        submitted(monitoring_return, user=people["partner"])
    elif stage == "accepted":
        accepted(monitoring_return, people["staff"], user=people["partner"])

    response = client_for(people[role]).get(url_of(monitoring_return))

    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("stage", ["submitted", "accepted"])
def test_the_grantee_gets_a_page_saying_why_they_cannot_change_it(people, org_a, stage):
    monitoring_return = return_of(grant_for(org_a))
    submitted(monitoring_return, user=people["partner"])
    if stage == "accepted":
        return_accept(monitoring_return=monitoring_return, user=people["staff"])

    response = client_for(people["partner"]).post(
        reverse("commissioning:return-edit", args=[monitoring_return.pk]), {"progress": "Changed", "action": "save"}
    )

    body = response.content.decode()
    assert response.status_code == 403
    if stage == "accepted":
        assert "This return is locked" in body
        assert "accepted and is locked" in body
    else:
        assert "can be changed again only if the VRU returns it for revision" in body
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == "Ran twelve sessions in two youth clubs."


def test_another_partner_cannot_post_to_the_grantees_return(people, org_a):
    monitoring_return = return_of(grant_for(org_a))
    client = client_for(people["other_partner"])

    edit = client.post(reverse("commissioning:return-edit", args=[monitoring_return.pk]), {"progress": "x"})
    review = client.post(reverse("commissioning:return-review", args=[monitoring_return.pk]), {"decision": "accept"})

    assert (edit.status_code, review.status_code) == (404, 404)
    monitoring_return.refresh_from_db()
    assert monitoring_return.progress == ""
