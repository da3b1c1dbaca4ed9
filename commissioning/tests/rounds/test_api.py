"""The funds and funding-rounds API as a client sees it: the pages' rules, 400s by field, and who may do what."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.models import Fund, FundingRound
from commissioning.tests.factories import FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.conftest import ROLES, VRU_ROLES
from commissioning.tests.rounds.factories import FundAllocationFactory, closed_round, draft_round, submitted_application
from programmes.models import Objective

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"api:{name}", args=args)


@pytest.fixture
def api(users):
    clients = {}
    for role, user in users.items():
        client = APIClient()
        client.force_authenticate(user)
        clients[role] = client
    clients["anonymous"] = APIClient()
    return clients


def round_payload(fund, **changes) -> dict:
    payload = {
        "fund": fund.pk,
        "title": "Safer summers",
        "summary": "Holiday activities.",
        "objectives": [Objective.objects.get(number=7).pk],
        "geography_level": "borough",
        "budget_envelope": "100000.00",
        "minimum_request": "5000.00",
        "maximum_request": "25000.00",
        "opens_at": "2026-04-01T09:00:00+01:00",
        "closes_at": "2026-06-30T17:00:00+01:00",
        "guidance": "Who can apply.",
        "criteria": [{"title": "Need", "weight": 60}, {"title": "Evidence", "weight": 40}],
        "questions": [{"text": "Who are your partners?", "word_limit": 300}],
    }
    payload.update(changes)
    return payload


# --- Funds ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_funds_are_for_vru_roles_only(api, role):
    fund = FundFactory()
    expected = 200 if role in VRU_ROLES else 401 if role == "anonymous" else 403
    assert api[role].get(url("fund-list")).status_code == expected
    assert api[role].get(url("fund-detail", fund.pk)).status_code == expected
    created = api[role].post(url("fund-list"), {"name": "New", "source": "MOPAC", "financial_year": 2026, "total": "1"})
    assert created.status_code == (201 if role in VRU_ROLES else expected)
    changed = api[role].patch(url("fund-detail", fund.pk), {"name": "Renamed"}, format="json")
    assert changed.status_code == expected
    if role == "anonymous":
        assert created["WWW-Authenticate"] == "Token"
    if role not in VRU_ROLES:
        assert not Fund.objects.filter(name__in=["New", "Renamed"]).exists()


def test_a_fund_reads_with_its_ledger_and_allocations(api, manager_user):
    fund = FundFactory(name="Core", total=Decimal("100000.00"))
    grant = awarded_grant(manager=manager_user, amount=Decimal("40000.00"), round__fund=fund)
    FundAllocationFactory(fund=fund, objective=grant.objective, amount=Decimal("50000.00"))
    data = api["staff"].get(url("fund-detail", fund.pk)).json()
    assert data["financial_year_label"] == "2026-27"
    assert (data["total"], data["awarded"], data["paid"], data["available"]) == (
        "100000.00",
        "40000.00",
        "0.00",
        "60000.00",
    )
    assert data["allocations"] == [{"objective": grant.objective.pk, "amount": "50000.00"}]


def test_staff_create_a_fund_with_its_allocations_in_one_request(api, staff_user):
    one, two = Objective.objects.filter(number__in=[1, 2]).order_by("number")
    response = api["staff"].post(
        url("fund-list"),
        {
            "name": "Home Office",
            "source": "Home Office",
            "financial_year": 2026,
            "total": "100000.00",
            "allocations": [{"objective": one.pk, "amount": "60000.00"}, {"objective": two.pk, "amount": "40000.00"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    fund = Fund.objects.get(name="Home Office")
    assert response.json()["id"] == fund.pk
    assert fund.allocations.count() == 2
    assert fund.history.get().history_user == staff_user


def test_allocations_past_the_total_are_a_400_and_nothing_is_saved(api):
    one, two = Objective.objects.filter(number__in=[1, 2]).order_by("number")
    response = api["staff"].post(
        url("fund-list"),
        {
            "name": "Too much",
            "source": "MOPAC",
            "financial_year": 2026,
            "total": "100.00",
            "allocations": [{"objective": one.pk, "amount": "60.00"}, {"objective": two.pk, "amount": "40.01"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "allocations": [
            "The allocations add up to £100.01, which is more than the fund's total of £100.00. Reduce them by £0.01."
        ]
    }
    assert not Fund.objects.filter(name="Too much").exists()


def test_a_fund_total_below_what_is_awarded_is_a_400(api, manager_user):
    fund = FundFactory(total=Decimal("1000000.00"))
    awarded_grant(manager=manager_user, amount=Decimal("40000.00"), round__fund=fund)
    response = api["manager"].patch(url("fund-detail", fund.pk), {"total": "39999.99"}, format="json")
    assert response.status_code == 400
    assert "£40,000.00 has already been awarded" in response.json()["total"][0]


def test_bad_fund_fields_are_400s_by_field(api):
    response = api["staff"].post(url("fund-list"), {"name": "", "total": "lots"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"name", "source", "financial_year", "total"}


# --- Funding rounds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_rounds_and_only_vru_roles_see_the_rest(api, role):
    published = FundingRoundFactory(title="Published")
    closed = closed_round(title="Closed")
    draft = draft_round(title="Draft")
    response = api[role].get(url("funding-round-list"))
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == ({"Published", "Closed", "Draft"} if role in VRU_ROLES else {"Published", "Closed"})
    assert api[role].get(url("funding-round-detail", published.pk)).status_code == 200
    assert api[role].get(url("funding-round-detail", closed.pk)).status_code == 200
    assert api[role].get(url("funding-round-detail", draft.pk)).status_code == (200 if role in VRU_ROLES else 404)


@pytest.mark.parametrize("role", sorted(set(ROLES) - VRU_ROLES))
def test_no_one_but_vru_roles_writes_rounds(api, role):
    funding_round = FundingRoundFactory()
    expected = 401 if role == "anonymous" else 403
    assert api[role].post(url("funding-round-list"), round_payload(funding_round.fund), format="json").status_code == (
        expected
    )
    response = api[role].patch(url("funding-round-detail", funding_round.pk), {"title": "Mine"}, format="json")
    assert response.status_code == expected
    assert FundingRound.objects.get().title == funding_round.title


def test_a_round_reads_with_its_status_criteria_questions_and_public_address(api):
    funding_round = FundingRoundFactory()
    data = api["anonymous"].get(url("funding-round-detail", funding_round.pk)).json()
    assert data["status"] == "open"
    assert data["fund_name"] == funding_round.fund.name
    assert [(c["title"], c["weight"]) for c in data["criteria"]] == [
        ("Need", 50),
        ("Evidence", 30),
        ("Value for money", 20),
    ]
    assert [q["text"] for q in data["questions"]] == [
        "How will young people shape the project?",
        "Who are your partners?",
    ]
    assert data["public_url"] == f"http://testserver/funding/{funding_round.pk}/"


def test_staff_create_a_round_with_criteria_and_questions_and_publish_it_in_one_request(api, staff_user):
    fund = FundFactory(total=Decimal("200000.00"))
    response = api["staff"].post(url("funding-round-list"), round_payload(fund, is_published=True), format="json")
    assert response.status_code == 201, response.json()
    funding_round = FundingRound.objects.get()
    assert funding_round.is_published
    assert list(funding_round.criteria.values_list("title", "weight")) == [("Need", 60), ("Evidence", 40)]
    assert list(funding_round.questions.values_list("text", "word_limit")) == [("Who are your partners?", 300)]
    assert response.json()["status"] == "closed"  # it closed on 30 June 2026
    assert funding_round.closes_at.isoformat() == "2026-06-30T16:00:00+00:00"


def test_weights_that_do_not_add_up_to_100_are_a_400_and_nothing_is_saved(api):
    fund = FundFactory(total=Decimal("200000.00"))
    payload = round_payload(fund, criteria=[{"title": "Need", "weight": 60}, {"title": "Evidence", "weight": 30}])
    response = api["staff"].post(url("funding-round-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"criteria": ["The weights add up to 90. Change them so they add up to exactly 100."]}
    assert not FundingRound.objects.exists()


def test_a_criterions_own_fields_are_checked_row_by_row(api):
    fund = FundFactory(total=Decimal("200000.00"))
    payload = round_payload(fund, criteria=[{"title": "", "weight": 0}])
    response = api["staff"].post(url("funding-round-list"), payload, format="json")
    assert response.status_code == 400
    assert set(response.json()["criteria"]["0"]) == {"title", "weight"}


def test_the_services_rules_are_400s_by_field(api):
    fund = FundFactory(total=Decimal("200000.00"))
    payload = round_payload(fund, maximum_request="150000.00", closes_at="2026-03-01T09:00:00Z")
    response = api["staff"].post(url("funding-round-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "maximum_request": ["The largest request cannot be more than the budget envelope of £100,000.00."],
        "closes_at": ["The closing time must be after the opening time."],
    }


def test_publishing_without_criteria_is_a_400(api):
    funding_round = draft_round()
    response = api["staff"].patch(url("funding-round-detail", funding_round.pk), {"is_published": True}, format="json")
    assert response.status_code == 400
    assert "weights adding up to 0, not 100" in response.json()["is_published"][0]
    funding_round.refresh_from_db()
    assert not funding_round.is_published


def test_criteria_are_refused_once_applications_are_submitted(api):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    response = api["staff"].patch(
        url("funding-round-detail", funding_round.pk),
        {"criteria": [{"title": "Only", "weight": 100}], "title": "Renamed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "criteria": [
            "Applications have been submitted to this round, so its criteria cannot change: "
            "the assessors' scores refer to them."
        ]
    }
    funding_round.refresh_from_db()
    assert funding_round.title != "Renamed"  # the whole request is refused
    assert funding_round.criteria.count() == 3


def titles_of(client, **params) -> list[str]:
    return [row["title"] for row in client.get(url("funding-round-list"), params).json()["results"]]


def test_rounds_filter_by_status_and_fund(api):
    open_round = FundingRoundFactory(title="Open")
    closed_round(title="Closed")
    draft_round(title="Draft")
    assert titles_of(api["staff"], status="open") == ["Open"]
    assert titles_of(api["staff"], status="closed") == ["Closed"]
    assert titles_of(api["staff"], status="unpublished") == ["Draft"]
    assert titles_of(api["staff"], fund=open_round.fund_id) == ["Open"]
    assert titles_of(api["partner"], status="unpublished") == []
    response = api["staff"].get(url("funding-round-list"), {"status": "sideways"})
    assert response.status_code == 400
    assert "status" in response.json()
