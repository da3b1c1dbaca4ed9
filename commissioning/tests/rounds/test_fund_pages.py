"""The funds and ledger pages as staff use them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.models import Fund, Tranche, TrancheStatus
from commissioning.tests.factories import FundFactory, FundingRoundFactory, awarded_grant
from commissioning.tests.rounds.factories import FundAllocationFactory
from commissioning.tests.rounds.pages import error_summary, text_of
from programmes.models import Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(manager_user):
    """Two funds: one with a grant of £40,000 of which a first tranche is paid, and one untouched."""
    core = FundFactory(name="VRU core budget", total=Decimal("100000.00"), financial_year=2026)
    FundFactory(name="MOPAC safer schools", total=Decimal("50000.00"), financial_year=2025)
    grant = awarded_grant(manager=manager_user, amount=Decimal("40000.00"), round__fund=core)
    first = grant.tranches.order_by("number").first()
    Tranche.objects.filter(pk=first.pk).update(status=TrancheStatus.PAID, paid_on=date(2026, 4, 2))
    FundAllocationFactory(fund=core, objective=grant.objective, amount=Decimal("60000.00"))
    return {"core": core, "grant": grant, "paid": first.amount}


def test_the_funds_page_shows_each_funds_ledger_and_the_totals(staff_client, ledger):
    response = staff_client.get(reverse("commissioning:fund-list"))
    text = text_of(response)
    paid = f"£{ledger['paid']:,.2f}"
    assert f"VRU core budget MOPAC 2026-27 £100,000.00 £40,000.00 {paid} £60,000.00" in text
    assert "MOPAC safer schools MOPAC 2025-26 £50,000.00 £0.00 £0.00 £50,000.00" in text
    assert f"All funds £150,000.00 £40,000.00 {paid} £110,000.00" in text
    objective = ledger["grant"].objective
    assert f"{objective} £60,000.00 £40,000.00 {paid} £20,000.00" in text
    assert f"All objectives £60,000.00 £40,000.00 {paid} £20,000.00" in text


def test_an_objective_awarded_more_than_was_set_aside_is_marked_overcommitted(staff_client, ledger):
    Fund.objects.get(pk=ledger["core"].pk).allocations.update(amount=Decimal("30000.00"))
    text = text_of(staff_client.get(reverse("commissioning:fund-list")))
    assert "-£10,000.00 Overcommitted" in text


def test_the_ledger_downloads_as_csv_and_xlsx(staff_client, ledger):
    response = staff_client.get(reverse("commissioning:fund-ledger-export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.getvalue().decode().splitlines()
    assert lines[0] == "Ledger,Name,Source,Financial year,Total,Awarded,Paid,Available"
    assert "Fund,VRU core budget,MOPAC,2026-27,100000.00,40000.00" in lines[1]
    assert sum(line.startswith("Objective,") for line in lines) == Objective.objects.count()
    response = staff_client.get(reverse("commissioning:fund-ledger-export", args=["xlsx"]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert staff_client.get(reverse("commissioning:fund-ledger-export", args=["pdf"])).status_code == 404


def test_a_funds_page_shows_its_ledger_objectives_rounds_and_grants(staff_client, ledger):
    core = ledger["core"]
    FundingRoundFactory(fund=core, title="Holiday activities")
    response = staff_client.get(reverse("commissioning:fund-detail", args=[core.pk]))
    text = text_of(response)
    assert "Awarded £40,000.00 in 1 grant" in text
    assert "Available to award £60,000.00" in text
    assert "Holiday activities" in text
    assert ledger["grant"].application.round.title in text
    assert f"{ledger['grant'].objective} £60,000.00 £40,000.00" in text
    assert staff_client.get(reverse("commissioning:fund-detail", args=[core.pk + 999])).status_code == 404


def test_staff_add_a_fund(staff_client, staff_user):
    response = staff_client.post(
        reverse("commissioning:fund-create"),
        {"name": "Home Office grant", "source": "Home Office", "financial_year": "2026", "total": "£1,250,000.50"},
    )
    fund = Fund.objects.get(name="Home Office grant")
    assert response.status_code == 302
    assert response.url == fund.get_absolute_url()
    assert fund.total == Decimal("1250000.50")
    assert fund.history.get().history_user == staff_user


def test_a_fund_with_mistakes_shows_them_beside_the_fields_and_in_the_summary_keeping_what_was_typed(staff_client):
    FundFactory(name="Taken")
    response = staff_client.post(
        reverse("commissioning:fund-create"),
        {"name": "Taken", "source": "", "financial_year": "26", "total": "lots"},
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        "A fund with this name already exists.",
        "Enter where the money comes from.",
        "Enter a financial year from 2000 to 2100.",
        "Enter the total as an amount in pounds, like 25000 or 25,000.50.",
    ]
    html = response.content.decode()
    assert '<p id="id_total-error" class="govuk-error-message">' in html
    assert 'value="lots"' in html
    assert html.count("govuk-form-group--error") == 4
    assert "<title>Error: Add a fund" in html
    assert Fund.objects.count() == 1


def test_editing_a_fund_refuses_a_total_below_what_is_awarded(staff_client, ledger):
    core = ledger["core"]
    data = {"name": core.name, "source": core.source, "financial_year": "2026", "total": "30000"}
    response = staff_client.post(reverse("commissioning:fund-edit", args=[core.pk]), data)
    assert error_summary(response) == [
        "£40,000.00 has already been awarded from this fund, so its total cannot be less than that."
    ]
    assert 'value="30000"' in response.content.decode()
    core.refresh_from_db()
    assert core.total == Decimal("100000.00")


def test_the_edit_page_starts_with_the_funds_details(staff_client):
    fund = FundFactory(name="Core", total=Decimal("5000.00"))
    html = staff_client.get(reverse("commissioning:fund-edit", args=[fund.pk])).content.decode()
    assert 'value="Core"' in html
    assert 'value="5000.00"' in html


def test_allocations_are_set_for_each_objective(staff_client):
    fund = FundFactory(total=Decimal("100000.00"))
    one, two = Objective.objects.filter(number__in=[1, 2]).order_by("number")
    FundAllocationFactory(fund=fund, objective=two, amount=Decimal("5000.00"))
    url = reverse("commissioning:fund-allocations", args=[fund.pk])
    html = staff_client.get(url).content.decode()
    assert f'name="objective_{two.pk}"' in html and 'value="5000.00"' in html
    response = staff_client.post(url, {f"objective_{one.pk}": "60,000", f"objective_{two.pk}": ""})
    assert response.status_code == 302
    assert dict(fund.allocations.values_list("objective_id", "amount")) == {one.pk: Decimal("60000.00")}


def test_allocations_past_the_total_are_refused_with_the_sum_and_what_was_typed_kept(staff_client):
    fund = FundFactory(total=Decimal("100000.00"))
    one, two = Objective.objects.filter(number__in=[1, 2]).order_by("number")
    response = staff_client.post(
        reverse("commissioning:fund-allocations", args=[fund.pk]),
        {f"objective_{one.pk}": "60000", f"objective_{two.pk}": "50000"},
    )
    message = (
        "The allocations add up to £110,000.00, which is more than the fund's total of £100,000.00. "
        "Reduce them by £10,000.00."
    )
    assert error_summary(response) == [message]
    html = response.content.decode()
    first = Objective.objects.order_by("number").first()
    assert f'<a href="#id_objective_{first.pk}">' in html
    assert 'id="allocations-error"' in html
    assert f"Error: {message}" in text_of(response)
    assert 'value="50000"' in html
    assert not fund.allocations.exists()


def test_a_negative_allocation_is_an_error_beside_its_objective(staff_client):
    fund = FundFactory()
    objective = Objective.objects.get(number=3)
    response = staff_client.post(
        reverse("commissioning:fund-allocations", args=[fund.pk]), {f"objective_{objective.pk}": "-5"}
    )
    assert error_summary(response) == ["The allocation to objective 3 cannot be less than £0."]
    assert f'id="id_objective_{objective.pk}-error"' in response.content.decode()


def test_a_funds_page_shows_who_changed_it_and_its_allocations(staff_client, staff_user):
    fund = FundFactory(name="Core", total=Decimal("100.00"))
    data = {"name": "Core", "source": "MOPAC", "financial_year": "2026", "total": "150"}
    staff_client.post(reverse("commissioning:fund-edit", args=[fund.pk]), data)
    objective = Objective.objects.get(number=2)
    staff_client.post(reverse("commissioning:fund-allocations", args=[fund.pk]), {f"objective_{objective.pk}": "50"})
    text = text_of(staff_client.get(fund.get_absolute_url()))
    history = text[text.index("Change history") :]
    who = staff_user.get_full_name()
    assert f"{who} Created: Set aside for {objective} " in history
    assert f"{who} Changed: Fund Total: £100.00 → £150.00" in history
