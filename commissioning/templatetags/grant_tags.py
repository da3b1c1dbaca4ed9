"""Tags for grants, their payments and monitoring returns, and the grants panel of a partner's home page.

Usage on the partner's home page: ``{% load grant_tags %}`` then ``{% grants_panel %}``.
"""

from django import template
from django.utils import timezone

from commissioning.models import ReturnStatus
from commissioning.permissions import grants_visible_to
from commissioning.selectors.grants import grants_panel as grants_panel_data
from partners.permissions import is_partner

register = template.Library()

TRANCHE_CLASSES = {"scheduled": "govuk-tag--grey", "released": "", "paid": "govuk-tag--green"}
GRANT_CLASSES = {"active": "govuk-tag--green", "closed": "govuk-tag--grey"}


@register.inclusion_tag("includes/tag.html")
def tranche_status_tag(tranche):
    return {"css": TRANCHE_CLASSES.get(tranche.status, "govuk-tag--grey"), "label": tranche.get_status_display()}


@register.inclusion_tag("includes/tag.html")
def grant_status_tag(grant):
    return {"css": GRANT_CLASSES.get(grant.status, "govuk-tag--grey"), "label": grant.get_status_display()}


def return_state(monitoring_return, today) -> tuple[str, str]:
    """(tag class, label): overdue once not submitted by its due date; "Due" once its quarter has ended."""
    status = monitoring_return.status
    if status == ReturnStatus.ACCEPTED:
        return "govuk-tag--green", "Accepted"
    if status == ReturnStatus.SUBMITTED:
        return "", "Submitted"
    if status == ReturnStatus.RETURNED:
        return "govuk-tag--orange", "Returned for revision"
    if monitoring_return.is_overdue(today):
        return "govuk-tag--red", "Overdue"
    if monitoring_return.period.end < today:
        return "govuk-tag--yellow", "Due"
    return "govuk-tag--grey", "Not yet due"


@register.inclusion_tag("includes/tag.html")
def return_status_tag(monitoring_return, today=None):
    css, label = return_state(monitoring_return, today or timezone.localdate())
    return {"css": css, "label": label}


@register.inclusion_tag("commissioning/grants/_grants_panel.html", takes_context=True)
def grants_panel(context):
    """A partner's grants, with what was paid, and the returns they owe: overdue, due within a month, or
    returned for revision, each with a link to fill it in."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not is_partner(user):
        return {"panel": None}
    today = timezone.localdate()
    return {"panel": grants_panel_data(user=user, today=today, grants=grants_visible_to(user)), "today": today}
