from django import forms

from partners.models import Borough
from programmes.models import Indicator, Milestone, Programme
from programmes.periods import FinancialQuarter, financial_year_of
from programmes.services import PeriodValue
from vru.forms import DateInput, GovukFormMixin
from vru.roles import user_display_name, vru_users


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_display_name(obj)


class ProgrammeForm(GovukFormMixin, forms.ModelForm):
    lead_officer = UserChoiceField(queryset=vru_users(), empty_label="Choose the lead officer")
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for a London-wide programme.",
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "description",
            "objectives",
            "priority_areas",
            "lead_officer",
            "status",
            "start_date",
            "end_date",
            "budget",
            "boroughs",
            "target_cohort",
            "intervention_types",
            "prevention_levels",
            "target_groups",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "objectives": forms.CheckboxSelectMultiple,
            "priority_areas": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "start_date": DateInput,
            "end_date": DateInput,
            "budget": forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "0.01"}),
            "intervention_types": forms.CheckboxSelectMultiple,
            "prevention_levels": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "objectives": "Select every objective the programme works towards.",
            "budget": "In pounds, for example 125000.00.",
            "intervention_types": "The Youth Endowment Fund Toolkit approaches the programme uses, with their impact.",
        }
        error_messages = {
            "title": {"required": "Enter the programme's title."},
            "objectives": {"required": "Select at least one objective."},
            "start_date": {"required": "Enter the start date.", "invalid": "Enter the start date as a real date."},
            "end_date": {"required": "Enter the end date.", "invalid": "Enter the end date as a real date."},
            "budget": {"required": "Enter the budget.", "invalid": "Enter the budget as an amount, like 1250.00."},
            "status": {"required": "Choose the programme's status."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].error_messages["required"] = "Choose the lead officer."
        self.fields["intervention_types"].label_from_instance = lambda item: (
            f"{item.name} ({item.get_impact_band_display().lower()} impact)"
        )
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0]]
        for name in ("boroughs", "intervention_types"):
            self.fields[name].css_group = "vru-columns-3" if name == "boroughs" else "vru-columns-2"

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MilestoneForm(GovukFormMixin, forms.ModelForm):
    owner = UserChoiceField(queryset=vru_users(), empty_label="Choose the owner")

    class Meta:
        model = Milestone
        fields = ["title", "due_date", "owner", "rag", "done_date"]
        widgets = {"due_date": DateInput, "done_date": DateInput, "rag": forms.RadioSelect}
        help_texts = {"done_date": "Leave empty until the milestone is done."}
        error_messages = {
            "title": {"required": "Enter the milestone."},
            "due_date": {"required": "Enter the due date.", "invalid": "Enter the due date as a real date."},
            "done_date": {"invalid": "Enter the done date as a real date."},
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["owner"].error_messages["required"] = "Choose who owns the milestone."
        self.fields["rag"].choices = [c for c in self.fields["rag"].choices if c[0]]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IndicatorForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline", "aggregation", "counts_people"]
        widgets = {
            "direction": forms.RadioSelect,
            "aggregation": forms.RadioSelect,
            "unit": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "baseline": forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "0.01"}),
        }
        help_texts = {
            "baseline": "The value before the programme began, if known.",
            "counts_people": "Leave ticked for counts of people (young people mentored, say): outside VRU staff, "
            "small counts are hidden. Untick for sessions, money or percentages.",
        }
        labels = {"counts_people": "This indicator counts people"}
        error_messages = {
            "name": {"required": "Enter the indicator's name."},
            "unit": {"required": "Enter the unit, for example young people."},
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        for name in ("direction", "aggregation"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def quarter_choices(programme) -> list[tuple[str, str]]:
    """Quarters from the year before the programme to the year after, so a wrong one can be corrected."""
    first = FinancialQuarter(financial_year_of(programme.start_date) - 1, 1)
    last = FinancialQuarter(financial_year_of(programme.end_date) + 1, 4)
    return [("", "Choose a quarter")] + [
        (q.label, q.long_label) for q in FinancialQuarter.between(first.start, last.end)
    ]


class IndicatorValueForm(GovukFormMixin, forms.Form):
    period = forms.ChoiceField(label="Quarter", required=False)
    target = forms.DecimalField(max_digits=14, decimal_places=2, required=False)
    actual = forms.DecimalField(max_digits=14, decimal_places=2, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = quarter_choices(programme)
        for name in ("target", "actual"):
            self.fields[name].widget.attrs.update({"class": "govuk-input govuk-input--width-5", "step": "0.01"})
            self.fields[name].error_messages["invalid"] = f"Enter the {name} as a number, like 12 or 12.5."

    def clean(self):
        cleaned = super().clean()
        has_value = cleaned.get("target") is not None or cleaned.get("actual") is not None
        if has_value and not cleaned.get("period"):
            self.add_error("period", "Choose the quarter for this target or actual.")
        return cleaned

    def period_value(self) -> PeriodValue | None:
        if not self.cleaned_data.get("period"):
            return None
        return PeriodValue(
            period=FinancialQuarter.parse(self.cleaned_data["period"]),
            target=self.cleaned_data.get("target"),
            actual=self.cleaned_data.get("actual"),
        )


class BaseIndicatorValueFormSet(forms.BaseFormSet):
    def __init__(self, *args, programme, **kwargs):
        self.programme = programme
        super().__init__(*args, form_kwargs={"programme": programme}, **kwargs)

    def period_values(self) -> list[PeriodValue]:
        return [value for form in self.forms if (value := form.period_value()) is not None]

    def show_row_errors(self, row_errors: dict[int, str]) -> None:
        """Put the service's per-row errors beside the quarter they are about."""
        rows = [form for form in self.forms if form.period_value() is not None]
        for index, message in row_errors.items():
            rows[index].add_error("period", message)

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for number, form in enumerate(self.forms, start=1):
            links.extend(form.error_links(prefix=f"Row {number}: "))
        links.extend(("#values", str(error)) for error in self.non_form_errors())
        return links


IndicatorValueFormSet = forms.formset_factory(
    IndicatorValueForm, formset=BaseIndicatorValueFormSet, extra=0, max_num=60, validate_max=True
)


def initial_values(indicator: Indicator | None, programme) -> list[dict]:
    """One row for each quarter of the programme, filled with what is recorded, plus two spare rows."""
    recorded = {value.period: value for value in indicator.values.all()} if indicator and indicator.pk else {}
    periods = sorted(set(FinancialQuarter.between(programme.start_date, programme.end_date)) | set(recorded))
    rows = [
        {
            "period": period.label,
            "target": recorded[period].target if period in recorded else None,
            "actual": recorded[period].actual if period in recorded else None,
        }
        for period in periods
    ]
    return [*rows, {}, {}]
