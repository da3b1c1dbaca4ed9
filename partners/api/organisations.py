"""Partner organisations and their memberships for the API. Registered in ``vru.api_urls``.

The same rules as the pages, from ``partners.permissions``: VRU staff, managers
and admins see every organisation, with the partner directory's filters; a
partner user sees only the organisations they act for, and gets 404 for any
other. Every change goes through ``partners.services.organisations``.

Invitations are not offered here: they are created only through the pages
(an organisation's "Invite a colleague"), because the email's link is built from
the page's request and the person accepting it sets their password in a browser.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets

from partners.filters.organisations import OrganisationFilter
from partners.models import Borough, Membership, Organisation
from partners.permissions import (
    can_change_memberships_directly,
    can_change_organisation,
    can_create_organisation,
    can_view_directory,
    is_partner,
    organisations_visible_to,
)
from partners.selectors import organisations as selectors
from partners.services import organisations as services
from vru.api import ModelSerializer, SelectorFilterBackend, TokenChallengeMixin
from vru.roles import user_display_name

# --- Permissions -------------------------------------------------------------------------


def _can_read(user) -> bool:
    return can_view_directory(user) or is_partner(user)


class OrganisationAccess(permissions.BasePermission):
    """Reading: VRU roles and partner users (their own organisations only, by the queryset).
    Creating: VRU roles. Changing: VRU roles and the organisation's admins."""

    message = "Only VRU staff and an organisation's own admins can change it."

    def has_permission(self, request, view):
        if view.action == "create":
            return can_create_organisation(request.user)
        return _can_read(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or can_change_organisation(request.user, obj)


class MembershipAccess(permissions.BasePermission):
    """Reading: VRU roles, and partner users for their own organisations. Changing: VRU roles only.

    A partner asking to change a membership is first looked up in what they may
    see, so another organisation's membership is a 404, as everywhere.
    """

    message = "Only VRU staff can change memberships here; organisation admins use the organisation's page."

    def has_permission(self, request, view):
        if view.action == "create":
            return can_change_memberships_directly(request.user)
        return _can_read(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or can_change_memberships_directly(request.user)


# --- Serializers ---------------------------------------------------------------------------


class OrganisationSerializer(ModelSerializer):
    # Declared without the model's validators: the service tidies numbers and postcodes first
    # ("sc 012345" is SC012345), then checks them and answers with the field's error.
    name = serializers.CharField(max_length=200)
    charity_number = serializers.CharField(
        max_length=20, allow_blank=True, required=False, help_text="Such as 1123456, 1123456-1, SC012345 or NIC100001."
    )
    company_number = serializers.CharField(
        max_length=20, allow_blank=True, required=False, help_text="Eight characters, such as 01234567 or SC123456."
    )
    postcode = serializers.CharField(max_length=10, allow_blank=True, required=False)
    csp_borough = serializers.PrimaryKeyRelatedField(
        queryset=Borough.objects.all(),
        allow_null=True,
        required=False,
        help_text="For a borough's Community Safety Partnership, the borough's id. Only VRU staff may set it.",
    )
    boroughs_served = serializers.PrimaryKeyRelatedField(
        queryset=Borough.objects.all(), many=True, required=False, help_text="The ids of the boroughs it works in."
    )
    people = serializers.IntegerField(read_only=True, help_text="How many people act for it.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "type",
            "charity_number",
            "company_number",
            "csp_borough",
            "boroughs_served",
            "address",
            "postcode",
            "website",
            "people",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class MembershipSerializer(ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), help_text="The id of a partner user's account."
    )
    user_name = serializers.SerializerMethodField()
    user_email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organisation", "user", "user_name", "user_email", "role", "created_at"]
        read_only_fields = ["created_at"]
        # The service says who is already a member, in words; DRF's generic unique-set message is left out.
        validators = []

    def get_user_name(self, membership) -> str:
        return user_display_name(membership.user)

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("organisation", "user"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: "A membership cannot move: remove it and add a new one."})
        return attrs


# --- Viewsets ---------------------------------------------------------------------------------


@extend_schema(tags=["Partners"])
class OrganisationViewSet(
    TokenChallengeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Partner organisations.

    VRU staff, managers and admins see them all and may filter as the partner
    directory does; a partner user sees only their own organisations. VRU roles
    add organisations; VRU roles and an organisation's admins change it (only VRU
    roles set ``csp_borough``). Organisations cannot be deleted through the API.
    """

    serializer_class = OrganisationSerializer
    permission_classes = [OrganisationAccess]
    filter_backends = [SelectorFilterBackend]
    filterset_class = OrganisationFilter

    def build_filterset(self, params, queryset):
        return selectors.organisation_filterset(filters=params, queryset=queryset)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        # The filter backend's selector adds what a row shows (``for_listing``), for one row as for the list.
        return organisations_visible_to(self.request.user)

    def perform_create(self, serializer):
        organisation = services.organisation_create(user=self.request.user, **serializer.validated_data)
        serializer.instance = self._as_listed(organisation)

    def perform_update(self, serializer):
        organisation = services.organisation_update(
            organisation=serializer.instance, user=self.request.user, **serializer.validated_data
        )
        serializer.instance = self._as_listed(organisation)

    @staticmethod
    def _as_listed(organisation):
        return selectors.for_listing(Organisation.objects.filter(pk=organisation.pk)).get()


@extend_schema(tags=["Partners"])
class MembershipViewSet(TokenChallengeMixin, viewsets.ModelViewSet):
    """Who acts for which organisation, and in what role. Filter by ``organisation``, ``user`` or ``role``.

    VRU staff, managers and admins see every membership and may add an existing
    partner user to an organisation, change a role or remove a membership. A
    partner user sees the memberships of their own organisations.
    """

    serializer_class = MembershipSerializer
    permission_classes = [MembershipAccess]
    filterset_fields = ["organisation", "user", "role"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        visible = organisations_visible_to(self.request.user)
        return selectors.membership_queryset().filter(organisation__in=visible.values("pk")).order_by("pk")

    def perform_create(self, serializer):
        fields = serializer.validated_data
        serializer.instance = services.membership_add(
            organisation=fields["organisation"],
            person=fields["user"],
            role=fields.get("role", Membership._meta.get_field("role").default),
            user=self.request.user,
        )

    def perform_update(self, serializer):
        role = serializer.validated_data.get("role", serializer.instance.role)
        serializer.instance = services.membership_change_role(
            membership=serializer.instance, role=role, user=self.request.user
        )

    def perform_destroy(self, instance):
        services.membership_remove(membership=instance, user=self.request.user)


def register(router) -> None:
    """Add this part's viewsets to the API router (called by vru/api_urls.py)."""
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("memberships", MembershipViewSet, basename="membership")
