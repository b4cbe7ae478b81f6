"""Forms for requesting a C(E)TR, deciding the request, an appeal, and a decline."""

from __future__ import annotations

from django import forms

from opendsr.reviews.models import AppealOutcome, RequestedBy
from opendsr.web.forms import Form, area_field, date_field, radio_field, text_field


class RequestForm(Form):
    requested_on = date_field(
        "Date of the request", required=True, past=True, error="Enter the date of the request"
    )
    requested_by = radio_field(
        "Who asked for the review?", RequestedBy.choices, "Choose who asked for the review"
    )
    requester_name = text_field("Their name (optional)")
    reason = area_field("Why did they ask?", required=True, error="Enter why they asked for a review")
    first_steps = area_field("What was done first to address the concern")


class DecisionForm(Form):
    decision = radio_field(
        "What was decided?",
        [("agreed", "Agreed: organise the review"), ("declined", "Not agreed")],
        "Choose a decision",
    )
    decided_on = date_field(
        "Date of the decision", required=True, past=True, error="Enter the date of the decision"
    )
    reasons = area_field("Reasons", help_text="Needed when the review is not agreed")
    communicated_on = date_field("Decision told to them on", past=True)


class AppealForm(Form):
    appealed_on = date_field(
        "Date of the appeal", required=True, past=True, error="Enter the date of the appeal"
    )
    grounds = area_field("Why they appealed", required=True, error="Enter why they appealed")
    outcome = forms.ChoiceField(
        label="Outcome (when decided)",
        choices=AppealOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    decided_on = date_field("Date of the appeal decision", past=True)
    reasons = area_field("Reasons for the appeal decision")


class DeclineForm(Form):
    declined_on = date_field(
        "Date they declined", required=True, past=True, error="Enter the date they declined"
    )
    reasons = area_field(
        "Their reasons", required=True, error="Enter their reasons, in their words if you can"
    )
    alternative_offered = area_field("What was offered instead", help_text="For example, a desktop review")
    revisit_on = date_field("When to ask them again")
