from __future__ import annotations

import datetime as dt

from django import forms

from opendsr.accounts.models import Region
from opendsr.policy import add_months
from opendsr.web.forms import Form

PERIOD_CHOICES = [
    ("month", "Month"),
    ("quarter", "Quarter (April to June is the first)"),
    ("year", "Financial year"),
]
MONTHS_OFFERED = 36


class PeriodForm(Form):
    """Which figures to show: a month, quarter or financial year, the month it includes, and rounding."""

    period = forms.ChoiceField(label="Period", choices=PERIOD_CHOICES, required=False)
    ending = forms.ChoiceField(label="Including the month", required=False)
    rounded = forms.BooleanField(label="Round counts to the nearest 5", required=False)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        first = today.replace(day=1)
        self.fields["ending"].choices = [
            (f"{month:%Y-%m}", f"{month:%B %Y}")
            for month in (add_months(first, -n) for n in range(MONTHS_OFFERED))
        ]
        self.today = today

    def choice(self) -> tuple[str, dt.date, bool | None]:
        """(period kind, a day in it, rounding or None for the ICB's own setting); the latest quarter by default."""
        if not self.is_bound or not self.is_valid():
            return "quarter", self.today, None
        data = self.cleaned_data
        ending = self.today
        if data["ending"]:
            year, month = map(int, data["ending"].split("-"))
            ending = min(self.today, dt.date(year, month, 1))
        return data["period"] or "quarter", ending, True if data["rounded"] else None


class SmallNumbersForm(Form):
    threshold = forms.IntegerField(
        label="Hide counts from 1 up to",
        help_text="Counts from 1 up to this number are not shown in the figures. Most ICBs use 7.",
        min_value=1,
        max_value=20,
        widget=forms.TextInput,
        error_messages={
            "required": "Enter the largest count to hide",
            "invalid": "The largest count to hide must be a whole number, like 7",
            "min_value": "The largest count to hide must be between 1 and 20",
            "max_value": "The largest count to hide must be between 1 and 20",
        },
    )
    round_to_5 = forms.BooleanField(label="Round the other counts to the nearest 5", required=False)
    region = forms.ChoiceField(
        label="NHS England region",
        help_text="The regional team sees the anonymised figures of every ICB in its region side by side.",
        choices=Region.choices,
        required=False,
    )
