"""The grants and tranches API: the pages' permissions (404 for another organisation's grant), PATCH and
``vary`` through the same services, 400 with the errors by field."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commissioning.models import GrantVariation, TrancheCondition, TrancheStatus
from commissioning.tests.grants.conftest import ROLES, expect
from commissioning.tests.grants.factories import grant_for

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def grants(org_a, org_b):
    return grant_for(org_a), grant_for(org_b)


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_grants(people, grants, role):
    grant, other = grants
    client = api_for(people[role])

    listing = client.get(reverse("api:grant-list"))
    detail = client.get(reverse("api:grant-detail", args=[grant.pk]))

    expected_list = expect(200, 403, 200, 200, anonymous=401)[role]
    assert listing.status_code == expected_list
    assert detail.status_code == expect(200, 403, 200, 404, anonymous=401)[role]
    if expected_list == 200:
        ids = {row["id"] for row in listing.json()["results"]}
        if role in ("partner", "other_partner"):
            assert ids == {grant.pk if role == "partner" else other.pk}
        else:
            assert ids == {grant.pk, other.pk}


def test_a_grant_reads_with_its_payments_and_returns(people, grants):
    grant, _ = grants

    body = api_for(people["partner"]).get(reverse("api:grant-detail", args=[grant.pk])).json()

    assert body["identifier"] == grant.identifier
    assert (body["amount"], body["paid"]) == ("40000.00", "0.00")
    assert [t["number"] for t in body["tranches"]] == [1, 2, 3, 4]
    assert body["tranches"][1]["condition_quarter"] == "2026-27 Q1"
    assert len(body["returns"]) == 4
    assert len(body["boroughs"]) == 2


def test_the_list_filters_as_the_page_does(people, grants):
    grant, other = grants
    client = api_for(people["staff"])

    by_organisation = client.get(reverse("api:grant-list"), {"organisation": other.organisation_id}).json()
    searched = client.get(reverse("api:grant-list"), {"q": grant.identifier}).json()
    bad = client.get(reverse("api:grant-list"), {"fund": "nope"})

    assert [row["id"] for row in by_organisation["results"]] == [other.pk]
    assert [row["id"] for row in searched["results"]] == [grant.pk]
    assert bad.status_code == 400
    assert "fund" in bad.json()


def test_a_partner_cannot_filter_by_another_organisation(people, grants):
    _, other = grants

    response = api_for(people["partner"]).get(reverse("api:grant-list"), {"organisation": other.organisation_id})

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 200), ("manager", 200), ("partner", 403), ("other_partner", 404)]
)
def test_who_may_patch_a_grant(people, grants, role, status):
    grant, _ = grants

    response = api_for(people[role]).patch(
        reverse("api:grant-detail", args=[grant.pk]), {"agreement_signed_on": "2026-04-10"}, format="json"
    )

    assert response.status_code == status
    released = grant.tranches.get(number=1).status == TrancheStatus.RELEASED
    assert released == (status == 200)
    if status == 200:
        assert response.json()["agreement_signed_on"] == "2026-04-10"
        assert response.json()["tranches"][0]["status"] == "released"


def test_a_patch_keeps_what_it_leaves_out_and_refuses_a_future_date(people, grants):
    grant, _ = grants
    client = api_for(people["staff"])
    url = reverse("api:grant-detail", args=[grant.pk])
    client.patch(url, {"conditions": "Monthly meetings."}, format="json")

    next_month = timezone.localdate() + timedelta(days=30)
    refused = client.patch(url, {"agreement_signed_on": next_month.isoformat()}, format="json")
    kept = client.patch(url, {"agreement_signed_on": "2026-04-10"}, format="json").json()

    assert refused.status_code == 400
    assert refused.json()["agreement_signed_on"] == ["The date the agreement was signed must be today or in the past."]
    assert kept["conditions"] == "Monthly meetings."
    assert client.put(url, {"conditions": "x"}, format="json").status_code == 405


@pytest.mark.parametrize(("role", "status"), [("manager", 200), ("admin", 200), ("staff", 403), ("partner", 403)])
def test_only_managers_vary_a_grant(people, grants, role, status):
    grant, _ = grants

    response = api_for(people[role]).post(
        reverse("api:grant-vary", args=[grant.pk]), {"amount": "44000.00", "reason": "More sessions."}, format="json"
    )

    assert response.status_code == status
    assert GrantVariation.objects.filter(grant=grant).exists() == (status == 200)
    if status == 200:
        body = response.json()
        assert body["amount"] == "44000.00"
        assert body["variations"][0]["reason"] == "More sessions."
        assert body["tranches"][3]["amount"] == "14000.00"


def test_a_refused_variation_is_a_400_by_field(people, grants):
    grant, _ = grants
    client = api_for(people["manager"])

    missing = client.post(reverse("api:grant-vary", args=[grant.pk]), {"amount": "41000.00"}, format="json")
    too_much = client.post(
        reverse("api:grant-vary", args=[grant.pk]), {"amount": "5000000.00", "reason": "Big."}, format="json"
    )

    assert missing.status_code == too_much.status_code == 400
    assert "reason" in missing.json()
    assert "cannot be more than" in too_much.json()["amount"][0]


def test_another_partners_grant_is_404_for_the_vary_action_too(people, grants):
    grant, _ = grants
    response = api_for(people["other_partner"]).post(
        reverse("api:grant-vary", args=[grant.pk]), {"amount": "1.00", "reason": "x"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_tranches(people, grants, role):
    grant, _ = grants
    client = api_for(people[role])

    listing = client.get(reverse("api:tranche-list"))
    detail = client.get(reverse("api:tranche-detail", args=[grant.tranches.get(number=1).pk]))

    assert listing.status_code == expect(200, 403, 200, 200, anonymous=401)[role]
    assert detail.status_code == expect(200, 403, 200, 404, anonymous=401)[role]
    if role == "other_partner":
        assert grant.pk not in {row["grant"] for row in listing.json()["results"]}


def test_staff_release_and_pay_a_manual_tranche(people, grants):
    grant, _ = grants
    tranche = grant.tranches.get(number=1)
    tranche.condition = TrancheCondition.MANUAL
    tranche.save()
    client = api_for(people["staff"])

    released = client.post(reverse("api:tranche-release", args=[tranche.pk]), {"note": "Policy in."}, format="json")
    again = client.post(reverse("api:tranche-release", args=[tranche.pk]), {}, format="json")
    paid = client.post(reverse("api:tranche-pay", args=[tranche.pk]), {"paid_on": "2026-05-01"}, format="json")

    assert released.status_code == 200
    assert released.json()["status"] == "released"
    assert released.json()["released_by_name"] == "Staff Persona"
    assert again.status_code == 400
    assert "already been released" in again.json()["non_field_errors"][0]
    assert paid.json()["paid_on"] == "2026-05-01"
    tranche.refresh_from_db()
    assert (tranche.status, tranche.paid_on) == (TrancheStatus.PAID, date(2026, 5, 1))


def test_partners_cannot_release_or_pay(people, grants):
    grant, _ = grants
    tranche = grant.tranches.get(number=1)

    own = api_for(people["partner"]).post(reverse("api:tranche-pay", args=[tranche.pk]), {"paid_on": "2026-05-01"})
    others = api_for(people["other_partner"]).post(reverse("api:tranche-release", args=[tranche.pk]), {})

    assert (own.status_code, others.status_code) == (403, 404)


def test_paying_an_unreleased_tranche_or_without_a_date_is_a_400(people, grants):
    grant, _ = grants
    tranche = grant.tranches.get(number=2)
    client = api_for(people["staff"])

    assert client.post(reverse("api:tranche-pay", args=[tranche.pk]), {}, format="json").json() == {
        "paid_on": ["This field is required."]
    }
    response = client.post(reverse("api:tranche-pay", args=[tranche.pk]), {"paid_on": "2026-05-01"}, format="json")
    assert response.status_code == 400
    assert "not been released yet" in response.json()["non_field_errors"][0]
    assert grant.tranches.get(number=2).amount == Decimal("10000.00")


# Every write endpoint against every role: (method, url of the grant, body, status by role).
WRITES = {
    "patch grant": (
        "patch",
        lambda g: reverse("api:grant-detail", args=[g.pk]),
        {"conditions": "New conditions."},
        expect(200, 403, 403, 404, anonymous=401),
    ),
    "vary grant": (
        "post",
        lambda g: reverse("api:grant-vary", args=[g.pk]),
        {"amount": "41000.00", "reason": "More."},
        {**expect(200, 403, 403, 404, anonymous=401), "staff": 403},
    ),
    "release tranche": (
        "post",
        lambda g: reverse("api:tranche-release", args=[_manual(g).pk]),
        {},
        expect(200, 403, 403, 404, anonymous=401),
    ),
    "pay tranche": (
        "post",
        lambda g: reverse("api:tranche-pay", args=[_released(g).pk]),
        {"paid_on": "2026-05-01"},
        expect(200, 403, 403, 404, anonymous=401),
    ),
}


def _manual(grant):
    tranche = grant.tranches.get(number=1)
    tranche.condition = TrancheCondition.MANUAL
    tranche.save()
    return tranche


def _released(grant):
    tranche = grant.tranches.get(number=1)
    tranche.status, tranche.released_at = TrancheStatus.RELEASED, grant.awarded_at
    tranche.save()
    return tranche


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(WRITES))
def test_who_may_use_each_write_endpoint(people, grants, name, role):
    method, url_of, body, expected = WRITES[name]
    grant, _ = grants

    response = getattr(api_for(people[role]), method)(url_of(grant), body, format="json")

    assert response.status_code == expected[role]
