"""The roles people hold, as Django groups; superusers are the admins.

Every permission rule in the apps' ``permissions`` modules asks these helpers,
so what a role means is decided here once.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    STAFF = "staff"
    PARTNER = "partner"
    PRG = "prg"


GROUP_NAMES = {
    Role.STAFF: "VRU staff",
    Role.MANAGER: "VRU manager",
    Role.PARTNER: "Partner user",
    Role.PRG: "PRG member",
}
ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}
ROLE_LABELS = {Role.ADMIN: "Admin", **GROUP_NAMES}
VRU_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.STAFF})


def roles_of(user) -> frozenset[Role]:
    """The user's roles, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_vru_roles", None)
    if cached is None:
        roles = {ROLE_BY_GROUP[name] for name in user.groups.values_list("name", flat=True) if name in ROLE_BY_GROUP}
        if user.is_superuser:
            roles.add(Role.ADMIN)
        cached = frozenset(roles)
        user._vru_roles = cached
    return cached


def is_vru(user) -> bool:
    """VRU staff, managers and admins: the people who see everything."""
    return bool(roles_of(user) & VRU_ROLES)


def is_manager(user) -> bool:
    return bool(roles_of(user) & {Role.ADMIN, Role.MANAGER})


def primary_role_label(user) -> str:
    roles = roles_of(user)
    for role in (Role.ADMIN, Role.MANAGER, Role.STAFF, Role.PRG, Role.PARTNER):
        if role in roles:
            return ROLE_LABELS[role]
    return "No role"


def vru_users():
    """Active users who work at the VRU: the people who can lead a programme or own a milestone."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    vru_groups = [GROUP_NAMES[Role.STAFF], GROUP_NAMES[Role.MANAGER]]
    users = get_user_model().objects.filter(is_active=True)
    matching = users.filter(Q(is_superuser=True) | Q(groups__name__in=vru_groups)).values("pk")
    return users.filter(pk__in=matching).order_by("first_name", "last_name", "username")


def user_display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def user_name_fields(*relations: str) -> list[str]:
    """The fields of each related user that ``user_display_name`` (or ``display_name``) reads: an export
    asks for these rather than whole users."""
    return [f"{relation}__{field}" for relation in relations for field in ("first_name", "last_name", "username")]


def display_name(first_name: str, last_name: str, username: str) -> str:
    """``user_display_name`` from a user's values."""
    return f"{first_name} {last_name}".strip() or username
