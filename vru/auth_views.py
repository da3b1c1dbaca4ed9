"""Django's sign-in and password views, with the site's forms and error summary."""

from django.contrib.auth import views as auth_views

from vru import auth_forms
from vru.context_processors import landing_url


class ErrorSummaryMixin:
    """Puts the form's errors into ``error_links`` for the summary at the top of the page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        if form is not None and form.is_bound and form.errors:
            context["error_links"] = form.error_links()
        return context


class SignInView(ErrorSummaryMixin, auth_views.LoginView):
    authentication_form = auth_forms.SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


class PasswordChangeView(ErrorSummaryMixin, auth_views.PasswordChangeView):
    form_class = auth_forms.PasswordChangeForm


class PasswordResetView(ErrorSummaryMixin, auth_views.PasswordResetView):
    form_class = auth_forms.PasswordResetForm


class PasswordResetConfirmView(ErrorSummaryMixin, auth_views.PasswordResetConfirmView):
    form_class = auth_forms.SetPasswordForm
