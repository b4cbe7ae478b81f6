"""The fields every form uses (dates, dates of birth, yes or no) and the one set of field makers."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

from opendsr.policy import dates
from opendsr.policy.dates import EARLIEST
from opendsr.web.forms.messages import (
    names_for,
)
from opendsr.web.today import today as get_today
from opendsr.web.validators import SingleLine

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
