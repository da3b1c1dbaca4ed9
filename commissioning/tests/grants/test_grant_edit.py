"""Changing a grant's agreement date, conditions and programme: recording the agreement releases the payments
due on signature."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning.models import ReturnIndicatorActual, TrancheStatus
from commissioning.services.grants import grant_update
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import grant_for, return_of, submitted
from programmes.tests.factories import IndicatorFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_recording_the_agreement_releases_the_payment_due_on_signature(people, org_a):
    grant = grant_for(org_a)
    staff = people["staff"]

    response = client_for(staff).post(
        reverse("commissioning:grant-edit", args=[grant.pk]),
        {"conditions": "  Quarterly returns on time.  ", "agreement_signed_on": "2026-04-10", "programme": ""},
        follow=True,
    )

    assert "payments due on signature of the agreement are released" in response.content.decode()
    grant.refresh_from_db()
    assert (grant.agreement_signed_on, grant.conditions) == (date(2026, 4, 10), "Quarterly returns on time.")
    first, second = grant.tranches.order_by("number")[:2]
    assert (first.status, first.released_by, first.released_at is not None) == (TrancheStatus.RELEASED, staff, True)
    assert second.status == TrancheStatus.SCHEDULED
    assert grant.history.first().history_user == staff


def test_a_future_agreement_date_is_refused_beside_the_field_and_in_the_summary(people, org_a):
    grant = grant_for(org_a)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client_for(people["staff"]).post(
        reverse("commissioning:grant-edit", args=[grant.pk]),
        {"conditions": "Typed conditions", "agreement_signed_on": tomorrow.isoformat(), "programme": ""},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count("The date the agreement was signed must be today or in the past.") == 2
    assert 'href="#id_agreement_signed_on"' in body
    assert "Typed conditions" in body  # what was typed is kept
    grant.refresh_from_db()
    assert grant.agreement_signed_on is None
    assert grant.tranches.get(number=1).status == TrancheStatus.SCHEDULED


def test_the_service_refuses_a_future_date_too(org_a, staff_user):
    grant = grant_for(org_a)
    with pytest.raises(ValidationError) as error:
        grant_update(
            grant=grant,
            user=staff_user,
            conditions="",
            agreement_signed_on=date(2026, 6, 2),
            programme=None,
            today=date(2026, 6, 1),
        )
    assert "agreement_signed_on" in error.value.message_dict


def test_the_agreement_date_cannot_be_removed_once_a_payment_was_released_on_it(org_a, staff_user):
    grant = grant_for(org_a)
    grant_update(grant=grant, user=staff_user, conditions="", agreement_signed_on=date(2026, 4, 10), programme=None)

    with pytest.raises(ValidationError) as error:
        grant_update(grant=grant, user=staff_user, conditions="", agreement_signed_on=None, programme=None)

    assert "payment 1 has been released on it" in error.value.message_dict["agreement_signed_on"][0]
    grant.refresh_from_db()
    assert grant.agreement_signed_on == date(2026, 4, 10)


def test_saving_again_releases_nothing_twice(org_a, staff_user, manager_user):
    grant = grant_for(org_a)
    grant_update(grant=grant, user=staff_user, conditions="", agreement_signed_on=date(2026, 4, 10), programme=None)
    grant_update(grant=grant, user=manager_user, conditions="x", agreement_signed_on=date(2026, 4, 9), programme=None)

    first = grant.tranches.get(number=1)
    assert (first.status, first.released_by) == (TrancheStatus.RELEASED, staff_user)


def test_linking_another_programme_drops_the_old_programmes_actuals_from_returns_still_being_written(
    org_a, staff_user, partner_user
):
    old, new = ProgrammeFactory(), ProgrammeFactory()
    old_indicator, new_indicator = IndicatorFactory(programme=old), IndicatorFactory(programme=new)
    grant = grant_for(org_a)
    grant_update(grant=grant, user=staff_user, conditions="", agreement_signed_on=None, programme=old)
    draft, sent = return_of(grant, 2), return_of(grant, 1)
    for monitoring_return in (draft, sent):
        ReturnIndicatorActual.objects.create(
            monitoring_return=monitoring_return, indicator=old_indicator, actual=Decimal("5")
        )
    submitted(sent, user=partner_user)

    grant_update(grant=grant, user=staff_user, conditions="", agreement_signed_on=None, programme=new)

    assert not draft.indicator_actuals.exists()
    assert sent.indicator_actuals.get().indicator == old_indicator  # a submitted return is left as sent
    grant.refresh_from_db()
    assert grant.programme == new
    assert new_indicator.return_actuals.count() == 0


def test_the_edit_page_offers_the_programmes(people, org_a):
    programme = ProgrammeFactory(title="Safer schools partnership")
    grant = grant_for(org_a)

    body = client_for(people["manager"]).get(reverse("commissioning:grant-edit", args=[grant.pk])).content.decode()

    assert "Safer schools partnership" in body
    assert f'value="{programme.pk}"' in body

    response = client_for(people["manager"]).post(
        reverse("commissioning:grant-edit", args=[grant.pk]),
        {"conditions": "", "agreement_signed_on": "", "programme": programme.pk},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.programme == programme
