from __future__ import annotations

from django import forms

from opendsr.referrals.models import Channel, DisputeOutcome, Method, Recipient, Source
from opendsr.referrals.queries import STAGE_CHOICES, criteria
from opendsr.register import queries as register_queries
from opendsr.register.models import Diagnosis, Location
from opendsr.web.forms import DateField, DateOfBirthField, Form, YesNoField, area_field, text_field


class ReferralForm(Form):
    received_on = DateField(
        label="When was the referral received?",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date the referral was received"},
    )
    source = forms.ChoiceField(
        label="Who made the referral?",
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made the referral"},
    )
    channel = forms.ChoiceField(
        label="How was it received?",
        choices=[
            choice for choice in Channel.choices if choice[0] != Channel.ONLINE
        ],  # only the form sends those
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the referral was received"},
    )
    referrer_name = text_field("Referrer's name", help_text="Leave empty if the person referred themselves")
    referrer_role = text_field(
        "Referrer's role or relationship to the person", help_text="For example, community nurse, or mother"
    )
    referrer_organisation = text_field("Referrer's organisation (optional)")
    referrer_email = forms.EmailField(
        label="Referrer's email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    referrer_phone = text_field("Referrer's phone number (optional)", max_length=40)
    referrer_address = area_field("Referrer's postal address (optional)", rows=3)
    reason = area_field(
        "Why are they being referred?",
        required=True,
        help_text="In the referrer's words where you can: what is happening and what worries them",
        error="Enter why they are being referred",
    )
    triggers = forms.MultipleChoiceField(
        label="Which of these apply now?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The signs that someone needs to be on the register (policy section 4)",
    )
    risk_factors = forms.MultipleChoiceField(
        label="Which risk factors apply?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From Appendix 1 of the policy. Tick any you know about.",
    )
    person_agrees = YesNoField(
        label="Does the person know about the referral and agree to it?", required=False
    )
    family_agrees = YesNoField(label="Does their family know about the referral?", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        found = criteria()
        self.fields["triggers"].choices = found["triggers"]
        self.fields["risk_factors"].choices = found["risk_factors"]


class NewPersonForm(Form):
    """The least the register needs to add someone; the rest is added on their record later."""

    nhs_number = text_field("NHS number (optional)", max_length=20, help_text="For example, 485 777 3456")
    given_name = text_field(
        "First name",
        required=True,
        max_length=100,
        error="Enter their first name",
        one_line="Their first name",
    )
    family_name = text_field(
        "Last name", required=True, max_length=100, error="Enter their last name", one_line="Their last name"
    )
    date_of_birth = DateOfBirthField(error_messages={"required": "Enter their date of birth"})
    diagnosis = forms.ChoiceField(
        label="Diagnosis",
        choices=Diagnosis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their diagnosis"},
    )
    location = forms.ChoiceField(
        label="Where are they now?",
        choices=Location.choices,
        widget=forms.RadioSelect,
        initial=Location.COMMUNITY,
    )
    address = area_field("Their address (optional)", rows=3)
    postcode = text_field("Postcode (optional)", max_length=10)
    email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = text_field("Their phone number (optional)", max_length=40)
    team = forms.ModelChoiceField(
        label="Which team will look after them?",
        required=False,
        queryset=None,
        empty_label="Not decided: the DSR lead will allocate them",
        help_text="They appear on this team's work, and on the case manager's caseload",
    )
    case_manager = forms.ModelChoiceField(
        label="Case manager (optional)", required=False, queryset=None, empty_label="Not assigned yet"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = register_queries.teams_for(user)
        self.fields["case_manager"].queryset = register_queries.case_managers_for(user)
        self.fields["team"].initial = user.team_id


class InboxForm(Form):
    q = text_field("Search by name or NHS number", max_length=100)
    stage = forms.ChoiceField(label="Show", choices=STAGE_CHOICES, required=False)
    source = forms.ChoiceField(
        label="Who referred", choices=[("", "Anyone"), *Source.choices], required=False
    )
    channel = forms.ChoiceField(
        label="How received", choices=[("", "Any way"), *Channel.choices], required=False
    )


class LetterForm(Form):
    recipients = forms.MultipleChoiceField(
        label="Who is the letter for?",
        choices=Recipient.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who the letter is for"},
    )
    method = forms.ChoiceField(
        label="How will you send it?",
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to send the letter"},
    )
    sent_on = DateField(
        label="Date sent",
        not_in_future=True,
        help_text="For a PDF, the date you send it. An email is dated the day it goes.",
        error_messages={"required": "Enter the date the letter was sent"},
    )
    version = forms.ChoiceField(
        label="Which version does the person get?",
        help_text="Chosen from their communication needs. Easy read is printed in large text.",
        choices=[("standard", "Standard"), ("easy_read", "Easy read")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        if recipients is not None:
            self.fields["recipients"].choices = [c for c in Recipient.choices if c[0] in recipients]


class NotEligibleForm(LetterForm):
    not_eligible_reason = area_field(
        "Why are they not eligible?",
        required=True,
        help_text="In plain words, as the person will read it",
        error="Explain, in plain words, why they are not eligible",
    )
    signposting = area_field(
        "Who else can help them?",
        required=True,
        help_text="There is no wrong door: name services, with how to contact them, one on each line",
        error="Say who else can help them: there is no wrong door",
    )


class OutcomeByPhoneForm(Form):
    told_on = DateField(
        label="When did you tell them?",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date you told them"},
    )
    told_who = text_field(
        "Who did you tell?",
        required=True,
        max_length=300,
        help_text="For example, Robin and the community nurse who referred them",
        error="Enter who you told, for example the person and the referrer",
        one_line="Who you told",
    )
    notes = area_field("What did you say? (optional)", rows=3)


class DisputeForm(Form):
    disputed_on = DateField(
        label="When did they dispute the decision?",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date they disputed the decision"},
    )
    grounds = area_field(
        "Why do they disagree?", required=True, error="Enter why they disagree with the decision"
    )


class DisputeOutcomeForm(Form):
    outcome = forms.ChoiceField(
        label="What was decided?",
        choices=[c for c in DisputeOutcome.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the dispute"},
    )
    decided_on = DateField(
        label="Date of the decision",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date of the decision"},
    )
    notes = area_field("Why", required=True, error="Explain the decision, as you will explain it to them")


class WithdrawForm(Form):
    reason = area_field(
        "Why is this referral being withdrawn?",
        required=True,
        help_text="For example, it was recorded against the wrong person, or twice",
        error="Enter why the referral is being withdrawn",
        rows=3,
    )


class TemplateForm(Form):
    subject = text_field("Subject", required=True, error="Enter the subject", one_line="The subject")
    body = forms.CharField(
        label="Letter",
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": "Enter the letter"},
    )


class ReferSomeoneForm(Form):
    """A professional refers someone they support (s3). They are the referrer: their name, job and contact
    details come from their account."""

    reason = area_field(
        "Why are you referring them now?",
        required=True,
        help_text="What is happening, what has changed, and what support they have now",
        error="Enter why you are referring them",
    )
    triggers = forms.MultipleChoiceField(
        label="Do any of these apply now? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The signs that someone needs to be on the register (policy section 4)",
    )
    person_agrees = YesNoField(
        label="Does the person know about the referral and agree to it?",
        error_messages={"required": "Choose yes if they know about the referral and agree to it"},
    )
    family_agrees = YesNoField(label="Does their family know about the referral? (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["triggers"].choices = criteria()["triggers"]
