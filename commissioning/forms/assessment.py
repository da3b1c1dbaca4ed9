"""The forms of the assessment pages. They check what a person typed; the services check the rules."""

from decimal import Decimal

from django import forms

from commissioning.models import MAX_SCORE, Recommendation, TrancheCondition
from commissioning.services.awards import TrancheSpec
from partners.forms.plans import RequiredWhenChoiceField, RequiredWhenField
from programmes.models import Programme
from programmes.periods import FinancialQuarter
from vru.forms import DateInput, GovukFormMixin
from vru.roles import user_display_name

YES_NO = [("yes", "Yes"), ("no", "No")]
SCORE_CHOICES = [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


def _yes_no(label, message, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": message},
        **kwargs,
    )


def _textarea(rows=4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _money_field(**kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}),
        **kwargs,
    )


class ServiceErrorsMixin:
    def show_errors(self, error) -> None:
        """A service's ValidationError beside the fields it names, the rest at the top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(self.error_fields.get(name, name) if name != "__all__" else None, messages)

    error_fields: dict[str, str] = {}

    def add_error(self, field, error):
        super().add_error(field if field in self.fields else None, error)


# --- Eligibility and assessors ---------------------------------------------------------------------


class EligibilityForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    eligible = _yes_no("Is the application eligible?", "Choose yes if the application is eligible, or no.")
    notes = RequiredWhenField(
        label="Notes",
        widget=_textarea(5),
        help_text="If it is not eligible, say why: the applicant will see this as the reasons.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("eligible") is False and not (cleaned.get("notes") or "").strip():
            self.add_error("notes", "Say why the application is not eligible: the applicant will see this.")
        return cleaned


class AssessorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user_display_name(user)


class AssessorsForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    assessors = AssessorChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Who should assess the application?",
        help_text="Choose one or more people. Each declares any conflict of interest before scoring.",
        error_messages={"required": "Choose at least one person to assess the application."},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = people
        self.fields["assessors"].css_group = "vru-columns-2"


# --- Conflicts and scores -----------------------------------------------------------------------------


class ConflictForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    has_conflict = _yes_no(
        "Do you have a conflict of interest?",
        "Choose yes if you have a conflict of interest, or no.",
        help_text="For example, you work with or for the organisation, or are close to someone who does.",
    )
    conflict_details = RequiredWhenField(
        label="Details of the conflict",
        widget=_textarea(4),
        help_text="Needed if you answer yes: what the conflict is.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_conflict") and not (cleaned.get("conflict_details") or "").strip():
            self.add_error("conflict_details", "Describe your conflict of interest.")
        return cleaned


class ScoreForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    """A score and a comment per criterion, the recommendation and an overall comment.

    Nothing is required here: saving for later keeps whatever is given, and the service
    says what is missing when the assessor submits.
    """

    recommendation = RequiredWhenChoiceField(
        label="Do you recommend funding the application?", choices=Recommendation.choices, widget=forms.RadioSelect
    )
    comment = RequiredWhenField(label="Overall comment", widget=_textarea(5), help_text="Your view of the whole.")

    def __init__(self, *args, criteria, assessment, **kwargs):
        existing = {score.criterion_id: score for score in assessment.scores.all()}
        initial = {"recommendation": assessment.recommendation, "comment": assessment.comment}
        for criterion in criteria:
            score = existing.get(criterion.pk)
            initial[f"score_{criterion.pk}"] = str(score.score) if score else None
            initial[f"comment_{criterion.pk}"] = score.comment if score else ""
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            fields[f"score_{criterion.pk}"] = RequiredWhenChoiceField(
                label=f"Score for “{criterion.title}”",
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                help_text=f"0 is none of what we look for, {MAX_SCORE} is all of it.",
            )
            fields[f"comment_{criterion.pk}"] = RequiredWhenField(
                label=f"Comment on “{criterion.title}”", widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields = {**fields, **self.fields}
        for name, field in fields.items():
            if name.startswith("comment_"):
                field.widget.attrs["class"] = "govuk-textarea"

    @property
    def groups(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def score_rows(self):
        from commissioning.services.assessment import ScoreRow

        rows = []
        for criterion in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            rows.append(
                ScoreRow(
                    criterion_id=criterion.pk,
                    score=int(score) if score not in (None, "") else None,
                    comment=self.cleaned_data.get(f"comment_{criterion.pk}") or "",
                )
            )
        return rows

    def show_errors(self, error) -> None:
        for pk, fields in getattr(error, "criterion_errors", {}).items():
            for name, messages in fields.items():
                self.add_error(f"{name}_{pk}", messages)
        other = getattr(error, "field_errors", None)
        if other is None:
            super().show_errors(error)
            return
        for name, messages in other.items():
            self.add_error(name, messages)


class ModerationForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    recommendation = forms.ChoiceField(
        label="The panel’s recommendation",
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the panel’s recommendation."},
    )
    notes = forms.CharField(
        label="The panel’s notes",
        widget=_textarea(6),
        help_text="How the panel reached its recommendation, including any differences between assessors.",
        error_messages={"required": "Enter the panel’s notes: how it reached its recommendation."},
    )


# --- The decision ---------------------------------------------------------------------------------------


class ObjectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, objective):
        return f"{objective.number}. {objective.title}"


class AwardForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    amount = _money_field(
        label="Amount to award (£)",
        min_value=Decimal("0.01"),
        error_messages={
            "required": "Enter the amount to award.",
            "invalid": "Enter the amount as a number, such as 25000 or 25000.50.",
            "min_value": "Enter an amount of more than £0.",
            "max_digits": "Enter a smaller amount.",
            "max_decimal_places": "Enter the amount in pounds and pence, with no more than 2 decimal places.",
        },
    )
    objective = ObjectiveChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label="Objective the grant counts against",
        empty_label=None,
        error_messages={"required": "Choose the objective the grant counts against."},
    )
    start_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the start date.", "invalid": "Enter the start date as a real date."},
    )
    end_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the end date.", "invalid": "Enter the end date as a real date."},
    )
    conditions = forms.CharField(
        required=False, widget=_textarea(4), help_text="What the grantee must do, such as share safeguarding policy."
    )
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.order_by("title"),
        required=False,
        label="Linked programme",
        empty_label="No programme",
        help_text="Accepted monitoring returns' indicator actuals roll up into this programme.",
        widget=forms.Select,
    )
    reasons = forms.CharField(
        required=False,
        label="Message to the applicant",
        widget=_textarea(3),
        help_text="The applicant sees this with the decision.",
    )

    def __init__(self, *args, application, available: Decimal, **kwargs):
        super().__init__(*args, prefix="award", **kwargs)
        self.fields["objective"].queryset = application.objectives.order_by("number")
        self.fields["amount"].help_text = (
            f"No more than the £{application.amount_requested:,.2f} requested "
            f"and the £{max(available, 0):,.2f} left in the fund."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date.")
        return cleaned


class TrancheForm(GovukFormMixin, forms.Form):
    amount = _money_field(
        label="Amount (£)",
        min_value=Decimal("0.01"),
        error_messages={
            "required": "Enter the amount of the payment.",
            "invalid": "Enter the amount as a number, such as 10000.",
            "min_value": "Enter an amount of more than £0.",
            "max_decimal_places": "Enter the amount with no more than 2 decimal places.",
        },
    )
    due_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the due date.", "invalid": "Enter the due date as a real date."},
    )
    condition = forms.ChoiceField(
        label="Released when",
        choices=TrancheCondition.choices,
        error_messages={"required": "Choose when the payment is released."},
    )
    quarter = RequiredWhenChoiceField(
        label="Quarter of the return", help_text="Needed when an accepted return releases the payment."
    )

    def __init__(self, *args, quarters: list[FinancialQuarter], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [("", "None")] + [(q.label, q.long_label) for q in quarters]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("condition") == TrancheCondition.RETURN_ACCEPTED and not cleaned.get("quarter"):
            self.add_error("quarter", "Choose the quarter whose accepted return releases the payment.")
        return cleaned

    def spec(self) -> TrancheSpec:
        data = self.cleaned_data
        quarter = None
        if data["condition"] == TrancheCondition.RETURN_ACCEPTED:
            quarter = FinancialQuarter.parse(data["quarter"])
        return TrancheSpec(
            amount=data["amount"], due_date=data["due_date"], condition=data["condition"], quarter=quarter
        )


class BaseTrancheFormSet(forms.BaseFormSet):
    """The payment schedule: a blank row is ignored, a filled-in one checked, a ticked one removed."""

    def __init__(self, *args, quarters, **kwargs):
        self.quarters = quarters
        self.problems: list[str] = []
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"quarters": self.quarters}

    def _construct_form(self, i, **kwargs):
        return super()._construct_form(i, empty_permitted=True, use_required_attribute=False, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this payment" if index is None else f"Remove payment {index + 1}"
        form.fields["DELETE"].widget.attrs["class"] = "govuk-checkboxes__input"

    def specs(self) -> list[TrancheSpec]:
        return [f.spec() for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def error_links(self) -> list[tuple[str, str]]:
        links = [("#payments", problem) for problem in self.problems]
        for number, form in enumerate(self.forms, start=1):
            if form.is_bound:
                links.extend(form.error_links(prefix=f"Payment {number}: "))
        links.extend(("#payments", str(error)) for error in self.non_form_errors())
        return links

    def as_typed(self, extra_row: bool = False) -> "BaseTrancheFormSet":
        """The same rows as typed, unbound (so no errors show yet), with a blank one added if asked."""
        rows = [{name: form[name].value() for name in form.fields if name != "DELETE"} for form in self.forms]
        return type(self)(prefix=self.prefix, initial=[*rows, {}] if extra_row else rows, quarters=self.quarters)


TrancheFormSet = forms.formset_factory(
    TrancheForm, formset=BaseTrancheFormSet, extra=0, can_delete=True, max_num=24, validate_max=True, absolute_max=30
)


def schedule_initial(specs: list[TrancheSpec]) -> list[dict]:
    return [
        {
            "amount": spec.amount,
            "due_date": spec.due_date,
            "condition": spec.condition,
            "quarter": spec.quarter.label if spec.quarter else "",
        }
        for spec in specs
    ]


class DeclineForm(ServiceErrorsMixin, GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label="Reasons for declining",
        widget=_textarea(6),
        help_text="The applicant sees these reasons.",
        error_messages={"required": "Enter the reasons, which the applicant will see."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="decline", **kwargs)
