from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from opendsr.policy.emergency_protocol import FOCUSING_QUESTIONS
from opendsr.register.models import DecidedRating
from opendsr.reviews.models import (
    ActionStatus,
    AppealOutcome,
    Gender,
    InviteeRole,
    InviteMethod,
    LaepOption,
    LaepOutcome,
    LaepParticipant,
    PanelMember,
    PanelRole,
    Reply,
    RequestedBy,
    ReviewKind,
    ReviewStatus,
    SafeguardingLevel,
    Specialism,
)
from opendsr.web import uploads
from opendsr.web.forms import Form, YesNoField, area_field, date_field, radio_field, show_refusal, text_field


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


class InviteeForm(Form):
    invite = forms.BooleanField(required=False, label="Invite")
    role = forms.ChoiceField(choices=InviteeRole.choices, label="Role")
    name = text_field("Name")
    organisation = text_field("Organisation")
    email = forms.EmailField(
        required=False,
        label="Email",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    method = forms.ChoiceField(choices=InviteMethod.choices, label="How", required=False)
    must_attend = forms.BooleanField(required=False, widget=forms.HiddenInput)


InviteeFormSet = forms.formset_factory(InviteeForm, extra=0)


class ReplyForm(Form):
    reply = radio_field("What did they say?", [c for c in Reply.choices if c[0]], "Choose their reply")
    replied_on = date_field(
        "Date of the reply", required=True, past=True, error="Enter the date of the reply"
    )


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


class ReportDetailsForm(Form):
    summary = area_field("A short summary in plain words (optional)", rows=3)
    lead_contact = area_field(
        "Who should they contact about the review?",
        required=True,
        error="Say who the person and family should contact",
        help_text="Name, role, phone number and email address",
        rows=3,
    )
    no_actions_reason = area_field("If there are no actions, say why", rows=2)


class SendReportForm(Form):
    method = radio_field(
        "How was it sent?",
        [("email", "By email, with the PDF and easy read summary attached"), ("post", "By post")],
        "Choose how the report was sent",
    )
    sent_on = date_field("Date sent", required=True, past=True, error="Enter the date the report was sent")
    recipients = area_field(
        "Who it went to",
        required=True,
        error="Enter who the report went to",
        help_text="One on each line: a name, then a comma and their email address when sending by email",
        rows=4,
    )

    def clean_recipients(self):
        rows = []
        for line in self.cleaned_data["recipients"].splitlines():
            if not line.strip():
                continue
            name, _, email = line.partition(",")
            email = email.strip()
            if email and "@" not in email:
                raise forms.ValidationError(f"{email} is not an email address")
            rows.append((name.strip(), email))
        return rows


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


class PanelMemberForm(Form):
    name = text_field("Name", required=True, error="Enter their name")
    role = radio_field("Role on a panel", PanelRole.choices, "Choose their role")
    organisation = text_field("Employer or organisation (optional)")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = text_field("Phone number (optional)", max_length=40)
    gender = forms.ChoiceField(label="Gender (optional)", choices=Gender.choices, required=False)
    specialisms = forms.MultipleChoiceField(
        label="Specialisms", choices=Specialism.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    induction_trained_on = date_field("Induction training completed on", past=True)
    availability = area_field("Availability (optional)", rows=2)
    conflicts = area_field("Declared conflicts of interest", rows=3)
    conflict_organisations = area_field(
        "Organisations they have a conflict with",
        help_text="One on each line: where they work or have worked, or have family or financial links",
        rows=3,
    )
    photo = forms.FileField(
        label="Photo (optional)",
        required=False,
        help_text="A JPEG or PNG, up to 2 MB. It is sent to the person with the panel's names before the review.",
    )
    active = forms.BooleanField(label="Available for panels", required=False, initial=True)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        return uploads.photo_from_upload(photo, name=self.cleaned_data.get("name") or "photo")


class PaymentForm(Form):
    fee = forms.DecimalField(label="Fee (£)", min_value=0, max_digits=8, decimal_places=2)
    expenses = forms.DecimalField(
        label="Expenses (£)", min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    expenses_note = text_field("What the expenses were for (optional)", max_length=300)
    paid_on = date_field("Paid on", past=True)


class SettingsForm(Form):
    chair_fee = forms.DecimalField(label="Chair fee (£)", min_value=0, max_digits=8, decimal_places=2)
    clinical_expert_fee = forms.DecimalField(
        label="Clinical expert fee (£)", min_value=0, max_digits=8, decimal_places=2
    )
    expert_by_experience_fee = forms.DecimalField(
        label="Expert by experience fee (£)", min_value=0, max_digits=8, decimal_places=2
    )
    training_valid_months = forms.IntegerField(
        label="Induction training is current for (months)", min_value=1, max_value=120
    )
    request_decision_days = forms.IntegerField(
        label="Working days to decide a request for a C(E)TR, or an appeal against a refusal",
        help_text="Policy section 13.2 leaves this to local process. Each undecided request or appeal is shown "
        "in My work as due this many working days after it was made.",
        min_value=1,
        max_value=60,
        widget=forms.TextInput,
        error_messages={
            "required": "Enter the number of working days to decide a request",
            "invalid": "The number of working days must be a whole number, like 10",
            "min_value": "The number of working days must be between 1 and 60",
            "max_value": "The number of working days must be between 1 and 60",
        },
    )


class KloeForm(Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.value] = forms.CharField(
                label=question.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="One prompt on each line",
            )


def _preference(label):
    return forms.ChoiceField(label=label, choices=[("", "Not chosen"), *LaepOption.choices], required=False)


class LaepForm(Form):
    """A local area emergency protocol meeting (Appendix 8). The questions that focus the discussion are one
    field each, `answer_<key>`; `values()` gives the service its answers as one dict."""

    held_on = date_field(
        "Date of the meeting", required=True, past=True, error="Enter the date of the meeting"
    )
    called_by = text_field(
        "Who called the meeting?",
        required=True,
        max_length=300,
        error="Enter who called the meeting",
        help_text="Their name and role. The lead commissioner makes sure the meeting is organised and chaired.",
    )
    chair = text_field(
        "Who chaired it?", required=True, max_length=300, error="Enter who chaired the meeting"
    )
    attended = forms.MultipleChoiceField(
        label="Who took part?",
        choices=LaepParticipant.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Listening to the person and their family comes first",
    )
    attendees = area_field("Names of those who took part (optional)", rows=3)
    how_person_was_heard = area_field(
        "If the person did not take part, how were their views heard?",
        help_text="For example, through their advocate, or seen by their community nurse beforehand",
        rows=3,
    )
    options_considered = forms.MultipleChoiceField(
        label="Which options did the meeting consider?",
        choices=LaepOption.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    options_notes = area_field("What was said about each option (optional)", rows=4)
    preference_1 = _preference("First preference")
    preference_2 = _preference("Second preference (optional)")
    preference_3 = _preference("Third preference (optional)")
    why_not_home = area_field(
        "If support at home is not the first preference, why can it not work now?",
        help_text="The policy prefers support at home, then a local non-inpatient unit, then a local inpatient "
        "service",
        rows=3,
    )
    out_of_area_approved_by = text_field(
        "Commissioner who approved the out-of-area placement", max_length=300
    )
    out_of_area_approved_on = date_field("Date the out-of-area placement was approved", past=True)
    out_of_area_reason = area_field(
        "Why the out-of-area placement is justified",
        help_text="Clinical need or risk, and the other avenues that were tried",
        rows=3,
    )
    out_of_area_until = date_field("Date the out-of-area placement is approved until")
    outcome = radio_field("What was the outcome?", LaepOutcome.choices, "Choose what the outcome was")
    outcome_details = area_field("What happened (needed for something else)", rows=3)
    updated_plan = area_field(
        "The updated care plan and risk assessment",
        required=True,
        error="Record the updated care plan and risk assessment",
        help_text="What changes, who does what, and by when. For a child or young person, the education, health "
        "and care plan (EHCP) too.",
        rows=6,
    )
    lead_professional = text_field(
        "Lead professional or keyworker who follows up the plan",
        required=True,
        max_length=300,
        error="Enter the lead professional or keyworker who follows up the plan",
    )
    gaps_reported = area_field("Gaps in local support reported to the commissioner (optional)", rows=3)

    QUESTION_FIELDS = tuple(f"answer_{key}" for key, _ in FOCUSING_QUESTIONS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, (key, question) in enumerate(FOCUSING_QUESTIONS, start=1):
            self.fields[f"answer_{key}"] = forms.CharField(
                label=f"{number}. {question}", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )

    @classmethod
    def initial_from(cls, laep) -> dict:
        initial = {name: getattr(laep, name) for name in cls.base_fields}
        initial.update({f"answer_{key}": laep.answers.get(key, "") for key, _ in FOCUSING_QUESTIONS})
        return initial

    def values(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("answer_")}
        data["answers"] = {key: self.cleaned_data.get(f"answer_{key}", "") for key, _ in FOCUSING_QUESTIONS}
        return data

    def refuse(self, error: ValidationError) -> None:
        """Show a service's refusal; "Answer at least one question" belongs to the first question on the form."""
        if hasattr(error, "error_dict") and "answers" in error.error_dict:
            problems = error.message_dict
            problems[self.QUESTION_FIELDS[0]] = problems.pop("answers")
            error = ValidationError(problems)
        show_refusal(self, error)
