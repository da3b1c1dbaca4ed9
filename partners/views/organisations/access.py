"""Page guards for organisations, people and invitations, asking ``partners.permissions``."""

from partners.permissions import can_create_organisation, can_view_directory, is_partner
from vru.access import error_links_of, require

__all__ = ["directory_viewer_required", "error_links_of", "organisation_creator_required", "partner_required"]


directory_viewer_required = require(can_view_directory)
organisation_creator_required = require(can_create_organisation)
partner_required = require(is_partner)
