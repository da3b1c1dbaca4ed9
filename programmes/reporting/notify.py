"""The notice that a new performance report is ready, emailed to VRU staff and PRG members."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string

from programmes.models import PerformanceReport
from vru.roles import GROUP_NAMES, Role

logger = logging.getLogger(__name__)


def report_readers():
    """Active people with an email address who read reports: VRU staff, managers, admins and PRG members."""
    groups = [GROUP_NAMES[Role.STAFF], GROUP_NAMES[Role.MANAGER], GROUP_NAMES[Role.PRG]]
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    readers = users.filter(Q(is_superuser=True) | Q(groups__name__in=groups)).values("pk")
    return users.filter(pk__in=readers).order_by("pk")


def report_notice_send(report_id: int) -> int:
    """Email each reader, one message each so that no one sees the others' addresses; how many were sent."""
    report = PerformanceReport.objects.get(pk=report_id)
    context = {"report": report, "url": f"{settings.SITE_URL}{report.get_absolute_url()}"}
    subject = " ".join(render_to_string("emails/programmes/report_ready_subject.txt", context).split())
    body = render_to_string("emails/programmes/report_ready.txt", context)
    messages = [EmailMessage(subject, body, to=[email]) for email in report_readers().values_list("email", flat=True)]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        # The report is published whatever happens to the mail server; the failure is logged for an admin.
        logger.exception("Could not send the notice for performance report %s", report.label)
        return 0
