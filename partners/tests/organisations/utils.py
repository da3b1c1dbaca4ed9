"""Small helpers shared by the organisations tests."""

import re

from django.urls import reverse


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def summary_links(html: str) -> list[tuple[str, str]]:
    """The error summary's (anchor, message) links."""
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)


def field_error(html: str, field: str) -> str:
    """The message shown beside a field, without the hidden "Error:" prefix."""
    match = re.search(rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert match, f"no error beside {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("Error:", "", 1).strip()
