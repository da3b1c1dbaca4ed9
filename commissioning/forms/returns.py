"""The forms of the monitoring-return pages. They check what a person typed; the services check the rules."""

from django import forms
from django.db import models

from commissioning.models import AgeBand
from commissioning.selectors.returns import ReturnFigures
from commissioning.services.returns import ActualRow, ReachRow, SpendRow
from vru.forms import GovukFormMixin
from vru.templatetags.vru_tags import money

SUBMIT = "submit"
SAVE = "save"
NUMBER_INPUT = {"class": "govuk-input govuk-input--width-5", "inputmode": "numeric", "spellcheck": "false"}
MONEY_INPUT = {"class": "govuk-input govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}


class RequiredWhenField(forms.CharField):
    """Needed only in some cases, which the form or the service checks; so never labelled "(optional)"."""

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class ReturnForm(GovukFormMixin, forms.Form):
    """A return's figures as a table of inputs, its progress narrative and risks.

    Every figure may be left blank while the return is saved for later; a blank is
    "not reported" and 0 is "none". The narrative is needed to submit.
    """

    # The narrative is needed only to submit, so the browser must not insist on it when saving.
    use_required_attribute = False

    progress = RequiredWhenField(
        label="Progress narrative",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the project did this quarter, what went well and what did not. Needed to submit the return. "
        "Give counts, never names of young people.",
    )
    risks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Anything that could stop the project delivering, and what you are doing about it.",
    )

    def __init__(self, *args, figures: ReturnFigures, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = figures
        self.submitting = submitting
        for line, amount in figures.spend:
            name = f"{line.get_category_display()}: {line.description}"
            self.fields[f"spend_{line.pk}"] = forms.DecimalField(
                label=f"Spend on {name}",
                max_digits=14,
                decimal_places=2,
                min_value=0,
                required=False,
                initial=amount,
                help_text=f"In pounds. {money(line.amount)} is budgeted for the whole grant.",
                widget=forms.TextInput(attrs=MONEY_INPUT),
                error_messages={
                    "invalid": f"Enter the spend on {name} as a number of pounds, like 1250.50.",
                    "min_value": f"The spend on {name} must be £0 or more.",
                    "max_decimal_places": f"Enter the spend on {name} with no more than 2 decimal places.",
                    "max_digits": f"Enter a spend on {name} of less than £1,000,000,000,000.",
                },
            )
        for row in figures.reach:
            for (band, band_label), count in zip(AgeBand.choices, row.counts, strict=True):
                what = f"young people aged {band_label.lower()} reached in {row.borough.name}"
                self.fields[f"reach_{row.borough.pk}_{band}"] = forms.IntegerField(
                    label=f"Number of {what}",
                    min_value=0,
                    required=False,
                    initial=count,
                    widget=forms.TextInput(attrs=NUMBER_INPUT),
                    error_messages={
                        "invalid": f"Enter the number of {what} as a whole number, like 12.",
                        "min_value": f"The number of {what} must be 0 or more.",
                    },
                )
        for indicator, actual in figures.actuals:
            self.fields[f"actual_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                max_digits=14,
                decimal_places=2,
                required=False,
                initial=actual,
                widget=forms.TextInput(attrs=MONEY_INPUT),
                error_messages={
                    "invalid": f"Enter the actual for {indicator.name} as a number, like 12 or 12.5.",
                    "max_decimal_places": f"Enter the actual for {indicator.name} with no more than 2 decimal places.",
                    "max_digits": f"Enter an actual for {indicator.name} of less than 1,000,000,000,000.",
                },
            )
        # The narrative and risks come last on the page, after the figures.
        self.order_fields([name for name in self.fields if name not in ("progress", "risks")])

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not (cleaned.get("progress") or "").strip():
            self.add_error("progress", "Enter the progress narrative: a return cannot be submitted without it.")
        return cleaned

    # What the template lays out: each table's cells as bound fields.
    @property
    def spend_fields(self):
        return [(line, self[f"spend_{line.pk}"]) for line, _ in self.figures.spend]

    @property
    def reach_rows(self):
        return [
            (row.borough, [self[f"reach_{row.borough.pk}_{band}"] for band in AgeBand.values])
            for row in self.figures.reach
        ]

    @property
    def actual_fields(self):
        return [(indicator, self[f"actual_{indicator.pk}"]) for indicator, _ in self.figures.actuals]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "progress": data["progress"],
            "risks": data["risks"],
            "spend": [SpendRow(line.pk, data[f"spend_{line.pk}"]) for line, _ in self.figures.spend],
            "reach": [
                ReachRow(row.borough.pk, band, data[f"reach_{row.borough.pk}_{band}"])
                for row in self.figures.reach
                for band in AgeBand.values
            ],
            "actuals": [
                ActualRow(indicator.pk, data[f"actual_{indicator.pk}"]) for indicator, _ in self.figures.actuals
            ],
        }


class ReviewDecision(models.TextChoices):
    ACCEPT = "accept", "Accept the return"
    RETURN = "return", "Return it for revision"


class ReturnReviewForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        help_text="Accepting locks the return for good, releases the payments waiting on it and adds its "
        "indicator actuals to the programme's.",
        error_messages={"required": "Choose whether to accept the return or return it for revision."},
    )
    note = RequiredWhenField(
        label="Note to the grantee",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What they must change, when you return it. You may add a note when you accept it.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ReviewDecision.RETURN and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Enter a note saying what the grantee must change.")
        return cleaned
