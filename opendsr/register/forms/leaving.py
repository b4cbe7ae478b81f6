"""The form for a person leaving the register."""

from __future__ import annotations

from django import forms

from opendsr.register.models import ExitReason
from opendsr.web.forms import DateField, Form, area_field, text_field


class LeaveForm(Form):
    reason = forms.ChoiceField(
        label="Why are they leaving the register?",
        choices=ExitReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why they are leaving the register"},
    )
    left_on = DateField(label="Date they left", not_in_future=True)
    new_icb_name = text_field("If they moved, which ICB are they now in?")
    notes = area_field("Notes", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].error_messages["required"] = "Enter the date they left"
