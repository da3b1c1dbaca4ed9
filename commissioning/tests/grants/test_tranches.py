"""Payments: a payment whose condition is a VRU confirmation is released by hand, once, with a note kept in
the history; a released payment is marked paid once, with a date not in the future."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Tranche, TrancheCondition, TrancheStatus
from commissioning.services.grants import tranche_pay, tranche_release
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import grant_for

pytestmark = pytest.mark.django_db


def manual(grant, number=1):
    tranche = grant.tranches.get(number=number)
    tranche.condition = TrancheCondition.MANUAL
    tranche.save()
    return tranche


def test_staff_release_a_manual_payment_with_a_note(people, org_a):
    grant = grant_for(org_a)
    tranche = manual(grant)

    response = client_for(people["staff"]).post(
        reverse("commissioning:tranche-release", args=[grant.pk, tranche.pk]),
        {"note": "Safeguarding policy received."},
        follow=True,
    )

    assert "Payment 1 of £10,000.00 is released." in response.content.decode()
    tranche.refresh_from_db()
    assert (tranche.status, tranche.released_by) == (TrancheStatus.RELEASED, people["staff"])
    assert tranche.history.first().history_change_reason == "Safeguarding policy received."
    assert any(entry.reason == "Safeguarding policy received." for entry in response.context["history"])


def test_a_payment_released_by_its_condition_cannot_be_released_by_hand(org_a, staff_user):
    grant = grant_for(org_a)

    with pytest.raises(ValidationError) as error:
        tranche_release(tranche=grant.tranches.get(number=2), user=staff_user)

    assert "released automatically when its condition is met (monitoring return accepted)" in error.value.messages[0]
    assert grant.tranches.get(number=2).status == TrancheStatus.SCHEDULED


def test_a_payment_is_released_once(org_a, staff_user, manager_user):
    tranche = manual(grant_for(org_a))
    tranche_release(tranche=tranche, user=staff_user)

    with pytest.raises(ValidationError, match="already been released"):
        tranche_release(tranche=tranche, user=manager_user)
    tranche.refresh_from_db()
    assert tranche.released_by == staff_user


def test_the_release_note_is_at_most_100_characters(people, org_a):
    grant = grant_for(org_a)
    tranche = manual(grant)

    response = client_for(people["staff"]).post(
        reverse("commissioning:tranche-release", args=[grant.pk, tranche.pk]), {"note": "x" * 101}
    )

    assert "The note must be 100 characters or fewer." in response.content.decode()
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.SCHEDULED


def test_releasing_an_automatic_or_released_payment_on_its_page_is_forbidden(people, org_a):
    grant = grant_for(org_a)
    client = client_for(people["staff"])

    assert (
        client.get(
            reverse("commissioning:tranche-release", args=[grant.pk, grant.tranches.get(number=2).pk])
        ).status_code
        == 403
    )
    tranche = manual(grant)
    tranche_release(tranche=tranche, user=people["staff"])
    assert client.post(reverse("commissioning:tranche-release", args=[grant.pk, tranche.pk])).status_code == 403


def test_a_payment_of_another_grant_is_not_found_under_this_one(people, org_a):
    grant, other = grant_for(org_a), grant_for(org_a)
    tranche = manual(other)

    response = client_for(people["staff"]).get(reverse("commissioning:tranche-release", args=[grant.pk, tranche.pk]))

    assert response.status_code == 404


def test_staff_mark_a_released_payment_paid(people, org_a):
    grant = grant_for(org_a)
    tranche = manual(grant)
    tranche_release(tranche=tranche, user=people["staff"])
    paid_on = timezone.localdate() - timedelta(days=2)

    response = client_for(people["manager"]).post(
        reverse("commissioning:tranche-pay", args=[grant.pk, tranche.pk]), {"paid_on": paid_on.isoformat()}, follow=True
    )

    assert "Payment 1 of £10,000.00 is marked paid." in response.content.decode()
    tranche.refresh_from_db()
    assert (tranche.status, tranche.paid_on, tranche.paid_by) == (TrancheStatus.PAID, paid_on, people["manager"])


def test_the_paid_date_is_needed_and_not_in_the_future(people, org_a):
    grant = grant_for(org_a)
    tranche = manual(grant)
    tranche_release(tranche=tranche, user=people["staff"])
    url = reverse("commissioning:tranche-pay", args=[grant.pk, tranche.pk])
    client = client_for(people["staff"])

    empty = client.post(url, {"paid_on": ""}).content.decode()
    future = client.post(url, {"paid_on": (timezone.localdate() + timedelta(days=1)).isoformat()}).content.decode()

    assert empty.count("Enter the date the payment was made.") == 2
    assert future.count("The date the payment was made must be today or in the past.") == 2
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.RELEASED


def test_only_a_released_payment_is_paid_and_only_once(org_a, staff_user):
    tranche = manual(grant_for(org_a))

    with pytest.raises(ValidationError, match="has not been released yet"):
        tranche_pay(tranche=tranche, user=staff_user, paid_on=date(2026, 5, 1))
    tranche_release(tranche=tranche, user=staff_user)
    tranche_pay(tranche=tranche, user=staff_user, paid_on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="was marked paid on 1 May 2026"):
        tranche_pay(tranche=tranche, user=staff_user, paid_on=date(2026, 5, 2))
    with pytest.raises(ValidationError) as error:
        tranche_pay(tranche=manual(tranche.grant, 2), user=staff_user, paid_on=None)
    assert "not been released" in error.value.messages[0]
    assert Tranche.objects.get(pk=tranche.pk).paid_on == date(2026, 5, 1)


def test_the_service_refuses_a_future_paid_date(org_a, staff_user):
    tranche = manual(grant_for(org_a))
    tranche_release(tranche=tranche, user=staff_user)

    with pytest.raises(ValidationError) as error:
        tranche_pay(tranche=tranche, user=staff_user, paid_on=date(2026, 5, 2), today=date(2026, 5, 1))
    assert "paid_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        tranche_pay(tranche=tranche, user=staff_user, paid_on=None)
    assert error.value.message_dict["paid_on"] == ["Enter the date the payment was made."]
