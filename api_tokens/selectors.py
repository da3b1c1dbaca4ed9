from django.shortcuts import get_object_or_404

from api_tokens.models import ApiToken


def api_tokens_of(*, user):
    """A user's tokens still in force or expired, newest first; revoked ones are gone from view."""
    return ApiToken.objects.filter(user=user).unrevoked()


def get_api_token_for_user(*, user, pk) -> ApiToken:
    """One of the user's own tokens; anyone else's (an admin's included) is a 404 here, and managed in the admin."""
    return get_object_or_404(api_tokens_of(user=user), pk=pk)
