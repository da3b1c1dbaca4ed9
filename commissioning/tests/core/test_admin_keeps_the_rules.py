"""The admin keeps the money rules: a superuser posting the real change forms cannot change a grant's
amount, dates or status, an application's status, a payment or a return; those change only through
admin actions that call the pages' services, whose refusals come back as admin messages; a fund's
total and allocations are saved by the fund services; nothing is added round the services."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from commissioning.models import (
    Application,
    ApplicationStatus,
    Fund,
    FundAllocation,
    Grant,
    GrantStatus,
    MonitoringReturn,
    ReturnStatus,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)
from commissioning.tests.factories import FundFactory, recommended_application
from commissioning.tests.grants.factories import grant_for, return_of, submitted
from partners.tests.factories import OrganisationFactory
from programmes.models import Objective
from vru.tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:commissioning_{model._meta.model_name}_{view}", args=args)


def post_change(client, obj, **changes):
    """Post the object's admin change form as shown, with ``changes`` typed over it; the page that follows
    (a redirect to the list when the admin saved, so its messages are read there)."""
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data, follow=True)


def saved(response) -> bool:
    return bool(response.redirect_chain)


def run_action(client, model, action: str, objects) -> list[str]:
    response = client.post(
        admin_url(model, "changelist"), {"action": action, "_selected_action": [obj.pk for obj in objects]}
    )
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def grant(db, manager_user):
    return grant_for(OrganisationFactory(), manager=manager_user)


def test_a_grants_amount_dates_and_status_cannot_be_changed_in_its_form(admin_client, grant):
    page = admin_client.get(admin_url(Grant, "change", grant.pk)).content.decode()
    assert 'name="amount"' not in page and 'name="status"' not in page and 'name="end_date"' not in page
    assert reverse("commissioning:grant-vary", args=[grant.pk]) in page
    awarded = Grant.objects.filter(fund=grant.fund).values_list("amount", flat=True)

    response = post_change(
        admin_client,
        grant,
        amount="2000000.00",
        status=GrantStatus.CLOSED,
        end_date="2030-03-31",
        title="Renamed in the admin",
    )

    assert saved(response)
    grant.refresh_from_db()
    assert (grant.amount, grant.status, str(grant.end_date)) == (Decimal("40000.00"), GrantStatus.ACTIVE, "2027-03-31")
    assert grant.title == "Renamed in the admin"  # what is not money or status still changes
    assert list(awarded) == [Decimal("40000.00")]


def test_an_application_cannot_be_set_awarded_in_its_form(admin_client):
    application = recommended_application()
    page = admin_client.get(admin_url(Application, "change", application.pk)).content.decode()
    assert 'name="status"' not in page
    assert 'name="budget_lines-0-amount"' not in page

    response = post_change(admin_client, application, status=ApplicationStatus.AWARDED, decided_at="2026-01-01")

    assert saved(response)
    application.refresh_from_db()
    assert (application.status, application.decided_at) == (ApplicationStatus.RECOMMENDED, None)
    assert not Grant.objects.filter(application=application).exists()


def test_a_payment_cannot_be_changed_in_its_form(admin_client, grant):
    tranche = grant.tranches.order_by("number").first()
    response = post_change(admin_client, tranche, amount="999999.00", status=TrancheStatus.PAID)

    assert saved(response)
    tranche.refresh_from_db()
    assert (tranche.amount, tranche.status) == (Decimal("10000.00"), TrancheStatus.SCHEDULED)


def test_releasing_payments_in_the_admin_goes_through_the_payment_service(admin_client, grant):
    automatic, manual = grant.tranches.order_by("number")[1:3]
    Tranche.objects.filter(pk=manual.pk).update(condition=TrancheCondition.MANUAL, condition_return=None)

    shown = run_action(admin_client, Tranche, "release_payments", [automatic, manual])

    assert f"{automatic}: Payment 2 is released automatically when its condition is met" in shown[0]
    assert shown[1] == "Payments released: 1."
    statuses = dict(Tranche.objects.filter(pk__in=[automatic.pk, manual.pk]).values_list("pk", "status"))
    assert statuses == {automatic.pk: TrancheStatus.SCHEDULED, manual.pk: TrancheStatus.RELEASED}
    assert Tranche.objects.get(pk=manual.pk).released_by.username == "admin"


def test_marking_a_payment_paid_before_its_release_is_refused_with_the_services_message(admin_client, grant):
    scheduled = grant.tranches.order_by("number")[1]

    shown = run_action(admin_client, Tranche, "mark_payments_paid_today", [scheduled])

    assert shown == [f"{scheduled}: Payment 2 has not been released yet: it can be marked paid once it is."]
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.paid_on) == (TrancheStatus.SCHEDULED, None)


def test_a_return_is_accepted_only_through_the_review_service(admin_client, grant, partner_user):
    draft, waiting = return_of(grant, 2), return_of(grant, 1)
    submitted(waiting, user=partner_user)
    response = post_change(admin_client, draft, status=ReturnStatus.ACCEPTED)
    assert saved(response)
    draft.refresh_from_db()
    assert draft.status == ReturnStatus.DRAFT

    shown = run_action(admin_client, MonitoringReturn, "accept_returns", [draft, waiting])

    assert f"{draft}: Only a submitted return can be reviewed" in shown[0]
    assert shown[1] == "Returns accepted: 1."
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert (waiting.status, draft.status) == (ReturnStatus.ACCEPTED, ReturnStatus.DRAFT)
    # As on the review page, the payment waiting on the accepted return is released.
    assert waiting.tranches.get().status == TrancheStatus.RELEASED


@pytest.mark.parametrize("model", [Grant, Application, Tranche, MonitoringReturn])
def test_nothing_with_money_or_a_status_is_added_in_the_admin(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 403


def test_grants_payments_and_returns_are_not_deleted_in_the_admin(admin_client, grant):
    for obj in (grant, grant.tranches.first(), return_of(grant)):
        assert admin_client.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert (Grant.objects.count(), Tranche.objects.count(), MonitoringReturn.objects.count()) == (1, 4, 4)


def test_a_funds_total_cannot_go_below_what_it_has_awarded_and_nothing_is_saved(admin_client, grant):
    fund = grant.fund
    before = fund.total

    response = post_change(admin_client, fund, total="39999.99", name="Renamed")

    page = response.content.decode()
    assert not saved(response)
    assert "£40,000.00 has already been awarded from this fund" in page
    assert 'id="id_total"' in page[page.index("£40,000.00 has already been awarded") - 2000 :]
    fund.refresh_from_db()
    assert (fund.total, fund.name) == (before, grant.fund.name)


def test_a_fund_added_in_the_admin_is_made_by_the_fund_service(admin_client):
    objective = Objective.objects.get(number=1)
    data = {
        "name": "Summer fund",
        "source": "Home Office",
        "financial_year": "2026",
        "total": "-1.00",
        "description": "",
        "allocations-TOTAL_FORMS": "1",
        "allocations-INITIAL_FORMS": "0",
        "allocations-0-objective": objective.pk,
        "allocations-0-amount": "500.00",
    }
    response = admin_client.post(admin_url(Fund, "add"), data)
    assert "The total cannot be less than £0." in response.content.decode()
    assert not Fund.objects.filter(name="Summer fund").exists()

    response = admin_client.post(admin_url(Fund, "add"), {**data, "total": "1000.00"})

    assert response.status_code == 302
    fund = Fund.objects.get(name="Summer fund")
    assert fund.history.get().history_user.username == "admin"
    assert list(fund.allocations.values_list("objective__number", "amount")) == [(1, Decimal("500.00"))]


def test_lowering_a_funds_total_and_its_allocations_together_keeps_them_in_step(admin_client):
    fund = FundFactory(total=Decimal("1000.00"))
    allocation = FundAllocation.objects.create(fund=fund, objective=Objective.objects.get(number=1), amount=900)
    fund.rounds.all().delete()

    response = post_change(admin_client, fund, **{"total": "500.00", "allocations-0-amount": "400.00"})

    assert saved(response)
    fund.refresh_from_db()
    allocation.refresh_from_db()
    assert (fund.total, allocation.amount) == (Decimal("500.00"), Decimal("400.00"))
