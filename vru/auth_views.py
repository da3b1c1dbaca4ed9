"""Django's sign-in and password views, with the site's forms and error summary."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from vru import auth_forms, throttle
from vru.context_processors import landing_url
from vru.two_factor import policy as two_factor


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

    def get_success_url(self):
        # After the password, the second factor where one is set up or the role requires it.
        return two_factor.after_password_url(self.request, super().get_success_url())


class PasswordChangeView(ErrorSummaryMixin, auth_views.PasswordChangeView):
    form_class = auth_forms.PasswordChangeForm


class PasswordResetView(ErrorSummaryMixin, auth_views.PasswordResetView):
    form_class = auth_forms.PasswordResetForm

    def form_valid(self, form):
        if throttle.password_reset_allowed(email=form.cleaned_data["email"], request=self.request):
            return super().form_valid(form)
        # The same "check your email" page whether or not an email went, or the address exists.
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(ErrorSummaryMixin, auth_views.PasswordResetConfirmView):
    form_class = auth_forms.SetPasswordForm
