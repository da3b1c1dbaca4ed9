import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from partners.models import BasicCommandUnit, Borough, Organisation, OrganisationType
from vru.forms import GovukFilterForm

ServedBorough = Organisation.boroughs_served.through


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of a row by its id, filtered by a method (so the API schema cannot see the model field)."""


class OrganisationFilter(django_filters.FilterSet):
    """The partner directory's filters: shared by the page, its CSV export and the API."""

    q = django_filters.CharFilter(method="search", label="Search", help_text="Name, charity number or company number.")
    type = django_filters.ChoiceFilter(choices=OrganisationType.choices, label="Type", empty_label="Any type")
    borough = IdChoiceFilter(
        method="serving_borough", queryset=Borough.objects.all(), label="Borough served", empty_label="Any borough"
    )
    bcu = IdChoiceFilter(
        method="serving_bcu",
        queryset=BasicCommandUnit.objects.all(),
        label="Basic Command Unit",
        empty_label="Any BCU",
        help_text="Organisations serving any of its boroughs.",
    )
    sort = django_filters.OrderingFilter(fields=(("name", "name"),), field_labels={"name": "Name"}, label="Sort by")

    class Meta:
        model = Organisation
        form = GovukFilterForm
        fields = ["q", "type", "borough", "bcu"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Numbers are stored without spaces and in capitals, as the services tidy them.
        number = value.replace(" ", "").upper()
        return queryset.filter(
            Q(name__icontains=value) | Q(charity_number__icontains=number) | Q(company_number__icontains=number)
        )

    # A subquery rather than a join, so an organisation serving two of a BCU's boroughs is listed once.
    def serving_borough(self, queryset, name, value):
        return queryset.filter(pk__in=ServedBorough.objects.filter(borough=value).values("organisation_id"))

    def serving_bcu(self, queryset, name, value):
        return queryset.filter(pk__in=ServedBorough.objects.filter(borough__bcu=value).values("organisation_id"))
