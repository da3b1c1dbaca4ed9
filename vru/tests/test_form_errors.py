"""An error a service reports after the form's own checks is shown on its field exactly as the form's own are."""

from django import forms
from django.core.exceptions import ValidationError

from vru.forms import GovukFormMixin, apply_model_errors


class NameForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name", help_text="As on the grant agreement.")


def test_a_service_error_marks_its_field_like_the_forms_own():
    form = NameForm(data={"name": "Southside"})
    assert form.is_valid()
    assert "govuk-input--error" not in form.fields["name"].widget.attrs["class"]

    apply_model_errors(form, ValidationError({"name": "That name is taken by another organisation."}))

    widget = form.fields["name"].widget
    assert "govuk-input--error" in widget.attrs["class"].split()
    assert widget.attrs["aria-describedby"] == "id_name-error id_name_helptext"
    assert form.error_links() == [("#id_name", "That name is taken by another organisation.")]


def test_the_forms_own_errors_are_marked_too():
    form = NameForm(data={"name": ""})
    assert not form.is_valid()
    assert "govuk-input--error" in form.fields["name"].widget.attrs["class"].split()
