"""Posting an admin change form as a person would: what the page showed, plus their edits."""


def _add(data: dict, form) -> None:
    for bound in (form[name] for name in form.fields):
        value = bound.value()
        key = bound.html_name
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(item) for item in value]
        elif value is not None:
            data[key] = str(value)


def admin_form_data(response) -> dict:
    """The data the admin page in ``response`` would post unchanged: the model's form and
    every inline formset with its management form."""
    data: dict = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add(data, formset.management_form)
        for form in formset.forms:
            _add(data, form)
    return data
