"""The admin for grants, tranches, variations and returns: every page opens for an admin, with the
change history; grants are never added here, variations are read only."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Grant, GrantVariation, MonitoringReturn, Tranche
from commissioning.services.grants import grant_vary
from commissioning.services.returns import SpendRow
from commissioning.tests.grants.factories import grant_for, return_of, submitted

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:commissioning_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def grant(org_a, people):
    grant = grant_for(org_a)
    monitoring_return = return_of(grant)
    line = grant.application.budget_lines.first()
    submitted(monitoring_return, user=people["partner"], spend=[SpendRow(line.pk, Decimal("100"))])
    grant_vary(grant=grant, user=people["manager"], reason="More sessions.", amount=Decimal("41000.00"))
    return grant


def test_every_admin_page_opens(admin_client, grant):
    monitoring_return = return_of(grant)
    tranche = grant.tranches.first()
    variation = GrantVariation.objects.get()
    pages = [
        admin_url(Grant, "changelist"),
        admin_url(Grant, "changelist") + "?q=" + grant.identifier,
        admin_url(Grant, "change", grant.pk),
        admin_url(Grant, "history", grant.pk),
        admin_url(Tranche, "changelist"),
        admin_url(Tranche, "change", tranche.pk),
        admin_url(Tranche, "history", tranche.pk),
        admin_url(GrantVariation, "changelist"),
        admin_url(GrantVariation, "change", variation.pk),
        admin_url(MonitoringReturn, "changelist"),
        admin_url(MonitoringReturn, "changelist") + "?overdue=yes",
        admin_url(MonitoringReturn, "change", monitoring_return.pk),
        admin_url(MonitoringReturn, "history", monitoring_return.pk),
    ]
    for url in pages:
        assert admin_client.get(url).status_code == 200, url


def test_the_grant_page_shows_its_payments_and_variations(admin_client, grant):
    body = admin_client.get(admin_url(Grant, "change", grant.pk)).content.decode()

    assert "More sessions." in body
    assert body.count('name="tranches-') > 4
    assert 'name="variations-0-reason"' not in body  # read only


def test_the_return_page_shows_its_figures(admin_client, grant):
    body = admin_client.get(admin_url(MonitoringReturn, "change", return_of(grant).pk)).content.decode()

    # Spend is money: shown, never an input (see test_admin_keeps_the_rules.py).
    assert 'name="spend-0-amount"' not in body
    assert "<p>Staff: Two youth workers</p>" in body and "<p>100.00</p>" in body
    assert "reach-TOTAL_FORMS" in body and "indicator_actuals-TOTAL_FORMS" in body


def test_grants_are_not_added_and_variations_not_changed_in_the_admin(admin_client, grant):
    variation = GrantVariation.objects.get()

    assert admin_client.get(admin_url(Grant, "add")).status_code == 403
    assert admin_client.get(admin_url(GrantVariation, "add")).status_code == 403
    admin_client.post(admin_url(GrantVariation, "change", variation.pk), {"reason": "Rewritten"})
    variation.refresh_from_db()
    assert variation.reason == "More sessions."


def test_the_overdue_filter(admin_client, grant):
    response = admin_client.get(admin_url(MonitoringReturn, "changelist") + "?overdue=yes")

    listed = {r.pk for r in response.context["cl"].result_list}
    assert listed == set(MonitoringReturn.objects.overdue(timezone.localdate()).values_list("pk", flat=True))


@pytest.mark.parametrize("role", ["staff", "manager", "partner"])
def test_only_admins_open_the_admin(people, grant, role, client):
    client.force_login(people[role])
    assert client.get(admin_url(Grant, "changelist")).status_code == 302
