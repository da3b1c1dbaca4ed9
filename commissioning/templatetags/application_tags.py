"""Tags of the application pages: an application's status, a task's status, London times, and the panel of
applications on a partner's home page."""

from django import template

from commissioning.selectors.applications import applications_panel as panel_data
from commissioning.services.applications import london_time as london_time_text

register = template.Library()

STATUS_CLASSES = {
    "draft": "govuk-tag--grey",
    "submitted": "",
    "eligible": "govuk-tag--teal",
    "ineligible": "govuk-tag--red",
    "assessed": "govuk-tag--purple",
    "recommended": "govuk-tag--turquoise",
    "awarded": "govuk-tag--green",
    "declined": "govuk-tag--red",
    "withdrawn": "govuk-tag--grey",
}
# GOV.UK Frontend 6 has no light-blue tag: the plain (blue) tag is "not started", teal "in progress".
TASK_STATUS_CLASSES = {"Not started": "govuk-tag", "In progress": "govuk-tag govuk-tag--teal"}


@register.inclusion_tag("includes/tag.html")
def application_status_tag(application):
    return {"css": STATUS_CLASSES.get(application.status, "govuk-tag--grey"), "label": application.get_status_display()}


@register.simple_tag
def task_status_class(status) -> str:
    """Completed is plain text in a GOV.UK task list; the other statuses are tags."""
    return TASK_STATUS_CLASSES.get(str(status), "")


@register.filter
def london_time(moment) -> str:
    """ "5pm on 30 January 2027", in London time."""
    return london_time_text(moment) if moment else ""


@register.inclusion_tag("commissioning/applications/_panel.html", takes_context=True)
def applications_panel(context):
    """A partner user's applications: drafts to finish, what was sent and its status, and open rounds to apply to.

    Usage, on the partner's home page: ``{% load application_tags %}{% applications_panel %}``.
    """
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {"panel": None}
    return {"panel": panel_data(user=user)}
