"""Panels about borough plans shown on other pages (the partner's home, an organisation's page),
and the tags the plan pages use for a plan's status and a task's status."""

from django import template
from django.utils import timezone

from partners.permissions import can_start_plan
from partners.selectors.plans import organisation_plans, plans_due
from programmes.periods import financial_year_label, financial_year_of

register = template.Library()

PLAN_STATUS_CLASSES = {
    "draft": "govuk-tag--grey",
    "submitted": "",
    "returned": "govuk-tag--orange",
    "accepted": "govuk-tag--green",
}
RATING_CLASSES = {
    "good": "govuk-tag--green",
    "requires_improvement": "govuk-tag--yellow",
    "inadequate": "govuk-tag--red",
}
# GOV.UK Frontend 6 has no light-blue tag: the plain (blue) tag is "not started", teal "in progress".
TASK_STATUS_CLASSES = {"Not started": "govuk-tag", "In progress": "govuk-tag govuk-tag--teal"}


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("partners/plans/_due_panel.html", takes_context=True)
def plans_due_panel(context):
    """What a partner user owes on plans: this year's plan and quarterly updates, and what they submitted."""
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"due": None}
    return {"due": plans_due(user=user, today=timezone.localdate()), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("partners/plans/_organisation_plans_panel.html", takes_context=True)
def organisation_plans_panel(context, organisation):
    """An organisation's plans, for its page, with a way to start this year's when it is the viewer's to start."""
    user = _user(context)
    year = financial_year_of(timezone.localdate())
    plans = organisation_plans(organisation=organisation)
    may_start = (
        user is not None
        and organisation.csp_borough_id is not None
        and not any(plan.financial_year == year for plan in plans)
        and can_start_plan(user, organisation)
    )
    return {
        "organisation": organisation,
        "plans": plans,
        "is_csp": organisation.csp_borough_id is not None,
        "may_start": may_start,
        "year_label": financial_year_label(year),
    }


@register.inclusion_tag("includes/tag.html")
def plan_status_tag(plan):
    return {"css": PLAN_STATUS_CLASSES.get(plan.status, "govuk-tag--grey"), "label": plan.get_status_display()}


@register.inclusion_tag("includes/tag.html")
def rating_tag(value, label):
    """A rating with its word, coloured like a RAG: good green, requires improvement yellow, inadequate red."""
    return {"css": RATING_CLASSES.get(value, "govuk-tag--grey"), "label": label}


@register.simple_tag
def task_status_class(status) -> str:
    """Completed is plain text in a GOV.UK task list; the other statuses are tags."""
    return TASK_STATUS_CLASSES.get(str(status), "")


@register.filter
def year_label(year) -> str:
    return financial_year_label(int(year))
