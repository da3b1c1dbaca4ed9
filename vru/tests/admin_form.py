"""The data a browser would post back from an admin change page as it was shown: its editable fields and
each inline's management form and rows. Tests change a few values and post it."""


def _add(data: dict, key: str, value) -> None:
    if value is None or value is False:
        return
    if value is True:
        data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [getattr(item, "pk", item) for item in value]
    else:
        data[key] = getattr(value, "pk", value)


def _form_fields(data: dict, form) -> None:
    for name in form.fields:
        _add(data, form.add_prefix(name), form[name].value())


def admin_form_data(response) -> dict:
    data: dict = {}
    _form_fields(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_fields(data, formset.management_form)
        for form in formset.forms:
            _form_fields(data, form)
    return data
