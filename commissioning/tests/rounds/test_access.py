"""Every role against every funds and rounds page: VRU roles in, partners and PRG members 403, nobody signed in
sent to sign in; the public funding pages open to all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from commissioning.models import Fund, FundingRound
from commissioning.permissions import can_manage_commissioning, can_start_application, rounds_visible_to
from commissioning.tests.factories import FundingRoundFactory
from commissioning.tests.rounds.conftest import ROLES, VRU_ROLES
from commissioning.tests.rounds.factories import closed_round, draft_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    funding_round = FundingRoundFactory()
    return {"fund": funding_round.fund, "round": funding_round}


def staff_pages(r) -> list[str]:
    fund, funding_round = r["fund"].pk, r["round"].pk
    return [
        reverse("commissioning:fund-list"),
        reverse("commissioning:fund-ledger-export", args=["csv"]),
        reverse("commissioning:fund-ledger-export", args=["xlsx"]),
        reverse("commissioning:fund-create"),
        reverse("commissioning:fund-detail", args=[fund]),
        reverse("commissioning:fund-edit", args=[fund]),
        reverse("commissioning:fund-allocations", args=[fund]),
        reverse("commissioning:round-list"),
        reverse("commissioning:round-create"),
        reverse("commissioning:round-detail", args=[funding_round]),
        reverse("commissioning:round-edit", args=[funding_round]),
        reverse("commissioning:round-criteria", args=[funding_round]),
        reverse("commissioning:round-questions", args=[funding_round]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_are_for_vru_roles_only(clients, records, role):
    for url in staff_pages(records):
        response = clients[role].get(url)
        if role in VRU_ROLES:
            assert response.status_code == 200, url
        elif role == "anonymous":
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", sorted(set(ROLES) - VRU_ROLES))
def test_no_one_else_can_change_funds_or_rounds(clients, records, role):
    fund, funding_round = records["fund"], records["round"]
    client = clients[role]
    posts = [
        (reverse("commissioning:fund-create"), {"name": "X", "source": "Y", "financial_year": "2026", "total": "1"}),
        (
            reverse("commissioning:fund-edit", args=[fund.pk]),
            {"name": "X", "source": "Y", "financial_year": "2026", "total": "1"},
        ),
        (reverse("commissioning:fund-allocations", args=[fund.pk]), {}),
        (reverse("commissioning:round-create"), {"title": "X"}),
        (reverse("commissioning:round-edit", args=[funding_round.pk]), {"title": "X"}),
        (reverse("commissioning:round-publish", args=[funding_round.pk]), {"published": "0"}),
        (reverse("commissioning:round-criteria", args=[funding_round.pk]), {"criteria-TOTAL_FORMS": "0"}),
        (reverse("commissioning:round-questions", args=[funding_round.pk]), {"questions-TOTAL_FORMS": "0"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == (302 if role == "anonymous" else 403), url
    fund.refresh_from_db()
    funding_round.refresh_from_db()
    assert fund.name != "X" and Fund.objects.count() == 1
    assert funding_round.is_published and FundingRound.objects.count() == 1
    assert funding_round.criteria.count() == 3 and funding_round.questions.count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_public_pages_are_open_to_everyone_and_show_only_published_rounds(clients, records, role):
    client = clients[role]
    draft = draft_round()
    assert client.get(reverse("commissioning:funding")).status_code == 200
    assert client.get(records["round"].get_public_url()).status_code == 200
    assert client.get(closed_round().get_public_url()).status_code == 200
    assert client.get(draft.get_public_url()).status_code == 404


def test_the_rules_for_each_role(users, records):
    funding_round = records["round"]
    closed = closed_round()
    for role, user in users.items():
        assert can_manage_commissioning(user) is (role in VRU_ROLES), role
        assert can_start_application(user, funding_round) is (role in {"partner", "other_partner"}), role
        assert can_start_application(user, closed) is False, role
    draft = draft_round()
    assert draft in rounds_visible_to(users["staff"])
    assert draft not in rounds_visible_to(users["partner"])
    assert funding_round in rounds_visible_to(users["prg"])


def test_the_rules_for_someone_signed_out(records):
    draft_round()
    nobody = AnonymousUser()
    assert not can_manage_commissioning(nobody)
    assert not can_start_application(nobody, records["round"])
    assert list(rounds_visible_to(nobody)) == [records["round"]]
