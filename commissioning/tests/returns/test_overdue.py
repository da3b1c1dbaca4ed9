"""Chasing overdue returns: a return not submitted by its due date (14 days after its quarter) is overdue;
the daily task emails the organisation's people once and sends VRU staff one digest."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from commissioning.models import MonitoringReturn, ReturnStatus
from commissioning.services.returns import overdue_returns_chase
from commissioning.tasks import chase_overdue_returns
from commissioning.tests.grants.conftest import client_for
from commissioning.tests.grants.factories import grant_for, return_of
from partners.tests.factories import partner_of
from vru.celery import app

pytestmark = pytest.mark.django_db


def due(monitoring_return, days_from_today: int, status=ReturnStatus.DRAFT):
    monitoring_return.due_on = timezone.localdate() + timedelta(days=days_from_today)
    monitoring_return.status = status
    monitoring_return.save()
    return monitoring_return


@pytest.fixture
def grant(org_a):
    """A grant whose returns are not yet due, so each test makes the ones it needs overdue."""
    grant = grant_for(org_a)
    MonitoringReturn.objects.filter(grant=grant).update(due_on=timezone.localdate() + timedelta(days=60))
    return grant


def run_task():
    """The task as a worker runs it (eagerly here), with its after-commit emails sent."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return chase_overdue_returns.delay().get()


def test_a_return_due_yesterday_is_overdue_and_one_due_today_is_not(grant, partner_user, staff_user):
    yesterday = due(return_of(grant, 1), -1)
    today = due(return_of(grant, 2), 0)

    assert run_task() == 1

    yesterday.refresh_from_db()
    today.refresh_from_db()
    assert yesterday.overdue_notice_sent_at is not None
    assert today.overdue_notice_sent_at is None
    assert list(MonitoringReturn.objects.overdue(timezone.localdate())) == [yesterday]


def test_the_organisation_is_emailed_once_over_two_runs(grant, org_a, partner_user, staff_user, manager_user, settings):
    settings.SITE_URL = "https://vru.example.org"
    colleague = partner_of(org_a, username="colleague")
    due(return_of(grant, 1), -1)

    run_task()
    run_task()

    to_organisation = [m for m in mail.outbox if partner_user.email in m.to]
    assert len(to_organisation) == 1
    message = to_organisation[0]
    assert sorted(message.to) == sorted([partner_user.email, colleague.email])
    assert message.subject == "A monitoring return is overdue: Southside Youth Trust"
    assert grant.identifier in message.body
    assert "2026-27 Q1 (Apr to Jun 2026)" in message.body
    link = "https://vru.example.org" + reverse("commissioning:return-detail", args=[return_of(grant, 1).pk])
    assert link in message.body
    digests = [m for m in mail.outbox if staff_user.email in m.to]
    assert len(digests) == 1
    assert len(mail.outbox) == 2
    assert manager_user.email in digests[0].to
    assert partner_user.email not in digests[0].to
    assert digests[0].subject == "1 monitoring return newly overdue"


def test_the_digest_lists_only_the_returns_newly_overdue(grant, org_b, partner_user, staff_user):
    due(return_of(grant, 1), -20)
    run_task()
    mail.outbox.clear()
    other = grant_for(org_b)
    MonitoringReturn.objects.filter(grant=other).update(due_on=timezone.localdate() + timedelta(days=60))
    newly = due(return_of(other, 1), -1)
    due(return_of(grant, 2), -1)

    assert run_task() == 2

    digest = next(m for m in mail.outbox if staff_user.email in m.to)
    assert digest.subject == "2 monitoring returns newly overdue"
    assert other.identifier in digest.body and "Northside Boxing Club" in digest.body
    assert "NOT EMAILED" in digest.body  # nobody at org B has an account
    assert return_of(grant, 2).get_absolute_url() in digest.body
    assert return_of(grant, 1).get_absolute_url() not in digest.body  # chased on the first run
    newly.refresh_from_db()
    assert newly.overdue_notice_sent_at is not None


def test_submitted_or_accepted_returns_are_never_chased(grant, partner_user, staff_user):
    due(return_of(grant, 1), -5, status=ReturnStatus.SUBMITTED)
    due(return_of(grant, 2), -5, status=ReturnStatus.RETURNED)
    due(return_of(grant, 3), -5, status=ReturnStatus.ACCEPTED)

    assert run_task() == 0
    assert mail.outbox == []


def test_the_emails_wait_for_the_commit(grant, partner_user, staff_user):
    due(return_of(grant, 1), -1)

    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        overdue_returns_chase(today=timezone.localdate())

    assert len(callbacks) == 1  # the emails wait for the commit
    assert mail.outbox == []


def test_a_notice_that_fails_to_send_is_tried_again_next_time(grant, partner_user, staff_user):
    overdue = due(return_of(grant, 1), -1)

    with mock.patch("django.core.mail.message.EmailMessage.send", side_effect=OSError("mail server down")):
        run_task()
    overdue.refresh_from_db()
    assert overdue.overdue_notice_sent_at is None

    run_task()
    assert len([m for m in mail.outbox if partner_user.email in m.to]) == 1


def test_the_returns_list_shows_overdue_returns_tagged_and_filters_them(people, grant):
    overdue = due(return_of(grant, 1), -1)
    due(return_of(grant, 2), 0)

    response = client_for(people["staff"]).get(reverse("commissioning:return-list"), {"status": "overdue"})

    assert [r.pk for r in response.context["returns"]] == [overdue.pk]
    assert 'govuk-tag--red">Overdue' in response.content.decode()


def test_it_runs_daily_at_seven_london_time():
    entry = settings.CELERY_BEAT_SCHEDULE["chase-overdue-returns"]

    assert entry["task"] == chase_overdue_returns.name == "commissioning.tasks.chase_overdue_returns"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert settings.CELERY_TIMEZONE == "Europe/London"
    assert settings.CELERY_TASK_ACKS_LATE is True


def test_django_celery_beat_copies_the_schedule_into_the_database(db):
    # The scheduler drops stale connections first, which would close the test's own transaction.
    with mock.patch("django_celery_beat.schedulers.close_old_connections"):
        DatabaseScheduler(app=app)

    task = PeriodicTask.objects.get(name="chase-overdue-returns")
    assert task.task == "commissioning.tasks.chase_overdue_returns"
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("7", "0", "Europe/London")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_worker_skips_the_returns_the_first_has_claimed(org_a, partner_user, staff_user):
    """While one run holds its claimed returns (its transaction still open), another run skips them rather
    than waiting for or repeating them; once the first commits, nothing is left to chase."""
    grant = grant_for(org_a)
    MonitoringReturn.objects.filter(grant=grant).update(due_on=timezone.localdate() + timedelta(days=60))
    due(return_of(grant, 1), -1)
    due(return_of(grant, 2), -1)
    claimed, barrier, results = threading.Event(), threading.Barrier(2), {}

    def first():
        try:
            with transaction.atomic():
                results["first"] = overdue_returns_chase(today=timezone.localdate())
                claimed.set()
                barrier.wait(timeout=10)  # hold the locks until the second run has looked
        finally:
            connection.close()

    def second():
        try:
            claimed.wait(timeout=10)
            results["second"] = overdue_returns_chase(today=timezone.localdate())
            barrier.wait(timeout=10)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results["first"]) == 2
    assert results["second"] == []
    assert overdue_returns_chase(today=timezone.localdate()) == []
    assert len([m for m in mail.outbox if partner_user.email in m.to]) == 1
