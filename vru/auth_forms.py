from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError

from vru import throttle
from vru.forms import GovukFormMixin


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def get_invalid_login_error(self):
        # django-axes marks the request when this failure, or an earlier run of them, locked sign-in.
        if getattr(self.request, "axes_locked_out", False):
            message = throttle.lockout_message(self.request, self.cleaned_data.get("username"))
            return ValidationError(message, code="locked_out")
        return super().get_invalid_login_error()

    def error_links(self, prefix=""):
        # A failed sign-in is about both fields; point the summary at the first.
        return [("#id_username", message) for message in self.non_field_errors()] + [
            link for link in super().error_links(prefix) if link[0] != "#main-content"
        ]


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass
