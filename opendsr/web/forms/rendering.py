"""Rendering fields and the error summary with the nhsuk-frontend macros, and placing a refusal on a form."""

from __future__ import annotations

from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from jinja2 import pass_context, pass_environment
from markupsafe import Markup

from opendsr.web.forms.fields import (
    DateInputWidget,
)


def field_id(bound: forms.BoundField) -> str:
    """The id the error summary links to: the first input of the field."""
    widget = bound.field.widget
    if isinstance(widget, DateInputWidget):
        return f"{bound.auto_id}_day"
    return bound.auto_id


def _macro(env, component: str, name: str):
    return getattr(env.get_template(f"nhsuk/components/{component}/macro.jinja").module, name)


def _label(bound, opts) -> dict:
    label = {"text": str(bound.label)}
    if opts.get("is_page_heading"):
        label["isPageHeading"] = True
        label["size"] = opts.get("label_size", "l")
    elif opts.get("label_size"):
        label["size"] = opts["label_size"]
    if opts.get("label_classes"):
        label["classes"] = opts["label_classes"]
    return label


def _choice_items(bound, selected: set[str]) -> list[dict]:
    items = []
    for value, text in bound.field.choices:
        value = "" if value is None else str(value)
        items.append(
            {"value": value, "text": str(text), "checked": value in selected, "selected": value in selected}
        )
    return items


@pass_environment
def field(env, bound: forms.BoundField, **opts) -> Markup:
    """Render one bound field with the matching nhsuk-frontend macro."""
    widget = bound.field.widget
    error = {"text": " ".join(str(e) for e in bound.errors)} if bound.errors else None
    hint = opts.get("hint", bound.help_text or None)
    hint = {"text": str(hint)} if hint else None
    value = bound.value()
    common = {"errorMessage": error, "hint": hint, "classes": opts.get("classes")}
    common = {k: v for k, v in common.items() if v}
    attributes = dict(opts.get("attributes", {}))
    if bound.field.required and isinstance(widget, forms.TextInput | forms.Textarea | forms.Select):
        attributes.setdefault("aria-required", "true")

    legend = {"text": str(bound.label)}
    if opts.get("is_page_heading"):
        legend.update(isPageHeading=True, size=opts.get("label_size", "l"))
    elif opts.get("label_size"):
        legend["size"] = opts["label_size"]

    if isinstance(widget, DateInputWidget):
        parts = widget.decompress(value) if not isinstance(value, list) else value
        day, month, year = (list(parts) + [None, None, None])[:3]
        has_error = bool(error)
        return _macro(env, "date-input", "dateInput")(
            {
                "id": bound.auto_id,
                "fieldset": {"legend": legend},
                "items": [
                    {
                        "id": f"{bound.auto_id}_day",
                        "name": f"{bound.html_name}_day",
                        "label": "Day",
                        "value": day or "",
                        "width": 2,
                        "classes": "nhsuk-input--error" if has_error else "",
                    },
                    {
                        "id": f"{bound.auto_id}_month",
                        "name": f"{bound.html_name}_month",
                        "label": "Month",
                        "value": month or "",
                        "width": 2,
                        "classes": "nhsuk-input--error" if has_error else "",
                    },
                    {
                        "id": f"{bound.auto_id}_year",
                        "name": f"{bound.html_name}_year",
                        "label": "Year",
                        "value": year or "",
                        "width": 4,
                        "classes": "nhsuk-input--error" if has_error else "",
                    },
                ],
                **common,
            }
        )
    if isinstance(widget, forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (value or [])}
        items = [
            {k: v for k, v in item.items() if k != "selected"} for item in _choice_items(bound, selected)
        ]
        return _macro(env, "checkboxes", "checkboxes")(
            {
                "idPrefix": bound.auto_id,
                "name": bound.html_name,
                "fieldset": {"legend": legend},
                "items": items,
                **common,
            }
        )
    if isinstance(widget, forms.RadioSelect):
        selected = {"" if value is None else str(value)}
        items = [
            {k: v for k, v in item.items() if k != "selected"}
            for item in _choice_items(bound, selected)
            if item["value"] != ""
        ]
        inline = opts.get("inline", len(items) == 2)
        return _macro(env, "radios", "radios")(
            {
                "idPrefix": bound.auto_id,
                "name": bound.html_name,
                "fieldset": {"legend": legend},
                "items": items,
                "classes": ("nhsuk-radios--inline " if inline else "") + (opts.get("classes") or ""),
                **{k: v for k, v in common.items() if k != "classes"},
            }
        )
    if isinstance(widget, forms.CheckboxInput):
        return _macro(env, "checkboxes", "checkboxes")(
            {
                "idPrefix": bound.auto_id,
                "name": bound.html_name,
                "items": [{"value": "true", "text": str(bound.label), "checked": bool(value)}],
                **common,
            }
        )
    if isinstance(widget, forms.Select):
        selected = {"" if value is None else str(value)}
        return _macro(env, "select", "select")(
            {
                "id": bound.auto_id,
                "name": bound.html_name,
                "label": _label(bound, opts),
                "items": _choice_items(bound, selected),
                "attributes": attributes,
                **common,
            }
        )
    if isinstance(widget, forms.Textarea):
        return _macro(env, "textarea", "textarea")(
            {
                "id": bound.auto_id,
                "name": bound.html_name,
                "label": _label(bound, opts),
                "value": "" if value is None else value,
                "rows": opts.get("rows", widget.attrs.get("rows", 4)),
                "attributes": attributes,
                **common,
            }
        )
    input_type = getattr(widget, "input_type", "text")
    params = {
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": _label(bound, opts),
        "type": input_type,
        "value": "" if value is None or input_type in ("password", "file") else value,
        "attributes": attributes,
        **common,
    }
    for key in ("autocomplete", "inputmode", "spellcheck", "width", "prefix", "suffix"):
        if key in opts:
            params[key] = opts[key]
    if "width" in params:
        params["classes"] = (params.get("classes", "") + f" nhsuk-input--width-{params.pop('width')}").strip()
    return _macro(env, "input", "input")(params)


def _fix_link(request, problem: ValidationError) -> str | None:
    """Where a refusal says the user can put it right (its `link` param, a page name and its arguments), if
    this user may open that page: the error summary then links there rather than to the field."""
    params = problem.params if isinstance(problem.params, dict) else {}
    target = params.get("link")
    user = getattr(request, "user", None)
    if not target or user is None:
        return None
    from opendsr.accounts import access

    name, *args = target
    return access.link(user, name, *args)


def _summary_items(request, errors, href: str) -> list[dict]:
    items = []
    for problem in errors.as_data():
        text = next(iter(problem))
        items.append({"text": str(text), "href": _fix_link(request, problem) or href})
    return items


@pass_context
def error_summary(context, *forms_: forms.BaseForm | None) -> Markup:
    """The NHS.UK error summary for one or more forms, each message linking to its field, or to the page where
    the user can put it right when the refusal names one they may open."""
    request = context.get("request")
    items = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        # A problem with the form as a whole links to its first field, so the link still moves focus there.
        first = next((form[name] for name in form.fields if not form[name].is_hidden), None)
        items += _summary_items(
            request, form.non_field_errors(), f"#{field_id(first)}" if first else "#maincontent"
        )
        for name in form.fields:
            bound = form[name]
            items += _summary_items(request, bound.errors, f"#{field_id(bound)}")
    if not items:
        return Markup("")
    return _macro(context.environment, "error-summary", "errorSummary")(
        {"titleText": "There is a problem", "errorList": items}
    )


def form_errors_title_prefix(*forms_: forms.BaseForm | None) -> str:
    """'Error: ' when any form on the page failed, for the page title."""
    return "Error: " if any(f is not None and f.is_bound and f.errors for f in forms_) else ""


def show_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, against the field it names (or at the top when it names none)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.error_list)


@contextmanager
def refusal_for(name: str):
    """Inside a form's `clean_<name>`: report a service's refusal of this field as the field's own error."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(error.message_dict.get(name) or error.messages) from error
        raise
