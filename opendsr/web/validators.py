"""Validators shared by forms across OpenDSR."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")


def has_line_break(value: str | None) -> bool:
    return bool(LINE_BREAK.search(value or ""))


def email_in(text: str | None) -> str:
    """The email address a free-text contact field holds (a carer's contact, say), or "" when it holds none."""
    text = (text or "").strip()
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


class SingleLine:
    """Refuses a line break in a one-line answer (a name, a subject): it would split an email's header."""

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value):
        if has_line_break(value):
            raise ValidationError(f"{self.label} must be on one line", code="line_break")

    def __eq__(self, other):
        return isinstance(other, SingleLine) and other.label == self.label

    def deconstruct(self):
        return ("opendsr.web.validators.SingleLine", (self.label,), {})
