"""Reading a page as a person would: its text, and the messages in its error summary."""

import html
import re


def text_of(response) -> str:
    """The page's text, tags removed and spaces squeezed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def error_summary(response) -> list[str]:
    """The messages listed under "There is a problem", in order."""
    page = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    if not summary:
        return []
    return [html.unescape(message) for message in re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', summary.group(0))]


def error_anchors(response) -> list[str]:
    page = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    return re.findall(r'<li><a href="([^"]+)">', summary.group(0)) if summary else []
