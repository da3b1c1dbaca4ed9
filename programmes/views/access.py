from functools import wraps

from django.core.exceptions import PermissionDenied

from programmes.permissions import can_change_programmes, can_view_programmes


def programmes_viewer_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_view_programmes(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def programmes_editor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_change_programmes(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def error_links_of(*forms) -> list[tuple[str, str]]:
    links = []
    for form in forms:
        if form is not None and form.is_bound:
            links.extend(form.error_links())
    return links
