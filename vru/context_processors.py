from django.urls import reverse

from vru.roles import Role, is_vru, primary_role_label, roles_of

# (label, URL name, the view names that light the item up), by who sees the item.
_VRU_ITEMS = [
    ("Dashboard", "programmes:dashboard", ("programmes:dashboard", "programmes:objective")),
    (
        "Programmes",
        "programmes:programme-list",
        ("programmes:programme", "programmes:milestone", "programmes:indicator"),
    ),
    ("Reports", "programmes:report-list", ("programmes:report", "programmes:population")),
    (
        "Funding",
        "commissioning:round-list",
        ("commissioning:round", "commissioning:fund", "commissioning:application", "commissioning:assessment"),
    ),
    (
        "Grants",
        "commissioning:grant-list",
        ("commissioning:grant", "commissioning:tranche", "commissioning:return", "commissioning:payment"),
    ),
    (
        "Partners",
        "partners:directory",
        ("partners:directory", "partners:organisation", "partners:membership", "partners:invitation"),
    ),
    ("Borough plans", "partners:london-plans", ("partners:london-plans", "partners:plan", "partners:peer")),
    ("PRG", "partners:prg-home", ("partners:prg", "partners:meeting", "partners:paper")),
    ("API", "api-docs", ("api-docs",)),
]
_PARTNER_ITEMS = [
    ("Home", "partners:home", ("partners:home", "partners:organisation", "partners:plan", "partners:membership")),
    ("Funding", "commissioning:funding", ("commissioning:funding", "commissioning:application")),
    ("Grants", "commissioning:grant-list", ("commissioning:grant", "commissioning:return")),
    ("Strategy", "programmes:dashboard", ("programmes:dashboard", "programmes:objective")),
]
_PRG_ITEMS = [
    ("PRG", "partners:prg-home", ("partners:prg", "partners:meeting", "partners:paper")),
    ("Reports", "programmes:report-list", ("programmes:report",)),
    ("Strategy", "programmes:dashboard", ("programmes:dashboard", "programmes:objective")),
]


def navigation(request):
    """The service navigation for the signed-in user's roles, with the current section marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    if is_vru(user):
        items = _VRU_ITEMS
    elif Role.PRG in roles:
        items = _PRG_ITEMS
    elif Role.PARTNER in roles:
        items = _PARTNER_ITEMS
    else:
        items = _PARTNER_ITEMS[1:]
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    nav_items = [
        {"label": label, "url": reverse(url_name), "active": current.startswith(prefixes)}
        for label, url_name, prefixes in items
    ]
    return {"nav_items": nav_items, "nav_is_vru": is_vru(user), "nav_role_label": primary_role_label(user)}


def landing_url(user) -> str:
    """Where someone lands after signing in: their own part of the service."""
    roles = roles_of(user)
    if is_vru(user):
        return reverse("programmes:dashboard")
    if Role.PRG in roles:
        return reverse("partners:prg-home")
    if Role.PARTNER in roles:
        return reverse("partners:home")
    return reverse("programmes:dashboard")
