"""Who may open the funds and rounds pages: the rules are in commissioning/permissions.py, asked here."""

from commissioning.permissions import can_manage_commissioning
from vru.access import error_links_of, require

__all__ = ["commissioning_required", "error_links_of"]

# VRU staff, managers and admins alike set up funds and rounds; partners and PRG members get 403.
commissioning_required = require(can_manage_commissioning)
