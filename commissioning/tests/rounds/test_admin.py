"""The Django admin for funds and rounds: its pages answer, and a correction there keeps the same rules."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Fund, FundingRound
from commissioning.tests.factories import FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.factories import FundAllocationFactory, submitted_application
from programmes.models import Objective

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:commissioning_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def inline(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def fund_form(fund, **changes) -> dict:
    data = {
        "name": fund.name,
        "source": fund.source,
        "financial_year": fund.financial_year,
        "total": str(fund.total),
        "description": "",
        **inline("allocations", []),
    }
    data.update(changes)
    return data


def round_form(funding_round, *, criteria=None, questions=None, **changes) -> dict:
    opens, closes = timezone.localtime(funding_round.opens_at), timezone.localtime(funding_round.closes_at)
    data = {
        "fund": funding_round.fund_id,
        "title": funding_round.title,
        "summary": funding_round.summary,
        "is_published": "on" if funding_round.is_published else "",
        "objectives": [o.pk for o in funding_round.objectives.all()],
        "geography_level": funding_round.geography_level,
        "budget_envelope": str(funding_round.budget_envelope),
        "minimum_request": str(funding_round.minimum_request),
        "maximum_request": str(funding_round.maximum_request),
        "opens_at_0": opens.strftime("%Y-%m-%d"),
        "opens_at_1": opens.strftime("%H:%M:%S"),
        "closes_at_0": closes.strftime("%Y-%m-%d"),
        "closes_at_1": closes.strftime("%H:%M:%S"),
        "guidance": funding_round.guidance,
    }
    existing = list(funding_round.criteria.order_by("order"))
    rows = (
        criteria
        if criteria is not None
        else [
            {"id": c.pk, "round": funding_round.pk, "order": c.order, "title": c.title, "weight": c.weight}
            for c in existing
        ]
    )
    data.update(inline("criteria", rows, initial=len(existing)))
    existing_questions = list(funding_round.questions.order_by("order"))
    question_rows = (
        questions
        if questions is not None
        else [
            {
                "id": q.pk,
                "round": funding_round.pk,
                "order": q.order,
                "text": q.text,
                "required": "on" if q.required else "",
            }
            for q in existing_questions
        ]
    )
    data.update(inline("questions", question_rows, initial=len(existing_questions)))
    data = {key: value for key, value in data.items() if value != ""}
    data.update(changes)
    return data


def test_every_admin_page_answers(admin_client):
    funding_round = FundingRoundFactory()
    FundAllocationFactory(fund=funding_round.fund)
    for model, obj in ((Fund, funding_round.fund), (FundingRound, funding_round)):
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        assert admin_client.get(admin_url(model, "add")).status_code == 200
        assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
        assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200
    response = admin_client.get(admin_url(FundingRound, "changelist"), {"is_published__exact": "1", "q": "Funding"})
    assert funding_round.title in response.content.decode()


def test_the_admin_refuses_a_fund_total_below_what_is_awarded_or_a_rounds_envelope(admin_client, manager_user):
    fund = FundFactory(total=Decimal("1000000.00"))
    awarded_grant(manager=manager_user, amount=Decimal("40000.00"), round__fund=fund)
    response = admin_client.post(admin_url(Fund, "change", fund.pk), fund_form(fund, total="400000.00"))
    assert response.status_code == 200
    assert "has a budget envelope of £500,000.00" in response.content.decode()
    response = admin_client.post(admin_url(Fund, "change", fund.pk), fund_form(fund, total="30000.00"))
    assert "£40,000.00 has already been awarded from this fund" in response.content.decode()
    fund.refresh_from_db()
    assert fund.total == Decimal("1000000.00")


def test_the_admin_refuses_allocations_past_the_total(admin_client):
    fund = FundFactory(total=Decimal("100.00"))
    one, two = Objective.objects.filter(number__in=[1, 2]).order_by("number")
    rows = [{"objective": one.pk, "amount": "60.00"}, {"objective": two.pk, "amount": "41.00"}]
    response = admin_client.post(admin_url(Fund, "change", fund.pk), fund_form(fund, **inline("allocations", rows)))
    assert response.status_code == 200
    assert "The allocations add up to £101.00" in response.content.decode()
    assert not fund.allocations.exists()
    rows[1]["amount"] = "40.00"
    response = admin_client.post(admin_url(Fund, "change", fund.pk), fund_form(fund, **inline("allocations", rows)))
    assert response.status_code == 302
    assert fund.allocations.count() == 2


def test_the_admin_keeps_criteria_weights_at_100(admin_client):
    funding_round = FundingRoundFactory()
    data = round_form(funding_round)
    data["criteria-0-weight"] = "40"
    response = admin_client.post(admin_url(FundingRound, "change", funding_round.pk), data)
    assert response.status_code == 200
    assert "The weights add up to 90." in response.content.decode()
    data["criteria-1-weight"] = "40"
    response = admin_client.post(admin_url(FundingRound, "change", funding_round.pk), data)
    assert response.status_code == 302
    assert list(funding_round.criteria.order_by("order").values_list("weight", flat=True)) == [40, 40, 20]


def test_the_admin_refuses_changed_criteria_once_applications_are_submitted(admin_client):
    funding_round = FundingRoundFactory()
    submitted_application(round=funding_round)
    data = round_form(funding_round)
    data["criteria-0-title"] = "Renamed"
    response = admin_client.post(admin_url(FundingRound, "change", funding_round.pk), data)
    assert "so its criteria cannot change" in response.content.decode()
    assert not funding_round.criteria.filter(title="Renamed").exists()
    data = round_form(funding_round, title="A new title is fine")
    assert admin_client.post(admin_url(FundingRound, "change", funding_round.pk), data).status_code == 302


def test_the_admin_keeps_a_rounds_requests_within_its_envelope(admin_client):
    funding_round = FundingRoundFactory()
    data = round_form(funding_round, maximum_request="600000.00")
    response = admin_client.post(admin_url(FundingRound, "change", funding_round.pk), data)
    assert "The largest request cannot be more than the budget envelope of £500,000.00." in response.content.decode()
    funding_round.refresh_from_db()
    assert funding_round.maximum_request == Decimal("100000.00")
