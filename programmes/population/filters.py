"""Filters of population figures, by the codes import files use rather than by ids."""

import django_filters

from partners.models import Borough
from programmes.models import PopulationFigure, PopulationIndicator


class PopulationFigureFilter(django_filters.FilterSet):
    indicator = django_filters.ModelChoiceFilter(
        queryset=PopulationIndicator.objects.all(),
        to_field_name="code",
        label="Indicator code, such as homicides",
    )
    borough = django_filters.ModelChoiceFilter(
        queryset=Borough.objects.all(), to_field_name="ons_code", label="Borough ONS code, such as E09000022"
    )
    period_start = django_filters.DateFromToRangeFilter(
        label="Periods starting from period_start_after to period_start_before (ISO dates, both included)"
    )
    is_demo = django_filters.BooleanFilter(label="Invented demo figures (true) or real ones (false)")

    class Meta:
        model = PopulationFigure
        fields = ["indicator", "borough", "period_start", "is_demo"]
