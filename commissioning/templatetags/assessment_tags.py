"""Tags of the assessment pages: an assessor's progress and a recommendation, as GOV.UK tags."""

from django import template

register = template.Library()

RECOMMENDATION_CLASSES = {"yes": "govuk-tag--green", "maybe": "govuk-tag--yellow", "no": "govuk-tag--red"}


def assessment_state(assessment) -> tuple[str, str]:
    """(label, tag class) for where an assessor is: the words always say it, colour only helps."""
    if assessment.has_conflict:
        return "Conflict declared", "govuk-tag--grey"
    if assessment.submitted_at is not None:
        return "Scores submitted", "govuk-tag--green"
    if assessment.has_conflict is None:
        return "Not started", ""
    return "Scoring", "govuk-tag--teal"


@register.inclusion_tag("includes/tag.html")
def assessment_state_tag(assessment):
    label, css = assessment_state(assessment)
    return {"label": label, "css": css}


@register.inclusion_tag("includes/tag.html")
def recommendation_tag(value, label=None):
    labels = {"yes": "Yes", "maybe": "Maybe", "no": "No"}
    return {"css": RECOMMENDATION_CLASSES.get(value, "govuk-tag--grey"), "label": label or labels.get(value, "None")}


@register.filter
def points(value) -> str:
    """A weighted total or spread, one decimal place: 63.4; a dash when there is none."""
    return "–" if value is None or value == "" else f"{value:.1f}"
