"""NHS.UK error messages for Django forms, and `Form`, the base of every form."""

from __future__ import annotations

import re

from django import forms
from django.forms.utils import pretty_name

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
