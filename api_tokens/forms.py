from django import forms

from vru.forms import GovukFormMixin


class ApiTokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, such as “Monthly returns upload”.",
        error_messages={"required": "Enter a name for the token"},
    )
