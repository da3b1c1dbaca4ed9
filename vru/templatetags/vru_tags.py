from decimal import Decimal

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def money(value) -> str:
    """£1,234.50: money always shows pence and is never rounded."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.filter
def number(value) -> str:
    """A decimal without trailing zeros: 12.50 → 12.5, 40.00 → 40."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return text


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for sorting and pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


RAG_TAG_CLASSES = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}
STATUS_TAG_CLASSES = {
    "planned": "",
    "active": "govuk-tag--green",
    "paused": "govuk-tag--yellow",
    "closed": "govuk-tag--grey",
}


@register.inclusion_tag("includes/tag.html")
def rag_tag(value, label=None, count=None):
    """A RAG status as a coloured tag; the word is always there, so colour is never the only signal."""
    label = label or (value or "").title()
    if count is not None:
        label = f"{count} {label.lower()}"
    return {"css": RAG_TAG_CLASSES.get(value, "govuk-tag--grey"), "label": label}


@register.inclusion_tag("includes/tag.html")
def status_tag(value, label=None):
    return {"css": STATUS_TAG_CLASSES.get(value, "govuk-tag--grey"), "label": label or (value or "").title()}
