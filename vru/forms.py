"""Forms that follow the GOV.UK Design System's patterns.

Every form on the site renders through ``GovukFormRenderer`` and mixes in
``GovukFormMixin``, so labels, hints, "(optional)", error messages beside the
field and the error summary at the top are the same on every page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from vru.validators import add_input_rules

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxSelectMultiple: "",
    forms.RadioSelect: "",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d")


def _css_class_for(widget) -> str:
    for widget_class in type(widget).__mro__:
        if widget_class in _WIDGET_CLASSES:
            return _WIDGET_CLASSES[widget_class]
    return "govuk-input"


def apply_input_rules(field) -> None:
    """The rules every field of its kind obeys on every page (``vru.validators``).

    Text refuses control characters (a password is never shown or exported, so it may hold
    any); dates stay inside the years the site works with; numbers stay below the cap that
    keeps every total inside its column.
    """
    if not isinstance(field.widget, forms.PasswordInput):
        add_input_rules(
            field, text=forms.CharField, dates=(forms.DateField, forms.DateTimeField), amounts=forms.DecimalField
        )


class GovukFormMixin:
    """Adds the GOV.UK classes to widgets, marks fields that have errors, and applies the input rules."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = _css_class_for(widget)
            existing = widget.attrs.get("class", "")
            if css and css not in existing.split():
                widget.attrs["class"] = f"{css} {existing}".strip()

    # A filter saves nothing, so it may look for anything: only forms that change records apply the rules.
    input_rules = True

    def full_clean(self):
        # Here rather than in __init__, so fields a form adds after it (a round's questions) are covered too.
        if self.input_rules:
            for field in self.fields.values():
                apply_input_rules(field)
        super().full_clean()

    def add_error(self, field, error):
        """Every error, from the form's own checks or a service's afterwards, marks its field the same way."""
        super().add_error(field, error)
        self._mark_fields_in_error()

    def _mark_fields_in_error(self):
        for name in self._errors or ():
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            for css, error_css in _ERROR_CLASSES.items():
                if css in classes and error_css not in classes:
                    classes.append(error_css)
            widget.attrs["class"] = " ".join(classes)
            bound = self[name]
            described_by = [f"{bound.auto_id}-error"]
            if bound.help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(described_by)

    def error_links(self, prefix: str = "") -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in the order the fields appear."""
        links = []
        for message in self.non_field_errors():
            links.append(("#main-content", f"{prefix}{message}"))
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = bound.auto_id
            if isinstance(bound.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                anchor = f"{anchor}_0"
            links.extend((f"#{anchor}", f"{prefix}{message}") for message in self.errors[name])
        return links


def apply_model_errors(form, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a model's or service's ValidationError beside the form's own fields."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field_map.get(field, field)
        form.add_error(target if target in form.fields else None, messages)


class GovukFilterForm(GovukFormMixin, forms.Form):
    """The form behind a list's filters: every field is optional, so none says so."""

    hide_optional = True
    input_rules = False
