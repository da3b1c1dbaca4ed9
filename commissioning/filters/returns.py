"""The monitoring-return list's filters: shared by the page, its CSV/XLSX export and the API."""

import django_filters
from django.utils import timezone

from commissioning.filters.grants import ViewerFilterSet, organisation_filter
from commissioning.models import Fund, MonitoringReturn, ReturnStatus
from partners.models import Organisation
from programmes.periods import FinancialQuarter
from vru.forms import GovukFilterForm

OVERDUE = "overdue"
STATUS_CHOICES = [*ReturnStatus.choices, (OVERDUE, "Overdue")]


def quarter_filter(choices):
    return django_filters.ChoiceFilter(
        choices=choices, method="filter_quarter", label="Quarter", empty_label="Any quarter"
    )


class ReturnFilter(ViewerFilterSet):
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label="Status", empty_label="Any status"
    )
    quarter = quarter_filter([])
    fund = django_filters.ModelChoiceFilter(
        field_name="grant__fund", queryset=Fund.objects.all(), label="Fund", empty_label="All funds"
    )
    organisation = organisation_filter(Organisation.objects.all(), "grant__organisation")

    class Meta:
        model = MonitoringReturn
        form = GovukFilterForm
        fields = ["status", "quarter", "fund", "organisation"]

    def __init__(self, *args, organisations=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Only the organisations whose returns the viewer may see: a partner never learns another's name.
        if organisations is not None:
            self.replace_filter("organisation", organisation_filter(organisations, "grant__organisation"))
        base = self.queryset

        def quarters():
            """The quarters that have returns, read when the form is built or checked, not on every request."""
            rows = base.order_by("-financial_year", "-quarter").values_list("financial_year", "quarter").distinct()
            return [(quarter.label, quarter.label) for quarter in (FinancialQuarter(*row) for row in rows)]

        self.replace_filter("quarter", quarter_filter(quarters))

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue(self.today)
        return queryset.filter(status=value)

    def filter_quarter(self, queryset, name, value):
        quarter = FinancialQuarter.parse(value)
        return queryset.filter(financial_year=quarter.year, quarter=quarter.quarter)


class ReturnApiFilter(ReturnFilter):
    """The list's filters, plus the grant's id for API clients."""

    grant = django_filters.NumberFilter(field_name="grant", label="Grant id")

    class Meta(ReturnFilter.Meta):
        fields = [*ReturnFilter.Meta.fields, "grant"]
