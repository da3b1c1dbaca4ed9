"""Filters for borough plans and their actions: shared by the plan list page and the API."""

import django_filters
from django.utils import timezone

from partners.models import Borough, BoroughPlan, PlanAction, PlanStatus, PlanTheme
from programmes.periods import financial_year_label, financial_year_of
from vru.forms import GovukFilterForm

# The VRU was set up in 2019; its first borough plans are for 2019-20.
FIRST_PLAN_YEAR = 2019


def plan_years() -> range:
    """Every financial year that can have plans, newest first: from 2019-20 to the current one."""
    return range(financial_year_of(timezone.localdate()), FIRST_PLAN_YEAR - 1, -1)


def year_choices() -> list[tuple[int, str]]:
    return [(year, financial_year_label(year)) for year in plan_years()]


class BoroughPlanFilter(django_filters.FilterSet):
    financial_year = django_filters.ChoiceFilter(choices=year_choices, label="Financial year", empty_label="Any year")
    borough = django_filters.ModelChoiceFilter(
        queryset=Borough.objects.all(), label="Borough", empty_label="All boroughs"
    )
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label="Status", empty_label="Any status")

    class Meta:
        model = BoroughPlan
        form = GovukFilterForm
        fields = ["financial_year", "borough", "status"]


class PlanActionFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(queryset=PlanTheme.objects.all(), label="Theme")

    class Meta:
        model = PlanAction
        form = GovukFilterForm
        fields = ["plan", "theme", "rag"]
