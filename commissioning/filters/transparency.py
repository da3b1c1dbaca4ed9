"""The published grants' filters, for anyone: financial year of award, borough, objective and a search."""

from datetime import datetime, time

import django_filters
from django.db.models import Q
from django.utils import timezone

from commissioning.models import Application, Grant
from partners.models import Borough
from programmes.models import Objective
from programmes.periods import financial_year_label
from vru.forms import GovukFilterForm

ServedBorough = Application.boroughs.through
ServedWard = Application.wards.through
AddressedObjective = Application.objectives.through


def financial_year_start(year: int) -> datetime:
    """Midnight on 1 April in London: when the financial year ``year`` starts."""
    return timezone.make_aware(datetime.combine(datetime(year, 4, 1), time.min))


class PublishedGrantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", help_text="Grant title, recipient or 360Giving identifier."
    )
    year = django_filters.ChoiceFilter(
        method="awarded_in",
        label="Financial year awarded",
        empty_label="Any year",
        error_messages={"invalid_choice": "Choose a financial year from the list."},
    )
    borough = django_filters.ModelChoiceFilter(
        method="in_borough",
        queryset=Borough.objects.all(),
        label="Borough",
        empty_label="All boroughs",
        error_messages={"invalid_choice": "Choose a borough from the list."},
    )
    objective = django_filters.ModelChoiceFilter(
        method="addressing",
        queryset=Objective.objects.order_by("number"),
        label="Objective",
        empty_label="All objectives",
        error_messages={"invalid_choice": "Choose an objective from the list."},
    )

    class Meta:
        model = Grant
        form = GovukFilterForm
        fields = ["q", "year", "borough", "objective"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        self.filters["year"].extra["choices"] = [(year, financial_year_label(year)) for year in years]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(organisation__name__icontains=value) | Q(identifier__icontains=value)
        )

    def awarded_in(self, queryset, name, value):
        value = int(value)  # one of the choices, so a year
        return queryset.filter(
            awarded_at__gte=financial_year_start(value), awarded_at__lt=financial_year_start(value + 1)
        )

    # Subqueries rather than joins, so a grant serving two of a borough's wards is listed once.
    def in_borough(self, queryset, name, value):
        """Grants whose application serves the borough, or any of its wards."""
        return queryset.filter(
            Q(application__in=ServedBorough.objects.filter(borough=value).values("application_id"))
            | Q(application__in=ServedWard.objects.filter(ward__borough=value).values("application_id"))
        )

    def addressing(self, queryset, name, value):
        return queryset.filter(
            application__in=AddressedObjective.objects.filter(objective=value).values("application_id")
        )
