"""Chasing overdue returns: what the daily ``chase_overdue_returns`` task does."""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from commissioning.models import MonitoringReturn
from partners.models import Membership
from vru.roles import vru_users

logger = logging.getLogger(__name__)


def _organisation_message(organisation, returns, recipients, today) -> EmailMessage:
    context = {
        "organisation": organisation,
        "returns": returns,
        "today": today,
        "site_url": settings.SITE_URL,
        "list_path": reverse("commissioning:return-list"),
    }
    subject = " ".join(render_to_string("emails/commissioning/return_overdue_subject.txt", context).split())
    body = render_to_string("emails/commissioning/return_overdue.txt", context)
    return EmailMessage(subject, body, to=recipients)


def _digest_message(returns, unreachable: set[int], recipients, today) -> EmailMessage:
    context = {
        "returns": returns,
        "unreachable": unreachable,
        "today": today,
        "site_url": settings.SITE_URL,
        "list_path": reverse("commissioning:return-list") + "?status=overdue",
    }
    subject = " ".join(render_to_string("emails/commissioning/overdue_digest_subject.txt", context).split())
    body = render_to_string("emails/commissioning/overdue_digest.txt", context)
    return EmailMessage(subject, body, to=recipients)


def _send_after_commit(notices: list[tuple[EmailMessage, list[int]]], digest: EmailMessage | None, stamp) -> None:
    """Send each organisation's notice; a notice that fails is un-stamped, so tomorrow's run tries again."""
    for message, return_ids in notices:
        try:
            message.send()
        except Exception:
            logger.exception("Could not send the overdue-return notice for returns %s", return_ids)
            MonitoringReturn.objects.filter(pk__in=return_ids, overdue_notice_sent_at=stamp).update(
                overdue_notice_sent_at=None
            )
    if digest is not None:
        try:
            digest.send()
        except Exception:
            logger.exception("Could not send the overdue-returns digest to VRU staff")


@transaction.atomic
def overdue_returns_chase(*, today: date) -> list[MonitoringReturn]:
    """Email each organisation once about its returns newly overdue, and VRU staff one digest of them.

    Overdue: not submitted, and due before ``today`` (14 days after the quarter ended).
    The returns are claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and stamped in the
    same transaction, so two workers running at once never pick the same return and a
    return is chased once only. The emails go after the commit, so none is sent for a
    stamp that was rolled back. Returns the returns chased.
    """
    returns = list(
        MonitoringReturn.objects.overdue(today)
        .filter(overdue_notice_sent_at__isnull=True)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("grant__organisation")
        .order_by("grant__organisation__name", "due_on", "pk")
    )
    if not returns:
        return []
    stamp = timezone.now()
    for monitoring_return in returns:
        monitoring_return.overdue_notice_sent_at = stamp
        monitoring_return.save(update_fields=["overdue_notice_sent_at"])

    by_organisation = defaultdict(list)
    for monitoring_return in returns:
        by_organisation[monitoring_return.grant.organisation].append(monitoring_return)
    recipients = defaultdict(list)
    memberships = (
        Membership.objects.filter(organisation__in=list(by_organisation), user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    for membership in memberships:
        recipients[membership.organisation_id].append(membership.user.email)
    notices, unreachable = [], set()
    for organisation, organisation_returns in by_organisation.items():
        if recipients[organisation.pk]:
            message = _organisation_message(organisation, organisation_returns, recipients[organisation.pk], today)
            notices.append((message, [r.pk for r in organisation_returns]))
        else:
            unreachable.add(organisation.pk)
    staff = list(vru_users().exclude(email="").values_list("email", flat=True))
    digest = _digest_message(returns, unreachable, staff, today) if staff else None
    transaction.on_commit(lambda: _send_after_commit(notices, digest, stamp))
    return returns
