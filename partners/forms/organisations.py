from django import forms
from django.contrib.auth import forms as auth_forms

from partners.models import Borough, Invitation, Membership, MembershipRole, Organisation
from partners.services.organisations import invited_user, tidy_number, tidy_postcode
from vru.forms import GovukFormMixin

ROLE_HINT = "An organisation admin can also invite colleagues, change their roles and edit the organisation's details."


CSP_HINT = "Only for a borough's Community Safety Partnership, which writes the borough's violence reduction plan."


def _without_blank_choice(field) -> None:
    field.choices = [choice for choice in field.choices if choice[0]]


class OrganisationForm(GovukFormMixin, forms.ModelForm):
    """An organisation's details. Which borough's CSP it is shows only to VRU staff, who alone may set it."""

    boroughs_served = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for an organisation that works across London.",
    )
    # Longer than the model allows, so "SC 012 345" can be typed; it is tidied, then the model checks it.
    charity_number = forms.CharField(
        label="Registered charity number",
        max_length=20,
        required=False,
        help_text="For example 1123456, 1123456-1, SC012345 or NIC100001.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    company_number = forms.CharField(
        max_length=20,
        required=False,
        help_text="Eight characters, for example 01234567 or SC123456.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    postcode = forms.CharField(
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}),
    )
    # Declared so an address typed without its scheme is taken as https, as browsers now do.
    website = forms.URLField(
        assume_scheme="https",
        max_length=200,
        required=False,
        help_text="For example https://www.example.org",
        error_messages={"invalid": "Enter the website's address, like https://www.example.org"},
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "csp_borough",
            "charity_number",
            "company_number",
            "boroughs_served",
            "address",
            "postcode",
            "website",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        }
        labels = {
            "name": "Name",
            "type": "Type of organisation",
        }
        error_messages = {
            "type": {"required": "Choose the type of organisation."},
            "name": {
                "required": "Enter the organisation's name.",
                "unique": "That organisation is already in the directory.",
            },
            "csp_borough": {"unique": "That borough already has its Community Safety Partnership."},
        }

    def __init__(self, *args, can_set_csp: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if can_set_csp:
            self.fields["csp_borough"].empty_label = "Not a Community Safety Partnership"
            self.fields["csp_borough"].help_text = CSP_HINT
        else:
            del self.fields["csp_borough"]
        self.fields["type"].choices = [("", "Choose a type"), *[c for c in self.fields["type"].choices if c[0]]]
        self.fields["boroughs_served"].css_group = "vru-columns-3"

    # Tidied before the model's format check, so a lower-case or spaced number is not refused.
    def clean_charity_number(self):
        return tidy_number(self.cleaned_data["charity_number"])

    def clean_company_number(self):
        return tidy_number(self.cleaned_data["company_number"])

    def clean_postcode(self):
        return tidy_postcode(self.cleaned_data["postcode"])

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class InvitationForm(GovukFormMixin, forms.Form):
    first_name = forms.CharField(
        max_length=150,
        error_messages={"required": "Enter their first name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        max_length=150,
        error_messages={"required": "Enter their last name."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will send the invitation here. It becomes their username.",
        max_length=254,
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        choices=MembershipRole.choices,
        initial=MembershipRole.CONTRIBUTOR,
        widget=forms.RadioSelect,
        help_text=ROLE_HINT,
        error_messages={"required": "Choose their role."},
    )

    def clean_email(self):
        # Whether the address has an account is not checked here: the answer must not tell.
        return self.cleaned_data["email"].strip().lower()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("first_name", "last_name", "email", "role")}


class MembershipRoleForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.RadioSelect}
        help_texts = {"role": ROLE_HINT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_blank_choice(self.fields["role"])


class AcceptInvitationForm(GovukFormMixin, auth_forms.SetPasswordForm):
    """A password chosen twice; Django's validators compare it with the invited person's name and email."""

    error_messages = {"password_mismatch": "The passwords do not match: enter the same password twice."}

    def __init__(self, invitation: Invitation, *args, **kwargs):
        super().__init__(invited_user(invitation), *args, **kwargs)
        self.fields["new_password1"].label = "Create a password"
        self.fields["new_password2"].label = "Confirm your password"
        self.fields["new_password1"].error_messages["required"] = "Enter a password."
        self.fields["new_password2"].error_messages["required"] = "Enter the password again."
