"""Forms for the meeting: that it was held, findings, safeguarding, the rating decision and actions."""

from __future__ import annotations

from django import forms

from opendsr.register.models import DecidedRating
from opendsr.reviews.models import ActionStatus, SafeguardingLevel
from opendsr.web.forms import Form, area_field, date_field, radio_field, text_field


class MeetingForm(Form):
    held_on = date_field(
        "Date the review was held", required=True, past=True, error="Enter the date the review was held"
    )
    why_not_community = area_field(
        "Why can their care not be given in the community now?",
        help_text="For inpatient reviews: what the person needs from hospital that the community cannot give yet",
    )
    previous_actions_notes = area_field(
        "What the panel found about the last review's actions",
        help_text="Which were done, and why any were not",
    )

    def __init__(self, *args, inpatient: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not inpatient:
            del self.fields["why_not_community"]


class FindingForm(Form):
    not_discussed = forms.BooleanField(label="This was not discussed at the review", required=False)
    findings = area_field("What the panel found", rows=6)
    person_said = area_field("What the person said, in their words")
    family_said = area_field("What their family or carers said")
    evidence = area_field("Evidence the panel saw")
    differing_opinions = area_field("Where the panel did not agree (optional)", rows=3)
    human_rights_concerns = area_field("Human rights concerns (optional)", rows=3)


class SafeguardingForm(Form):
    level = radio_field("How serious is it?", SafeguardingLevel.choices, "Choose the level of response")
    raised_on = date_field(
        "Date it was raised", required=True, past=True, error="Enter the date it was raised"
    )
    concern = area_field("What is the concern?", required=True, error="Describe the concern")
    action_taken = area_field("What was done straight away")
    told_whom = area_field(
        "Who was told",
        help_text="For example, the commissioner, the provider's manager, the regional director of nursing",
        rows=3,
    )
    told_at = forms.DateTimeField(
        label="When they were told (optional)",
        required=False,
        help_text="For example, 2027-03-01 14:30",
        error_messages={"invalid": "Enter a date and time like 2027-03-01 14:30"},
    )
    referred_to_local_authority_on = date_field("Referred to the local authority on", past=True)
    cqc_notified_on = date_field("Care Quality Commission (CQC) notified on", past=True)


class SafeguardingReferralForm(Form):
    referred_to_local_authority_on = date_field(
        "Referred to the local authority on",
        required=True,
        past=True,
        error="Enter the date of the referral to the local authority",
    )
    cqc_notified_on = date_field("Care Quality Commission (CQC) notified on", past=True)


class RatingForm(Form):
    rating = radio_field("What rating did the panel decide?", DecidedRating.choices, "Choose a rating")
    rationale = area_field("Why this rating", required=True, error="Explain the panel's rating decision")
    person_view = area_field("What the person said about their rating")
    family_view = area_field("What their family said")
    professional_judgement = area_field("Professional judgement (optional)", rows=3)


class ActionForm(Form):
    text = area_field("What needs to happen", required=True, error="Enter what needs to happen", rows=3)
    owner_name = text_field(
        "Named person who will do it", required=True, error="Enter the named person who will do it"
    )
    owner_organisation = text_field("Their organisation", required=True, error="Enter their organisation")
    due = date_field("Done by", required=True, error="Enter the date it must be done by")


class ActionUpdateForm(Form):
    status = radio_field("Where is this action?", ActionStatus.choices, "Choose where the action is")
    closed_on = date_field("Date it was done or closed", past=True)
    outcome_note = area_field("What happened, or why it was not done")
    last_reviewed_on = date_field("Reviewed at the multi-agency meeting on", past=True)
