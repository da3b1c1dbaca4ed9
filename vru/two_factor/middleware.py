from django.http import JsonResponse
from django.shortcuts import redirect
from rest_framework.views import APIView

from vru.two_factor.policy import pending_step, step_url

# What a session that still owes its second factor may reach: the steps themselves and signing out.
ALLOWED_VIEWS = frozenset({"logout", "two-factor:verify", "two-factor:setup", "two-factor:backup-codes"})


class TwoFactorMiddleware:
    """A signed-in session that has not given its second factor reaches nothing but the step it owes.

    That covers every page, the Django admin and the API by session (the API by
    token is for people who have set up a token from a verified session).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        step = pending_step(request)
        if not step or request.resolver_match.view_name in ALLOWED_VIEWS:
            return None
        view_class = getattr(view_func, "cls", None)
        if isinstance(view_class, type) and issubclass(view_class, APIView):
            return JsonResponse({"detail": "Finish signing in with your second factor first."}, status=403)
        return redirect(step_url(step, request.get_full_path()))
