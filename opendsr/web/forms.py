"""NHS.UK design-system form rendering for Django forms.

Templates render every field with one call, `{{ field(form["name"]) }}`, which picks the nhsuk-frontend macro
that fits the widget (input, textarea, select, radios, checkboxes, date input). Labels come from the field's
label, hints from its help_text, errors from the bound field. `error_summary(form)` builds the summary that
links each message to its field. Nobody writes form HTML by hand.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from jinja2 import pass_environment
from markupsafe import Markup

# ---------------------------------------------------------------------------------------------------------
# Fields


class DateInputWidget(forms.MultiWidget):
    """Three boxes: day, month, year (the NHS.UK date input pattern)."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        super().__init__(
            {
                "day": forms.TextInput(attrs={"inputmode": "numeric"}),
                "month": forms.TextInput(attrs={"inputmode": "numeric"}),
                "year": forms.TextInput(attrs={"inputmode": "numeric"}),
            },
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value:
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [str(parsed.day), str(parsed.month), str(parsed.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        # Also accept one ISO value (YYYY-MM-DD) under the plain name, for imports and scripts.
        if name in data and not any(f"{name}_{part}" in data for part in ("day", "month", "year")):
            return self.decompress(data.get(name))
        return super().value_from_datadict(data, files, name)


class DateField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, not_in_future: bool = False, not_before: dt.date | None = None, **kwargs):
        self.not_in_future = not_in_future
        self.not_before = not_before
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or [None, None, None])]
        if not any(parts):
            return None
        label = (self.label or "date").lower()
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{self.label or 'Date'} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(p) for p in parts)
        except ValueError as exc:
            raise ValidationError(f"{self.label or 'Date'} must be a real date") from exc
        if year < 1000:
            raise ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(f"{self.label or 'Date'} must be a real date") from exc
        del label
        return value

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        from opendsr.web.today import today

        if self.not_in_future and value > today():
            raise ValidationError(f"{self.label or 'Date'} must be today or in the past")
        if self.not_before and value < self.not_before:
            raise ValidationError(f"{self.label or 'Date'} must be on or after {self.not_before:%-d %B %Y}")


class YesNoField(forms.TypedChoiceField):
    """A required yes or no question, shown as inline radios; `None` when optional and unanswered."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(
            choices=[("yes", "Yes"), ("no", "No")],
            coerce=lambda v: v == "yes",
            empty_value=None,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


# ---------------------------------------------------------------------------------------------------------
# Rendering


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


@pass_environment
def error_summary(env, *forms_: forms.BaseForm | None) -> Markup:
    """The NHS.UK error summary for one or more forms, each message linking to its field."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        # A problem with the form as a whole links to its first field, so the link still moves focus there.
        first = next((form[name] for name in form.fields if not form[name].is_hidden), None)
        for message in form.non_field_errors():
            items.append({"text": str(message), "href": f"#{field_id(first)}" if first else "#maincontent"})
        for name in form.fields:
            bound = form[name]
            for message in bound.errors:
                items.append({"text": str(message), "href": f"#{field_id(bound)}"})
    if not items:
        return Markup("")
    return _macro(env, "error-summary", "errorSummary")(
        {"titleText": "There is a problem", "errorList": items}
    )


def form_errors_title_prefix(*forms_: forms.BaseForm | None) -> str:
    """'Error: ' when any form on the page failed, for the page title."""
    return "Error: " if any(f is not None and f.is_bound and f.errors for f in forms_) else ""


def show_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, against the field it names (or at the top when it names none)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)
