"""Reviewing a return: accepting locks it for good and releases the payments waiting on it (by the person
accepting); returning needs a note saying what to change."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning.models import ReturnStatus, TrancheStatus
from commissioning.services.returns import (
    RETURN_LOCKED,
    return_accept,
    return_save,
    return_send_back,
    return_submit,
)
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import AFTER_Q1, grant_for, return_of, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(org_a, people):
    """The grant's Q1 return, submitted by the grantee."""
    return submitted(return_of(grant_for(org_a)), user=people["partner"])


def test_accepting_locks_the_return_and_releases_its_payment(people, sent):
    grant = sent.grant

    response = client_for(people["staff"]).post(
        reverse("commissioning:return-review", args=[sent.pk]), {"decision": "accept", "note": ""}, follow=True
    )

    body = response.content.decode()
    assert "The 2026-27 Q1 return is accepted and locked." in body
    assert "This return is accepted and locked" in body
    sent.refresh_from_db()
    assert (sent.status, sent.reviewed_by) == (ReturnStatus.ACCEPTED, people["staff"])
    assert sent.reviewed_at is not None
    payment = grant.tranches.get(condition_return=sent)
    assert (payment.number, payment.status, payment.released_by) == (2, TrancheStatus.RELEASED, people["staff"])
    assert payment.history.first().history_change_reason == "2026-27 Q1 return accepted"
    others = grant.tranches.exclude(pk=payment.pk).values_list("status", flat=True)
    assert set(others) == {TrancheStatus.SCHEDULED}
    # Who accepted it, and when, is shown to the grantee too.
    partner_view = client_for(people["partner"]).get(sent.get_absolute_url()).content.decode()
    assert "Accepted</dt>" in partner_view and "by Staff Persona" in partner_view


def test_an_accepted_return_can_never_change_again(people, sent):
    return_accept(monitoring_return=sent, user=people["staff"])

    for attempt in (
        lambda: return_save(monitoring_return=sent, user=people["partner"], progress="Edit"),
        lambda: return_submit(monitoring_return=sent, user=people["partner"], today=AFTER_Q1),
        lambda: return_accept(monitoring_return=sent, user=people["manager"]),
        lambda: return_send_back(monitoring_return=sent, user=people["manager"], note="Redo it"),
    ):
        with pytest.raises(ValidationError):
            attempt()
    with pytest.raises(ValidationError) as error:
        return_save(monitoring_return=sent, user=people["partner"], progress="Edit")
    assert error.value.messages == [RETURN_LOCKED]
    sent.refresh_from_db()
    assert (sent.status, sent.reviewed_by, sent.progress) == (
        ReturnStatus.ACCEPTED,
        people["staff"],
        "Ran twelve sessions in two youth clubs.",
    )
    response = client_for(people["manager"]).post(
        reverse("commissioning:return-review", args=[sent.pk]), {"decision": "return", "note": "Redo"}
    )
    assert response.status_code == 403
    assert "This return is locked" in response.content.decode()


def test_returning_needs_a_note(people, sent):
    response = client_for(people["staff"]).post(
        reverse("commissioning:return-review", args=[sent.pk]), {"decision": "return", "note": " "}
    )

    body = response.content.decode()
    assert body.count("Enter a note saying what the grantee must change.") == 2
    sent.refresh_from_db()
    assert sent.status == ReturnStatus.SUBMITTED
    with pytest.raises(ValidationError) as error:
        return_send_back(monitoring_return=sent, user=people["staff"], note="")
    assert "note" in error.value.message_dict


def test_a_returned_return_goes_back_to_the_grantee_with_the_note(people, sent):
    response = client_for(people["staff"]).post(
        reverse("commissioning:return-review", args=[sent.pk]),
        {"decision": "return", "note": "Split the spend by budget line."},
        follow=True,
    )

    assert "sent back to Southside Youth Trust with your note" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.status, sent.review_note, sent.reviewed_by) == (
        ReturnStatus.RETURNED,
        "Split the spend by budget line.",
        people["staff"],
    )
    assert sent.grant.tranches.get(condition_return=sent).status == TrancheStatus.SCHEDULED
    body = client_for(people["partner"]).get(sent.get_absolute_url()).content.decode()
    assert "returned this return for revision" in body
    assert "Split the spend by budget line." in body


def test_the_review_page_asks_for_a_decision(people, sent):
    response = client_for(people["staff"]).post(reverse("commissioning:return-review", args=[sent.pk]), {})

    body = response.content.decode()
    assert body.count("Choose whether to accept the return or return it for revision.") == 2
    assert 'href="#id_decision_0"' in body


def test_only_a_submitted_return_is_reviewed(org_a, staff_user):
    draft = return_of(grant_for(org_a), 2)
    with pytest.raises(ValidationError, match="Only a submitted return can be reviewed"):
        return_accept(monitoring_return=draft, user=staff_user)


def test_accepting_the_last_quarters_return_releases_nothing(org_a, people):
    grant = grant_for(org_a)
    q4 = return_of(grant, 4)
    return_save(monitoring_return=q4, user=people["partner"], progress="Final quarter.")
    return_submit(monitoring_return=q4, user=people["partner"], today=date(2027, 4, 1))
    return_accept(monitoring_return=q4, user=people["staff"])

    assert set(grant.tranches.values_list("status", flat=True)) == {TrancheStatus.SCHEDULED}
