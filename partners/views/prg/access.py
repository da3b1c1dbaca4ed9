"""Who may open the PRG pages: the rules are in partners/permissions.py, asked here for every view."""

from django.shortcuts import render

from partners.permissions import can_change_prg, can_view_prg
from vru.access import error_links_of, require

__all__ = ["error_links_of", "prg_editor_required", "prg_viewer_required", "render_prg"]

# VRU staff, managers, admins and PRG members read; partners get 403.
prg_viewer_required = require(can_view_prg)
# VRU roles only: PRG members read everything and change nothing, whatever the method.
prg_editor_required = require(can_change_prg)


def render_prg(request, template: str, context: dict, status: int = 200):
    """Render a PRG page, telling it whether to offer the links that change things."""
    return render(request, template, {"can_change": can_change_prg(request.user), **context}, status=status)
