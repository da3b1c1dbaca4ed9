"""Page guards shared by every app: a view asks one rule from its app's ``permissions`` module."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def require(rule):
    """A view decorator: 403 unless ``rule(user)`` says yes.

    Anonymous visitors never get this far: the sign-in middleware sends them to sign in.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def error_links_of(*forms) -> list[tuple[str, str]]:
    """The error summary's links for every bound form and formset on a page, in order."""
    links = []
    for form in forms:
        if form is not None and form.is_bound:
            links.extend(form.error_links())
    return links
