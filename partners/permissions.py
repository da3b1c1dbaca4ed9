"""Who may see partners' records: the one place these rules live.

Only London's reference geography is here so far; organisations, plans and the
Partnership Reference Group add their rules to this module.
"""


def can_view_geography(user) -> bool:
    """Boroughs and Basic Command Units are public reference data: any signed-in user."""
    return user.is_authenticated and user.is_active
