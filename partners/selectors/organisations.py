"""Reads for the partner directory, organisations' pages, a partner's home page, the API and the export.

Each selector runs a fixed number of queries whatever the number of rows. What a
user may see is decided by ``partners.permissions``: the views pass in the
queryset it allows.
"""

from django.db.models import Count, Prefetch
from django.utils import timezone

from partners.filters.organisations import OrganisationFilter
from partners.models import Borough, Invitation, Membership, Organisation


def organisation_filterset(*, filters=None, queryset=None) -> OrganisationFilter:
    queryset = queryset if queryset is not None else Organisation.objects.all()
    return OrganisationFilter(filters or None, queryset=for_listing(queryset))


def filtered_organisations(filterset: OrganisationFilter):
    """The filter's organisations; none at all when a filter value is invalid, rather than everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def for_listing(queryset):
    """What a row of the directory shows: the CSP's borough, the boroughs served and how many people.

    The rows are picked by a subquery, so a queryset that joined memberships (a
    partner's own organisations) cannot narrow the people counted.
    """
    return (
        Organisation.objects.filter(pk__in=queryset.values("pk"))
        .select_related("csp_borough")
        .prefetch_related(Prefetch("boroughs_served", queryset=Borough.objects.order_by("name")))
        .annotate(people=Count("memberships", distinct=True))
        .order_by("name")
    )


def organisation_list(*, filters=None, queryset=None):
    return filtered_organisations(organisation_filterset(filters=filters, queryset=queryset))


def organisation_detail_queryset():
    return Organisation.objects.select_related("csp_borough").prefetch_related(
        Prefetch("boroughs_served", queryset=Borough.objects.order_by("name"))
    )


def organisation_people(*, organisation: Organisation) -> list[Membership]:
    """The people who act for the organisation: admins first, then by name."""
    memberships = organisation.memberships.select_related("user")
    return sorted(
        memberships,
        key=lambda m: (m.role != "admin", m.user.last_name.lower(), m.user.first_name.lower(), m.user.username),
    )


def open_invitations(*, organisation: Organisation) -> list[Invitation]:
    """Invitations not yet accepted, the expired ones included (``is_expired``) so they can be sent again."""
    now = timezone.now()
    invitations = list(
        organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by").order_by("-created_at")
    )
    for invitation in invitations:
        invitation.is_expired = invitation.expires_at <= now
    return invitations


def memberships_of(*, user) -> list[Membership]:
    """The organisations a person acts for, with their role in each, for their home page."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__csp_borough")
        .order_by("organisation__name")
    )


def membership_queryset():
    return Membership.objects.select_related("user", "organisation")
