from vru.roles import is_vru, primary_role_label


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_is_vru": is_vru(user), "nav_role_label": primary_role_label(user)}
