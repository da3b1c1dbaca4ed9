"""Template tags of the funds and rounds pages: London times as GOV.UK writes them, round status tags."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from commissioning.filters.rounds import RoundStatus

register = template.Library()

STATUS_TAG_CLASSES = {
    RoundStatus.OPEN: "govuk-tag--green",
    RoundStatus.UPCOMING: "govuk-tag--blue",
    RoundStatus.CLOSED: "govuk-tag--grey",
    RoundStatus.UNPUBLISHED: "govuk-tag--yellow",
}


@register.filter
def london_time(value: datetime | None) -> str:
    """The London time of day as GOV.UK's style writes it: 5pm, 9:30am, midday, midnight."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.minute == 0 and local.hour == 12:
        return "midday"
    if local.minute == 0 and local.hour == 0:
        return "midnight"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


@register.filter
def london_when(value: datetime | None) -> str:
    """ "5pm on 30 January 2027", in London time whatever the season."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    day = date_format(local.date(), "j F Y")
    if local.hour == 0 and local.minute == 0:
        # "Midnight on 30 January" is read both ways: say which end of the day.
        return f"midnight at the start of {day}"
    return f"{london_time(value)} on {day}"


@register.filter
def paragraphs(text: str) -> list[str]:
    """Text split where a blank line is: each part a paragraph."""
    normalised = (text or "").replace("\r\n", "\n")
    return [part.strip() for part in normalised.split("\n\n") if part.strip()]


@register.inclusion_tag("includes/tag.html")
def round_status_tag(status):
    status = RoundStatus(status)
    return {"css": STATUS_TAG_CLASSES[status], "label": status.label}
