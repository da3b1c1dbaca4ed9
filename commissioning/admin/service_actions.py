"""What lets the admin change money and status only the way the pages and the API do.

Money and status fields are read only on the admin's forms; a change to them is an admin action that
calls the same service as the pages, one record at a time, and reports each refusal in the service's
own words as an admin message.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html


def service_action(name: str, description: str, done: str, call):
    """An admin action ``name`` calling ``call(obj, user)`` for each selected record; ``done`` says what
    happened. Each call is the service's own transaction, so one refusal leaves the others done."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        changed = 0
        for obj in queryset:
            try:
                call(obj, request.user)
            except ValidationError as error:
                modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            else:
                changed += 1
        if changed:
            modeladmin.message_user(request, f"{done}: {changed}.", messages.SUCCESS)

    action.__name__ = name
    return action


def page_link(url_name: str, obj, text: str) -> str:
    """A link from the admin to the page where a change is made through its service."""
    if obj is None or obj.pk is None:
        return "–"
    return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), text)
