"""Forms for recording consent, checking it, its withdrawal, and a refusal."""

from __future__ import annotations

from django import forms

from opendsr.register.models import ConsentScope, GivenBy
from opendsr.web.forms import DateField, Form, area_field, radio_field


def _given_by_choices(allowed) -> list[tuple[str, str]]:
    """Who may give or confirm consent for this person (the consent rule's `allowed`), as choices."""
    labels = dict(GivenBy.choices)
    return [(value, labels[value]) for value in allowed]


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
    capacity_notes = area_field(
        "Capacity and competence",
        help_text="How you judged their capacity or competence to decide, and how they were supported to decide",
        rows=3,
    )
    best_interests_record = area_field(
        "Best interests decision",
        help_text=(
            "If a best interests decision was made: the name and role of who made it, who was involved, and why "
            "it is in their best interests"
        ),
        rows=3,
    )
    notes = area_field("Notes (optional)", rows=2)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = _given_by_choices(allowed)
        self.fields["given_on"].error_messages["required"] = "Enter the date consent was given"


class ConsentCheckForm(Form):
    checked_on = DateField(label="Date consent was checked", not_in_future=True)
    given_by = forms.ChoiceField(
        label="Who confirmed they still agree?",
        widget=forms.RadioSelect,
        help_text="When someone else consented for them, ask the person themselves once they are old enough",
        error_messages={"required": "Choose who confirmed they still agree"},
    )
    notes = area_field("What was discussed (optional)", rows=3)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].choices = _given_by_choices(allowed)
        self.fields["checked_on"].error_messages["required"] = "Enter the date consent was checked"


class ConsentWithdrawForm(Form):
    withdrawn_on = DateField(label="Date consent was withdrawn", not_in_future=True)
    next_step = radio_field(
        "What happens next?",
        [
            ("leave", "They leave the register, with the reason ‘consent withdrawn’"),
            ("keep", "The record is kept on another lawful basis"),
        ],
        "Choose what happens next",
    )
    lawful_basis = area_field(
        "The lawful basis for keeping the record (if it is kept)",
        help_text="For example, a safeguarding duty, or a decision in their best interests under the Mental "
        "Capacity Act 2005, and who made it",
        rows=3,
    )
    notes = area_field("What they said (optional)", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].error_messages["required"] = "Enter the date consent was withdrawn"


class ConsentRefusedForm(Form):
    reasons = area_field(
        "Why consent was not given", required=True, error="Say why consent was not given", rows=3
    )
    alternative_offered = area_field(
        "What was offered instead",
        help_text="For example, a Care (Education) and Treatment Review (C(E)TR) without being on the register",
        rows=3,
    )
    revisit_on = DateField(label="When to ask again (optional)", required=False)
