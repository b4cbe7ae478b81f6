"""Forms for recording consent, checking it, its withdrawal, and a refusal."""

from __future__ import annotations

from django import forms

from opendsr.register.models import ConsentScope, GivenBy
from opendsr.web.forms import DateField, Form


class ConsentForm(Form):
    scope = forms.MultipleChoiceField(
        label="What did they consent to?",
        choices=ConsentScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what they consented to"},
    )
    given_by = forms.ChoiceField(
        label="Who gave consent?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who gave consent"},
    )
    given_on = DateField(label="Date consent was given", not_in_future=True)
    capacity_notes = forms.CharField(
        label="Capacity and competence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How you judged their capacity or competence to decide, and how they were supported to decide",
    )
    best_interests_record = forms.CharField(
        label="Best interests decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If a best interests decision was made: who was involved, and why it is in their best interests",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(GivenBy.choices)
        self.fields["given_by"].choices = [(value, labels[value]) for value in allowed]
        self.fields["given_on"].error_messages["required"] = "Enter the date consent was given"


class ConsentCheckForm(Form):
    checked_on = DateField(label="Date consent was checked", not_in_future=True)
    given_by = forms.ChoiceField(
        label="Who confirmed they still agree?",
        widget=forms.RadioSelect,
        help_text="When someone else consented for them, ask the person themselves once they are old enough",
        error_messages={"required": "Choose who confirmed they still agree"},
    )
    notes = forms.CharField(
        label="What was discussed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(GivenBy.choices)
        self.fields["given_by"].choices = [(value, labels[value]) for value in allowed]
        self.fields["checked_on"].error_messages["required"] = "Enter the date consent was checked"


class ConsentWithdrawForm(Form):
    withdrawn_on = DateField(label="Date consent was withdrawn", not_in_future=True)
    notes = forms.CharField(
        label="What they said, and what happens next (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].error_messages["required"] = "Enter the date consent was withdrawn"


class ConsentRefusedForm(Form):
    reasons = forms.CharField(
        label="Why consent was not given",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why consent was not given"},
    )
    alternative_offered = forms.CharField(
        label="What was offered instead",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a Care (Education) and Treatment Review (C(E)TR) without being on the register",
    )
    revisit_on = DateField(label="When to ask again (optional)", required=False)
