"""A user's own API tokens, for the API. Registered in ``vru.api_urls``.

Anyone signed in lists, reads and revokes their own tokens (anyone else's is a 404). Making one needs a
signed-in browser session, not a token: a leaked token must not be able to mint itself a successor that
outlives it.
"""

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from api_tokens import selectors, services
from api_tokens.models import ApiToken, RevokedReason
from vru.api import ModelSerializer, TokenChallengeMixin


class CreateWithSessionOnly(BasePermission):
    message = "Make tokens while signed in to the site (or on the API tokens page), not with a token."

    def has_permission(self, request, view):
        return view.action != "create" or not isinstance(request.auth, ApiToken)


class ApiTokenSerializer(ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at"]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "expires_at"]


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The token itself: shown in this answer only, never again.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


class ApiTokenViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your own API tokens. ``DELETE`` revokes one; ``POST {"name": …}`` makes one (from a signed-in session)."""

    permission_classes = [IsAuthenticated, CreateWithSessionOnly]
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn with no signed-in user
            return ApiToken.objects.none()
        return selectors.api_tokens_of(user=self.request.user)

    def get_serializer_class(self):
        return NewApiTokenSerializer if self.action == "create" else ApiTokenSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = services.api_token_create(user=request.user, name=serializer.validated_data["name"])
        data = NewApiTokenSerializer(new.token).data
        data["token"] = new.value
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.api_token_revoke(token=instance, reason=RevokedReason.BY_OWNER)


def register(router) -> None:
    router.register("api-tokens", ApiTokenViewSet, basename="api-token")
