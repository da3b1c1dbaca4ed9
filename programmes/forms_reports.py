"""The forms of the performance report pages: build a report now, pick a report, compare two, colour the map."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from programmes.models import ReportKind
from programmes.reporting.periods import ReportPeriod
from vru.forms import GovukFilterForm, GovukFormMixin

# The order periods are offered in: the quarterly report is the one most people want.
KIND_ORDER = (ReportKind.QUARTER, ReportKind.MONTH, ReportKind.YEAR)
BUILD_YEARS = 3


def report_key(report) -> str:
    """How a form names a report: ``quarter/2025-Q1``."""
    return f"{report.kind}/{report.slug}"


def report_choices(reports) -> list:
    """Published reports grouped by kind, newest first, for a select."""
    groups = []
    for kind in KIND_ORDER:
        options = [(report_key(r), r.label) for r in reports if r.kind == kind]
        if options:
            groups.append((ReportKind(kind).label, options))
    return groups


def periods_to_build(today: date, built: set[tuple[str, date]]) -> list:
    """Ended periods of this and the two previous financial years that have no report yet, newest first."""
    first_year = ReportPeriod.containing(ReportKind.YEAR, today).financial_year - (BUILD_YEARS - 1)
    groups = []
    for kind in KIND_ORDER:
        options = []
        period = ReportPeriod.latest_ended(kind, today)
        while period.financial_year >= first_year:
            if (period.kind, period.start) not in built:
                options.append((period.slug, period.label))
            period = period.previous()
        if options:
            groups.append((ReportKind(kind).label, options))
    return groups


class ReportBuildForm(GovukFormMixin, forms.Form):
    """Which period to build a report for. The select lists what is missing; the period itself is checked by
    ``ReportPeriod.parse`` and the request service, so a period typed into the URL is judged the same way."""

    period = forms.CharField(
        label="Period",
        help_text="Periods that have ended and have no report yet, newest first.",
        error_messages={"required": "Choose the period to build a report for"},
        widget=forms.Select,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(choices)

    def offer(self, choices) -> None:
        self.fields["period"].widget.choices = [("", "Choose a period"), *choices]

    def clean_period(self) -> ReportPeriod:
        try:
            return ReportPeriod.parse(self.cleaned_data["period"])
        except ValueError as error:
            raise ValidationError(str(error)) from None


class ReportCompareForm(GovukFilterForm):
    a = forms.ChoiceField(label="First report (A)", error_messages={"required": "Choose the first report (A)"})
    b = forms.ChoiceField(label="Second report (B)", error_messages={"required": "Choose the second report (B)"})

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a report"), *report_choices(reports)]
        for name in ("a", "b"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = "Choose a report from the list"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Choose a different report from the first one")
        return cleaned


class ReportSwitchForm(GovukFilterForm):
    report = forms.ChoiceField(label="Show the report for", error_messages={"required": "Choose a report"})

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = report_choices(reports)
        self.fields["report"].error_messages["invalid_choice"] = "Choose a report from the list"


class ReportMapForm(GovukFilterForm):
    map = forms.ChoiceField(label="Colour the map by", required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["map"].choices = list(choices)
        self.fields["map"].error_messages["invalid_choice"] = "Choose a figure from the list"


class ReportKindFilterForm(GovukFilterForm):
    kind = forms.ChoiceField(label="Kind of report", required=False, choices=[("", "All kinds"), *ReportKind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "Choose monthly, quarterly or financial year"
