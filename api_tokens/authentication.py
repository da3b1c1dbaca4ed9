from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from api_tokens.services import TokenRefused, api_token_authenticate


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <value>`` checked against the hashed, expiring tokens of ``api_tokens``."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        try:
            token = api_token_authenticate(value=key)
        except TokenRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        return token.user, token
