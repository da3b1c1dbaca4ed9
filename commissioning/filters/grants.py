"""The grant list's filters: shared by the page, its CSV/XLSX exports and the API."""

import django_filters
from django.db.models import Q

from commissioning.models import Fund, Grant, GrantStatus
from partners.models import Borough, Organisation
from programmes.models import Objective
from vru.forms import GovukFilterForm


class ViewerFilterSet(django_filters.FilterSet):
    """A FilterSet some of whose choices depend on who is looking.

    Such a filter is replaced by a new one for each FilterSet, never changed in place:
    a filter caches its form field, and one built from the class's filters (the API
    schema does so) would otherwise keep the choices it was first built with.
    """

    def replace_filter(self, name: str, new_filter) -> None:
        new_filter.model = self.queryset.model
        new_filter.parent = self
        self.filters[name] = new_filter


def organisation_filter(queryset, field_name: str = "organisation"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=queryset, label="Organisation", empty_label="All organisations"
    )


class GrantFilter(ViewerFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Grant id, title or organisation.")
    fund = django_filters.ModelChoiceFilter(queryset=Fund.objects.all(), label="Fund", empty_label="All funds")
    objective = django_filters.ModelChoiceFilter(
        queryset=Objective.objects.order_by("number"), label="Objective", empty_label="All objectives"
    )
    organisation = organisation_filter(Organisation.objects.all())
    borough = django_filters.ModelChoiceFilter(
        field_name="application__boroughs", queryset=Borough.objects.all(), label="Borough", empty_label="All boroughs"
    )
    status = django_filters.ChoiceFilter(choices=GrantStatus.choices, label="Status", empty_label="Any status")

    class Meta:
        model = Grant
        form = GovukFilterForm
        fields = ["q", "fund", "objective", "organisation", "borough", "status"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the organisations whose grants the viewer may see: a partner never learns another's name.
        if organisations is not None:
            self.replace_filter("organisation", organisation_filter(organisations))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(identifier__icontains=value) | Q(title__icontains=value) | Q(organisation__name__icontains=value)
        )
