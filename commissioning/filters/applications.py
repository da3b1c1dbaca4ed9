"""The one FilterSet for applications: the round's pipeline, the application list, their exports and the API."""

import django_filters
from django import forms
from django.db.models import Q

from commissioning.models import Application, ApplicationStatus, FundingRound
from partners.filters.organisations import IdChoiceFilter
from partners.models import Borough, OrganisationType
from programmes.models import Objective
from vru.forms import GovukFilterForm

BoroughServed = Application.boroughs.through
ObjectiveAddressed = Application.objectives.through


class ApplicationFilterForm(GovukFilterForm):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", "The largest amount must be the same as or more than the smallest amount.")
        return cleaned


class ApplicationFilter(django_filters.FilterSet):
    """Filters by status, round, borough, objective, organisation type, reference or title, and amount.

    Built for one round (``round=``), the round filter is dropped and the objectives
    offered are the round's own.
    """

    q = django_filters.CharFilter(method="search", label="Reference or title")
    round = django_filters.ModelChoiceFilter(
        queryset=FundingRound.objects.all(), label="Funding round", empty_label="Any round"
    )
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label="Status", empty_label="Any status")
    borough = IdChoiceFilter(
        method="serving_borough", queryset=Borough.objects.all(), label="Borough", empty_label="Any borough"
    )
    objective = IdChoiceFilter(
        method="addressing_objective",
        queryset=Objective.objects.all(),
        label="Objective",
        empty_label="Any objective",
    )
    organisation_type = django_filters.ChoiceFilter(
        field_name="organisation__type",
        choices=OrganisationType.choices,
        label="Organisation type",
        empty_label="Any type",
    )
    amount_min = django_filters.NumberFilter(
        field_name="amount_requested",
        lookup_expr="gte",
        label="Requested at least (£)",
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
    )
    amount_max = django_filters.NumberFilter(
        field_name="amount_requested",
        lookup_expr="lte",
        label="Requested at most (£)",
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
    )

    class Meta:
        model = Application
        form = ApplicationFilterForm
        fields = ["q", "round", "status", "borough", "objective", "organisation_type", "amount_min", "amount_max"]

    def __init__(self, data=None, queryset=None, *, round: FundingRound | None = None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if round is not None:
            del self.filters["round"]
            self.filters["objective"].queryset = round.objectives.all()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(project_title__icontains=value))

    # Subqueries rather than joins, so an application serving two boroughs is listed once.
    def serving_borough(self, queryset, name, value):
        return queryset.filter(pk__in=BoroughServed.objects.filter(borough=value).values("application_id"))

    def addressing_objective(self, queryset, name, value):
        return queryset.filter(pk__in=ObjectiveAddressed.objects.filter(objective=value).values("application_id"))
