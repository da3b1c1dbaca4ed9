from django.contrib import admin


class ReadOnlyTabularInline(admin.TabularInline):
    """A list of related rows to look at and follow; they are changed on their own pages."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InputRulesAdminFormMixin:
    """An admin form obeys the input rules of every page form (``vru.forms.apply_input_rules``)."""

    def full_clean(self):
        from vru.forms import apply_input_rules

        for field in self.fields.values():
            apply_input_rules(field)
        super().full_clean()


def _with_input_rules(form_class):
    if issubclass(form_class, InputRulesAdminFormMixin):
        return form_class
    return type(form_class.__name__, (InputRulesAdminFormMixin, form_class), {"__module__": form_class.__module__})


def apply_input_rules_to_admin(site) -> None:
    """Give every registered admin's forms, and their inlines' forms, the input rules.

    Done once for the whole site when the apps are ready rather than in each of the ~50
    admin classes, so an admin added later (ours or a library's) cannot forget them.
    """
    for model_admin in site._registry.values():
        model_admin.form = _with_input_rules(model_admin.form)
        for inline in model_admin.inlines:
            inline.form = _with_input_rules(inline.form)
