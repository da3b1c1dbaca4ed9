from programmes.permissions import can_change_programmes, can_view_programmes
from vru.access import error_links_of, require

programmes_viewer_required = require(can_view_programmes)
programmes_editor_required = require(can_change_programmes)

__all__ = ["error_links_of", "programmes_editor_required", "programmes_viewer_required"]
