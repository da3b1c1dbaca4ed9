"""Every role against every grant page and export: what each may open, and 404 (never the record) for a
partner of another organisation or a PRG member."""

import pytest
from django.urls import reverse

from commissioning.models import TrancheCondition
from commissioning.tests.grants.conftest import ROLES, client_for, expect
from commissioning.tests.grants.factories import grant_for

pytestmark = pytest.mark.django_db


def _manual_tranche(grant):
    tranche = grant.tranches.get(number=1)
    tranche.condition = TrancheCondition.MANUAL
    tranche.save()
    return tranche


def _released_tranche(grant):
    tranche = grant.tranches.get(number=1)
    tranche.status = "released"
    tranche.released_at = grant.awarded_at
    tranche.save()
    return tranche


# name: (url of the grant, status by role)
PAGES = {
    "grant-list": (lambda g: reverse("commissioning:grant-list"), expect(200, 403, 200, 200)),
    "grant-list-export": (
        lambda g: reverse("commissioning:grant-list-export") + "?format=csv",
        expect(200, 403, 200, 200),
    ),
    "grant-list-export-xlsx": (
        lambda g: reverse("commissioning:grant-list-export") + "?format=xlsx",
        expect(200, 403, 200, 200),
    ),
    "payment-list-export": (
        lambda g: reverse("commissioning:payment-list-export") + "?format=csv",
        expect(200, 403, 200, 200),
    ),
    "grant-detail": (lambda g: g.get_absolute_url(), expect(200, 404, 200, 404)),
    "grant-edit": (lambda g: reverse("commissioning:grant-edit", args=[g.pk]), expect(200, 404, 403, 404)),
    "grant-vary": (
        lambda g: reverse("commissioning:grant-vary", args=[g.pk]),
        {**expect(200, 404, 403, 404), "staff": 403},
    ),
    "tranche-release": (
        lambda g: reverse("commissioning:tranche-release", args=[g.pk, _manual_tranche(g).pk]),
        expect(200, 404, 403, 404),
    ),
    "tranche-pay": (
        lambda g: reverse("commissioning:tranche-pay", args=[g.pk, _released_tranche(g).pk]),
        expect(200, 404, 403, 404),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_may_open_each_grant_page(people, org_a, org_b, name, role):
    url_of, expected = PAGES[name]
    grant = grant_for(org_a)
    grant_for(org_b)  # the other partner has a grant of their own

    response = client_for(people[role]).get(url_of(grant))

    assert response.status_code == expected[role]
    if expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["grant-list-export", "payment-list-export"])
def test_another_partners_exports_leave_out_the_grant(people, org_a, org_b, name):
    grant = grant_for(org_a)
    own = grant_for(org_b)

    body = client_for(people["other_partner"]).get(reverse(f"commissioning:{name}") + "?format=csv").getvalue().decode()

    assert grant.identifier not in body
    assert own.identifier in body


def test_another_partner_cannot_filter_by_the_grantee(people, org_a, org_b):
    grant_for(org_a)
    grant_for(org_b)
    client = client_for(people["other_partner"])

    page = client.get(reverse("commissioning:grant-list"), {"organisation": org_a.pk})
    export = client.get(reverse("commissioning:grant-list-export"), {"organisation": org_a.pk, "format": "csv"})

    assert "Southside Youth Trust" not in page.content.decode()
    assert "Select a valid choice" in page.content.decode()
    assert export.status_code == 400


def test_a_partner_sees_no_change_buttons_on_their_grant(people, org_a):
    grant = grant_for(org_a)
    _manual_tranche(grant)

    body = client_for(people["partner"]).get(grant.get_absolute_url()).content.decode()

    assert grant.title in body
    for url in (
        reverse("commissioning:grant-edit", args=[grant.pk]),
        reverse("commissioning:grant-vary", args=[grant.pk]),
        "/release/",
        "Change history",
    ):
        assert url not in body


def test_staff_see_edit_but_not_vary_and_managers_see_both(people, org_a):
    grant = grant_for(org_a)
    edit = reverse("commissioning:grant-edit", args=[grant.pk])
    vary = reverse("commissioning:grant-vary", args=[grant.pk])

    staff = client_for(people["staff"]).get(grant.get_absolute_url()).content.decode()
    manager = client_for(people["manager"]).get(grant.get_absolute_url()).content.decode()

    assert edit in staff and vary not in staff
    assert edit in manager and vary in manager
