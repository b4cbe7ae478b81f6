"""Forms for finding reviews and organising one: the list, a new review, its arrangements, panel,
checklist and cancelling it."""

from __future__ import annotations

from django import forms

from opendsr.reviews.models import Gender, PanelMember, PanelRole, ReviewKind, ReviewStatus
from opendsr.web.forms import Form, YesNoField, area_field, date_field, radio_field, text_field


class ListForm(Form):
    q = text_field("Search by name", max_length=100)
    status = forms.ChoiceField(label="Status", choices=[("", "Any"), *ReviewStatus.choices], required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("", "Any kind"), *ReviewKind.choices], required=False)


class NewReviewForm(Form):
    kind = radio_field("What kind of review is it?", ReviewKind.choices, "Choose the kind of review")


class ArrangementsForm(Form):
    scheduled_for = date_field("Date of the review", required=True, error="Enter the date of the review")
    starts_at = forms.TimeField(
        label="Start time (optional)",
        required=False,
        help_text="For example, 10:00",
        error_messages={"invalid": "Enter a start time like 10:00"},
    )
    venue = text_field("Where it will be held", max_length=300, help_text="A room, and the address")
    video_link = forms.URLField(
        label="Video link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a video link that starts with https://"},
    )
    reasonable_adjustments = area_field(
        "Reasonable adjustments they have asked for",
        help_text="For example, a quiet room, breaks, easy read papers, meeting in two short parts",
    )
    interpreter_language = text_field("Interpreter needed (language, optional)", max_length=100)
    bsl_needed = forms.BooleanField(label="They need a British Sign Language interpreter", required=False)
    preferred_gender = forms.ChoiceField(
        label="Would they like a panel member of a particular gender?",
        choices=[("", "No preference"), *[c for c in Gender.choices if c[0]]],
        required=False,
    )


class PanelForm(Form):
    chair = forms.ModelChoiceField(label="Chair", queryset=None, required=False, empty_label="Not chosen yet")
    clinical_expert = forms.ModelChoiceField(
        label="Clinical expert", queryset=None, required=False, empty_label="Not chosen yet"
    )
    expert_by_experience = forms.ModelChoiceField(
        label="Expert by experience", queryset=None, required=False, empty_label="Not chosen yet"
    )
    same_panel_next_time = YesNoField(label="Would they like the same panel next time?", required=False)
    accept_warnings = forms.BooleanField(
        label="I have read the warnings and want to go ahead", required=False
    )
    reason = area_field("Why go ahead with this panel?", rows=3)

    def __init__(self, *args, icb, **kwargs):
        super().__init__(*args, **kwargs)
        members = PanelMember.objects.filter(icb=icb, active=True)
        for role in PanelRole.values:
            self.fields[role].queryset = members.filter(role=role)

    def members(self) -> dict:
        return {role: self.cleaned_data.get(role) for role in PanelRole.values}


class ChecklistForm(Form):
    consent_confirmed_on = date_field("Consent for the review confirmed on", past=True)
    advocacy_notified_on = date_field("Advocacy provider told on", past=True)
    panel_confirmed_on = date_field("Panel confirmed on", past=True)
    panel_details_sent_on = date_field("Panel names sent to the person on", past=True)
    papers_shared_on = date_field("Papers shared with the panel on", past=True)


class CancelForm(Form):
    reason = area_field(
        "Why is the review cancelled?", required=True, error="Enter why the review is cancelled", rows=3
    )
