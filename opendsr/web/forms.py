"""NHS.UK design-system form rendering for Django forms.

Templates render every field with one call, `{{ field(form["name"]) }}`, which picks the nhsuk-frontend macro
that fits the widget (input, textarea, select, radios, checkboxes, date input). Labels come from the field's
label, hints from its help_text, errors from the bound field. `error_summary(form)` builds the summary that
links each message to its field. Nobody writes form HTML by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from jinja2 import pass_environment
from markupsafe import Markup

from opendsr.policy import dates
from opendsr.policy.dates import EARLIEST
from opendsr.web.today import today as get_today
from opendsr.web.validators import SingleLine

# ---------------------------------------------------------------------------------------------------------
# Error messages
#
# Every form derives from `Form`, which replaces Django's default messages ("This field is required.",
# "Ensure this value has at most 100 characters") with NHS.UK messages that name the field: "Enter the
# postcode", "Last name must be 100 characters or fewer". A message a form sets itself is kept, and a custom
# "Enter ..." message for a required field also names the field in its other messages ("Enter their last
# name" gives "Their last name must be 100 characters or fewer").

_DETERMINERS = (
    "the ",
    "their ",
    "your ",
    "a ",
    "an ",
    "this ",
    "who ",
    "what ",
    "when ",
    "where ",
    "why ",
    "how ",
)
_PREPOSITIONS = {"on", "by", "from", "to", "at", "for"}
_OPTIONAL = re.compile(r"\s*\(optional\)", re.IGNORECASE)
_CHOICE_FIELDS = (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField, forms.NullBooleanField)


def _django_defaults(field: forms.Field) -> dict[str, str]:
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return {code: str(message) for code, message in messages.items()}


def _first_lower(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():  # NHS number, ICB, BSL
        return text
    return text[:1].lower() + text[1:]


def names_for(field: forms.Field, name: str = "") -> tuple[str, str]:
    """How messages name a field: (at the start of a sentence, after "Enter"/"Select").
    A label that names a thing is used as it is: ("Postcode", "the postcode"). A question or a label such as
    "Paid on" is named by the form's own "Enter ..." message when it has one ("Enter the date the referral was
    received"), or quoted: ("The answer to ‘Who made the referral?’", "the answer to ‘Who made the referral?’")."""
    subject = getattr(field, "subject", None)
    if subject:
        return subject[:1].upper() + subject[1:], _first_lower(subject)
    label = field.label if field.label is not None else pretty_name(name or "value")
    label = _OPTIONAL.sub("", str(label)).strip().replace("%", " percent") or "This"
    is_question = label.endswith("?")
    ends_in_preposition = label.rsplit(" ", 1)[-1] in _PREPOSITIONS
    if not (is_question or ends_in_preposition):
        thing = _first_lower(label)
        if not thing.startswith(_DETERMINERS):
            thing = f"the {thing}"
        return label[:1].upper() + label[1:], thing
    required = str(field.error_messages.get("required", ""))
    if required.startswith("Enter ") and required != _django_defaults(field).get("required"):
        thing = required.removeprefix("Enter ").rstrip(".")
        return thing[:1].upper() + thing[1:], thing
    if is_question:
        return f"The answer to ‘{label}’", f"the answer to ‘{label}’"
    noun = getattr(field, "noun", "answer")  # "Paid on", "Done by": quote the label
    return f"The ‘{label}’ {noun}", f"the ‘{label}’ {noun}"


def _limit(field: forms.Field, name: str) -> str:
    """The field's limit written out (200,000), or Django's placeholder when the limit is a validator's own."""
    value = getattr(field, name, None)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "%(limit_value)s"


def nhs_error_messages(field: forms.Field, name: str = "") -> dict[str, str]:
    """NHS.UK messages for the field, by Django error code."""
    subject, thing = names_for(field, name)
    choose = isinstance(field, (*_CHOICE_FIELDS, forms.FileField))
    messages = {
        "required": f"Select {thing}" if choose else f"Enter {thing}",
        "invalid": f"Enter {thing} in the correct format",
        "invalid_choice": f"Select {thing} from the list",
        "invalid_list": f"Select {thing} from the list",
        "invalid_pk_value": f"Select {thing} from the list",
        "max_length": f"{subject} must be {_limit(field, 'max_length')} characters or fewer",
        "min_length": f"{subject} must be {_limit(field, 'min_length')} characters or more",
        "min_value": f"{subject} must be {_limit(field, 'min_value')} or more",
        "max_value": f"{subject} must be {_limit(field, 'max_value')} or less",
        "step_size": f"{subject} must be a multiple of %(limit_value)s",
        "max_digits": f"{subject} must be no more than %(max)s digits long",
        "max_decimal_places": f"{subject} must have no more than %(max)s decimal places",
        "max_whole_digits": f"{subject} must have no more than %(max)s digits before the decimal point",
        "null_characters_not_allowed": f"{subject} must not contain null characters",
        "incomplete": f"Enter all of {thing}",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter {thing} in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"Enter {thing} in the correct format, like https://www.example.com"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{subject} must be a real date and time, like 2027-03-01 14:30"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{subject} must be a real time, like 14:30"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{subject} must be a real date"
    if isinstance(field, forms.FileField):
        messages.update(
            invalid=f"{subject} must be a file",
            missing=f"Select {thing}",
            empty=f"The file for {thing} is empty",
            max_length=f"The name of the file for {thing} must be %(max)d characters or fewer",
            contradiction=f"Either choose a new file for {thing} or remove it, not both",
        )
    return messages


def use_nhs_error_messages(field: forms.Field, name: str = "") -> None:
    """Put NHS.UK messages in place of Django's defaults, keeping any message the form set itself."""
    defaults = _django_defaults(field)
    for code, message in nhs_error_messages(field, name).items():
        current = field.error_messages.get(code)
        if current is None or str(current) == defaults.get(code):
            field.error_messages[code] = message


class Form(forms.Form):
    """The base of every OpenDSR form: Django's default messages become NHS.UK ones that name the field."""

    def full_clean(self):
        # Here rather than in __init__, so fields a form adds in its own __init__ are covered too.
        for name, field in self.fields.items():
            use_nhs_error_messages(field, name)
        super().full_clean()


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


_DAY_OR_MONTH = re.compile(r"[0-9]{1,2}", re.ASCII)
_YEAR = re.compile(r"[0-9]{1,4}", re.ASCII)


class DateField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK error messages.

    Every date is from 1 January 1900 (`opendsr.policy.dates.EARLIEST`). A date of something that happened is
    `not_in_future`; any other date (a review, a deadline) is at most 10 years ahead. `subject` names the date
    in messages when its label is a question ("the date they were paid")."""

    widget = DateInputWidget
    noun = "date"

    def __init__(
        self, *, not_in_future: bool = False, not_before: dt.date | None = None, subject: str = "", **kwargs
    ):
        self.not_in_future = not_in_future
        self.not_before = not_before
        if subject:
            self.subject = subject
        super().__init__(**kwargs)

    def _subject(self) -> str:
        return names_for(self, "date")[0]

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or [None, None, None])][:3]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            return None
        subject = self._subject()
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{subject} must include a {' and '.join(missing)}", code="incomplete")
        day, month, year = parts
        # Only ASCII digits, and no more of them than a date has: "²" or a 5,000-digit year is not a date.
        if not (_DAY_OR_MONTH.fullmatch(day) and _DAY_OR_MONTH.fullmatch(month) and _YEAR.fullmatch(year)):
            raise ValidationError(f"{subject} must be a real date", code="invalid")
        if len(year) < 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{subject} must be a real date", code="invalid") from exc

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        subject = self._subject()
        earliest = max(EARLIEST, self.not_before or EARLIEST)
        latest = get_today() if self.not_in_future else dates.latest_planned(get_today())
        if value < earliest:
            raise ValidationError(f"{subject} must be the same as or after {dates.long_date(earliest)}")
        if value > latest:
            if self.not_in_future:
                raise ValidationError(f"{subject} must be today or in the past")
            raise ValidationError(f"{subject} must be the same as or before {dates.long_date(latest)}")


class DateOfBirthField(DateField):
    """A date of birth: from 1 January 1900 and in the past."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Date of birth")
        kwargs.setdefault("help_text", "For example, 15 3 2008")
        super().__init__(not_in_future=True, **kwargs)

    def validate(self, value):
        forms.Field.validate(self, value)
        problem = dates.date_of_birth_problem(value, today=get_today())
        if problem:
            raise ValidationError(problem)


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


# One set of field makers for every form: a label, whether it is required and the message when it is missing.

DATE_EXAMPLE = "For example, 4 1 2027"


def _needs(field: forms.Field, error: str) -> forms.Field:
    if error:
        field.error_messages["required"] = error
    return field


def text_field(label, *, required=False, max_length=200, help_text="", error="", one_line=""):
    """A one-line answer: a line break in it is refused (it could split an email's header)."""
    return _needs(
        forms.CharField(
            label=label,
            required=required,
            max_length=max_length,
            help_text=help_text,
            validators=[SingleLine(one_line or label.replace(" (optional)", ""))],
        ),
        error,
    )


def area_field(label, *, required=False, help_text="", error="", rows=4):
    """An answer of several lines."""
    return _needs(
        forms.CharField(
            label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
        ),
        error,
    )


def date_field(label, *, required=False, past=False, error="", help_text=DATE_EXAMPLE):
    """A date in three boxes; `past` refuses a date after today."""
    return _needs(DateField(label=label, required=required, not_in_future=past, help_text=help_text), error)


def radio_field(label, choices, error, required=True):
    """One of a few choices, as radios."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": error},
    )


def check_field(label, help_text=""):
    """A tick box that may be left unticked."""
    return forms.BooleanField(label=label, required=False, help_text=help_text)


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


@contextmanager
def refusal_for(name: str):
    """Inside a form's `clean_<name>`: report a service's refusal of this field as the field's own error."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(error.message_dict.get(name) or error.messages) from error
        raise
