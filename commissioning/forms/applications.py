"""The forms of the application pages. They read what a person typed (a date, a number); the services
check the rules and their errors are shown beside these fields."""

from decimal import Decimal
from itertools import groupby

from django import forms

from commissioning.models import AgeBand, BudgetCategory
from commissioning.services.applications import BudgetRow
from partners.models import Borough, Ward
from vru.forms import DateInput, GovukFormMixin, apply_model_errors

STEP_LATER, STEP_COMPLETE = "later", "complete"


class SectionFormMixin(GovukFormMixin):
    """A section's form, whose rules are the service's: its errors are shown as the form's own are."""

    def show_service_errors(self, error) -> None:
        apply_model_errors(self, error)


class NeededToComplete:
    """A field the section needs before it can be marked complete, which the service checks.

    Empty is accepted when saving for later, so the form does not refuse it; it is
    still required, so its label never says "(optional)".
    """

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class CompleteCharField(NeededToComplete, forms.CharField):
    pass


class CompleteDateField(NeededToComplete, forms.DateField):
    pass


class CompleteMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if not value:
            return self.queryset.none()
        return super().clean(value)


def _text(autocomplete: str = "", width: str = "", **attrs) -> forms.TextInput:
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if width:
        attrs["class"] = f"govuk-input govuk-input--width-{width}"
    return forms.TextInput(attrs=attrs)


# --- Starting ---------------------------------------------------------------------------------------------


class OrganisationChoiceForm(GovukFormMixin, forms.Form):
    """Which of the partner's organisations is applying, when they act for more than one."""

    organisation = forms.ModelChoiceField(
        queryset=None,
        label="Which organisation is applying?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the organisation that is applying.",
            "invalid_choice": "Choose one of the organisations you act for.",
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


# --- Organisation details ---------------------------------------------------------------------------------


class OrganisationDetailsForm(SectionFormMixin, forms.Form):
    contact_name = CompleteCharField(
        label="Contact name",
        help_text="The person we should contact about this application.",
        widget=_text("name"),
    )
    contact_role = CompleteCharField(
        label="Their role", help_text="For example, project manager or director.", widget=_text("organization-title")
    )
    contact_email = CompleteCharField(
        label="Their email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_phone = CompleteCharField(
        label="Their telephone number",
        help_text="For international numbers include the country code.",
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input govuk-input--width-20"}
        ),
    )
    address = CompleteCharField(
        label="Your organisation's address",
        help_text="Without the postcode.",
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    postcode = CompleteCharField(label="Postcode", widget=_text("postal-code", "10"))
    charity_number = forms.CharField(
        label="Registered charity number",
        required=False,
        help_text="If your organisation is a registered charity. For example, 1123456 or SC012345.",
        widget=_text(width="10"),
    )
    company_number = forms.CharField(
        label="Company number",
        required=False,
        help_text="If your organisation is registered at Companies House. For example, 01234567.",
        widget=_text(width="10"),
    )

    def service_values(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


# --- The project ------------------------------------------------------------------------------------------


class ProjectForm(SectionFormMixin, forms.Form):
    project_title = CompleteCharField(label="Project title")
    project_summary = CompleteCharField(
        label="Summary",
        help_text="One or two sentences, no more than 500 characters. If the project is funded, this is published.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    project_description = CompleteCharField(
        label="Describe the project",
        help_text="What you will do, where, with whom and how often, and what will be different for young people.",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    start_date = CompleteDateField(
        label="Start date",
        widget=DateInput,
        error_messages={"invalid": "Enter the start date as a real date, like 1 April 2027."},
    )
    end_date = CompleteDateField(
        label="End date",
        widget=DateInput,
        error_messages={"invalid": "Enter the end date as a real date, like 31 March 2028."},
    )

    def service_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


# --- Boroughs and wards -----------------------------------------------------------------------------------


class WardChoiceField(CompleteMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AreaForm(SectionFormMixin, forms.Form):
    """The boroughs, and the wards of the boroughs chosen so far.

    Without JavaScript the wards offered are those of the boroughs saved (and of
    the boroughs ticked, after "Show the wards of these boroughs").
    """

    boroughs = CompleteMultipleChoiceField(
        queryset=Borough.objects.order_by("name"),
        label="Which boroughs does the project serve?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose boroughs from the list."},
    )
    wards = WardChoiceField(
        queryset=Ward.objects.none(),
        label="Which wards does the project work in?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose wards of the boroughs you have chosen."},
    )

    def __init__(self, *args, ward_boroughs, wards_needed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward_boroughs = list(ward_boroughs)
        wards = self.fields["wards"]
        wards.queryset = (
            Ward.objects.filter(borough__in=[b.pk for b in self.ward_boroughs])
            .select_related("borough")
            .order_by("borough__name", "name")
        )
        if not wards_needed:
            wards.required = False

    @property
    def ward_groups(self):
        """The ward checkboxes by borough, each borough with its wards (or none recorded)."""
        options = list(self["wards"])
        by_borough = {
            pk: list(items)
            for pk, items in groupby(options, key=lambda option: option.data["value"].instance.borough_id)
        }
        return [(borough, by_borough.get(borough.pk, [])) for borough in sorted(self.ward_boroughs, key=str)]

    def service_values(self) -> dict:
        return {"boroughs": list(self.cleaned_data["boroughs"]), "wards": list(self.cleaned_data["wards"])}


# --- Objectives -------------------------------------------------------------------------------------------


class ObjectivesForm(SectionFormMixin, forms.Form):
    objectives = CompleteMultipleChoiceField(
        queryset=None,
        label="Which of the round's objectives does the project address?",
        help_text="Choose every objective that applies.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose objectives from the list."},
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = round.objectives.order_by("number")


# --- The budget -------------------------------------------------------------------------------------------


class BudgetLineForm(GovukFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(
        choices=[("", "Choose a category"), *BudgetCategory.choices],
        label="Category",
        error_messages={"required": "Choose what kind of cost this is."},
    )
    description = forms.CharField(
        label="What it pays for",
        help_text="For example, two part-time youth workers for 40 weeks.",
        error_messages={"required": "Enter what this line pays for."},
    )
    amount = forms.DecimalField(
        label="Amount (£)",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}),
        error_messages={
            "required": "Enter the amount.",
            "min_value": "The amount must be more than £0.",
            "invalid": "Enter the amount as a number, like 1250.50.",
            "max_decimal_places": "Enter the amount in pounds and pence, like 1250.50.",
            "max_digits": "The amount is too large.",
            "max_whole_digits": "The amount is too large.",
        },
    )

    def budget_row(self) -> BudgetRow:
        data = self.cleaned_data
        return BudgetRow(
            category=data["category"], description=data["description"], amount=data["amount"], id=data.get("id")
        )


class BaseBudgetFormSet(forms.BaseFormSet):
    """Every line is treated alike: left blank it is ignored, filled in it is checked, ticked it is removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []

    def _construct_form(self, i, **kwargs):
        return super()._construct_form(i, empty_permitted=True, use_required_attribute=False, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this line when saving"
        form.fields["DELETE"].widget.attrs["class"] = "govuk-checkboxes__input"

    def kept_forms(self) -> list[BudgetLineForm]:
        return [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def budget_rows(self) -> list[BudgetRow]:
        return [form.budget_row() for form in self.kept_forms()]

    def show_service_errors(self, error) -> None:
        """Put the service's errors, numbered as the lines it was given, beside the fields they are about."""
        kept = self.kept_forms()
        for index, fields in error.row_errors.items():
            for name, messages in fields.items():
                kept[index].add_error(name if name in kept[index].fields else None, messages)
        self.problems.extend(error.budget_errors)

    def error_links(self) -> list[tuple[str, str]]:
        links = [("#budget-lines", problem) for problem in self.problems]
        for number, form in enumerate(self.forms, start=1):
            if form.is_bound:
                links.extend(form.error_links(prefix=f"Line {number}: "))
        links.extend(("#budget-lines", str(error)) for error in self.non_form_errors())
        return links

    def with_another_row(self) -> "BaseBudgetFormSet":
        """The same lines, as typed, plus a blank one: for "Add another line", without showing errors yet."""
        rows = [{name: form[name].value() for name in form.fields} for form in self.forms]
        return type(self)(prefix=self.prefix, initial=[*rows, {}])


BudgetFormSet = forms.formset_factory(
    BudgetLineForm,
    formset=BaseBudgetFormSet,
    extra=0,
    can_delete=True,
    max_num=50,
    validate_max=True,
    absolute_max=60,
)


def initial_budget(lines) -> list[dict]:
    """The saved lines as rows, plus a blank one for the next."""
    rows = [
        {"id": line.pk, "category": line.category, "description": line.description, "amount": line.amount}
        for line in lines
    ]
    return [*rows, {}]


# --- Expected reach ---------------------------------------------------------------------------------------


class ReachForm(SectionFormMixin, forms.Form):
    """A count of young people per age band; a band left empty has no estimate."""

    hide_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band in AgeBand:
            phrase = f"aged {band.label.lower()}"
            self.fields[band.value] = forms.IntegerField(
                label=f"Young people {phrase}",
                required=False,
                min_value=0,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}),
                error_messages={
                    "invalid": f"Enter the number of young people {phrase} as a whole number, like 25.",
                    "min_value": f"The number of young people {phrase} must be 0 or more.",
                },
            )

    def counts(self) -> dict[str, int | None]:
        return {band: self.cleaned_data.get(band) for band in AgeBand.values}


# --- The round's questions --------------------------------------------------------------------------------


class QuestionsForm(SectionFormMixin, forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            hints = [question.hint] if question.hint else []
            if question.word_limit:
                hints.append(f"No more than {question.word_limit} words.")
            field_class = CompleteCharField if question.required else forms.CharField
            self.fields[f"question_{question.pk}"] = field_class(
                label=question.text,
                required=question.required,
                help_text=" ".join(hints),
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(f"question_{question.pk}") or "" for question in self.questions}
