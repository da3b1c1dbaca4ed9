"""The forms of the grant pages. They check what a person typed; the services check the rules."""

from django import forms
from django.utils import timezone

from commissioning.services.grants import CHANGE_REASON_LENGTH
from programmes.models import Programme
from vru.forms import DateInput, GovukFormMixin

MONEY_INPUT = {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}


def _not_in_future(value, message: str):
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class GrantEditForm(GovukFormMixin, forms.Form):
    conditions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="The conditions of the grant, as the agreement sets them out. The grantee sees them.",
    )
    agreement_signed_on = forms.DateField(
        label="Date the grant agreement was signed",
        widget=DateInput,
        required=False,
        help_text="Recording it releases the payments due when the agreement is signed.",
        error_messages={"invalid": "Enter the date the agreement was signed as a real date."},
    )
    programme = forms.ModelChoiceField(
        label="Linked programme",
        queryset=Programme.objects.order_by("title"),
        required=False,
        empty_label="No linked programme",
        help_text="The indicator actuals of accepted returns roll up into this programme's indicators.",
        error_messages={"invalid_choice": "Choose a programme from the list."},
    )

    def clean_agreement_signed_on(self):
        return _not_in_future(
            self.cleaned_data.get("agreement_signed_on"),
            "The date the agreement was signed must be today or in the past.",
        )


class GrantVaryForm(GovukFormMixin, forms.Form):
    amount = forms.DecimalField(
        label="Amount of the grant",
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs=MONEY_INPUT),
        help_text="In pounds, for example 42500.00. The difference is taken from, or added to, the last payment "
        "still to be released.",
        error_messages={
            "required": "Enter the amount of the grant.",
            "invalid": "Enter the amount as a number of pounds, like 42500.00.",
            "max_decimal_places": "Enter the amount in pounds and pence, with no more than 2 decimal places.",
            "max_digits": "Enter an amount of less than £1,000,000,000,000.",
        },
    )
    start_date = forms.DateField(
        widget=DateInput,
        error_messages={"required": "Enter the start date.", "invalid": "Enter the start date as a real date."},
    )
    end_date = forms.DateField(
        widget=DateInput,
        help_text="A quarter the grant no longer covers loses its return, unless it has been submitted; "
        "a new quarter gets one.",
        error_messages={"required": "Enter the end date.", "invalid": "Enter the end date as a real date."},
    )
    reason = forms.CharField(
        label="Reason for the variation",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept with the grant's record and shown to the grantee.",
        error_messages={"required": "Enter the reason for the variation."},
    )

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount <= 0:
            raise forms.ValidationError("Enter an amount of more than £0.")
        return amount

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date.")
        return cleaned


class TrancheReleaseForm(GovukFormMixin, forms.Form):
    note = forms.CharField(
        label="Note",
        max_length=CHANGE_REASON_LENGTH,
        required=False,
        help_text=f"Why the payment can be released, in up to {CHANGE_REASON_LENGTH} characters. "
        "It is kept in the grant's change history.",
        error_messages={"max_length": f"The note must be {CHANGE_REASON_LENGTH} characters or fewer."},
    )


class TranchePayForm(GovukFormMixin, forms.Form):
    paid_on = forms.DateField(
        label="Date the payment was made",
        widget=DateInput,
        error_messages={
            "required": "Enter the date the payment was made.",
            "invalid": "Enter the date the payment was made as a real date.",
        },
    )

    def clean_paid_on(self):
        return _not_in_future(
            self.cleaned_data.get("paid_on"), "The date the payment was made must be today or in the past."
        )
