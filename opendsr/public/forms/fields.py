"""The field helpers the public forms share. Every answer has a size limit (a name, a phone number, what is
worrying them), so nothing a visitor sends can fill a page, a letter or the database."""

from __future__ import annotations

from django import forms

from opendsr.register import nhs_numbers
from opendsr.web.validators import SingleLine

MAX_WORRIES = 5000  # what is worrying them: about two pages of writing
MAX_NOTE = 1000

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def line(label, *, required=False, max_length=200, error="", one_line="", help_text=""):
    field = forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        validators=[SingleLine(one_line or label.replace(" (optional)", ""))],
    )
    if error:
        field.error_messages["required"] = error
    return field


def optional_email(label):
    return forms.EmailField(
        label=label, required=False, max_length=254, error_messages={"invalid": EMAIL_FORMAT}
    )


def optional_nhs_number(value: str) -> str:
    """An NHS number someone may leave out, as its 10 digits; a wrong one is refused."""
    digits = nhs_numbers.normalise(value)
    if value and not nhs_numbers.is_valid(digits):
        raise forms.ValidationError("Enter a valid 10-digit NHS number, or leave it empty")
    return digits
