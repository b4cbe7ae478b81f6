from __future__ import annotations

from django import forms

from opendsr.meetings.agenda import CHAIR_SECTIONS
from opendsr.meetings.models import (
    ActionStatus,
    EscalationStatus,
    ManagerLine,
    RatingOutcome,
    RuleKind,
    Sector,
)
from opendsr.register.models import ExitReason
from opendsr.web.forms import DATE_EXAMPLE, DateField, Form, area_field, radio_field, text_field

EXAMPLE = DATE_EXAMPLE


def _whole(label, *, low, high, error, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={"required": error, "invalid": f"{label} must be a whole number"},
    )


def _time(label):
    return forms.TimeField(
        label=label,
        required=False,
        help_text="For example, 10:00",
        error_messages={"invalid": "Enter a time like 10:00"},
    )


def _users(queryset, label, *, required=False, empty="Nobody chosen"):
    return forms.ModelChoiceField(label=label, queryset=queryset, required=required, empty_label=empty)


class StandingMeetingForm(Form):
    name = text_field(
        "Name of the meeting",
        required=True,
        error="Enter the name of the meeting",
        help_text="For example, Northdale DSR meeting (adults)",
    )
    terms_of_reference = area_field(
        "Terms of reference",
        required=True,
        error="Enter the terms of reference",
        help_text="Its purpose, who attends, how often it meets, how decisions are made and recorded, and where it escalates",
        rows=8,
    )
    every_weeks = _whole(
        "How often it meets, in weeks",
        low=1,
        high=12,
        error="Enter how often it meets, in weeks",
        help_text="For example, 2 for fortnightly",
    )
    usual_time = _time("Usual start time (optional)")
    usual_venue = text_field("Usual place or video link (optional)", max_length=300)


class MemberForm(Form):
    name = text_field("Name", required=True, error="Enter the member's name")
    organisation = text_field("Organisation", required=True, error="Enter the member's organisation")
    sector = radio_field(
        "Which part of the system do they represent?",
        Sector.choices,
        "Choose which part of the system they represent",
    )
    role = text_field(
        "Role at the meeting (optional)", max_length=120, help_text="For example, chair or minute taker"
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="The minutes are sent here",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    user = _users(None, "Their OpenDSR account (optional)", empty="They do not use OpenDSR")
    active = forms.BooleanField(label="On the invitation list", required=False, initial=True)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class ScheduleForm(Form):
    first_date = DateField(label="Date of the meeting", required=True, help_text=EXAMPLE)
    count = _whole(
        "How many meetings to schedule",
        low=1,
        high=26,
        error="Enter how many meetings to schedule",
        help_text="More than 1 schedules them at the meeting's rhythm",
    )
    start_time = _time("Start time (optional)")
    venue = text_field("Place or video link (optional)", max_length=300)
    chair = _users(None, "Chair (optional)")

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = users
        self.fields["first_date"].error_messages["required"] = "Enter the date of the meeting"


class AddPersonForm(Form):
    person = forms.ModelChoiceField(
        label="Who",
        queryset=None,
        empty_label="Choose someone",
        error_messages={"required": "Choose who to add", "invalid_choice": "Choose who to add"},
    )
    section = radio_field(
        "Which part of the agenda?", CHAIR_SECTIONS, "Choose the part of the agenda to add them to"
    )
    reason = text_field("Why are they on the agenda? (optional)", max_length=300)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.get_status_display().lower()})"
        )


class RemovePersonForm(Form):
    reason = text_field(
        "Why are they being taken off the agenda?",
        required=True,
        max_length=300,
        error="Say why they are being taken off the agenda",
    )


class AttendanceForm(Form):
    present = forms.MultipleChoiceField(
        label="Who came?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members not ticked are recorded as not present",
    )
    guests = area_field(
        "Guests (optional)",
        help_text="One on each line: their name, a comma, then their organisation",
        rows=3,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(m.pk), f"{m.name}, {m.organisation}") for m in members]


class DiscussionForm(Form):
    note = area_field(
        "Note of the discussion", required=True, error="Enter a short note of the discussion", rows=5
    )
    rating_outcome = radio_field(
        "What did the meeting decide about their rating?",
        RatingOutcome.choices,
        "Choose what the meeting decided about their rating",
    )
    new_rating = radio_field(
        "New rating (if it changed)",
        [("red", "Red"), ("amber", "Amber"), ("green", "Green")],
        "Choose the new rating",
        required=False,
    )
    rationale = area_field(
        "Rationale",
        help_text="Needed when the rating changes: it is shared with the person and the referrer. When the rating "
        "is confirmed, say why it stays: it is shown in their rating history",
        rows=3,
    )
    escalate = forms.BooleanField(label="Escalate to a senior manager", required=False)
    escalation_reason = area_field("Why is it being escalated? (if escalating)", rows=2)
    urgent = forms.BooleanField(label="The escalation is urgent", required=False)
    leave = forms.BooleanField(label="They leave the register", required=False)
    leave_reason = forms.ChoiceField(
        label="Why they leave (if leaving)",
        choices=[("", "Choose a reason"), *ExitReason.choices],
        required=False,
    )
    leave_notes = area_field("Notes about leaving (optional)", rows=2)


class ActionForm(Form):
    text = area_field("What needs to happen", required=True, error="Enter what needs to happen", rows=3)
    owner_user = _users(
        None, "Owner with an OpenDSR account", empty="Someone without an account (name them below)"
    )
    owner_name = text_field("Owner's name (if they have no account)")
    owner_organisation = text_field(
        "Owner's organisation", help_text="Leave empty to use the account's organisation"
    )
    due = DateField(label="Due by", required=True, help_text=EXAMPLE)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = users
        self.fields["due"].error_messages["required"] = "Enter the date the action is due"


class ActionUpdateForm(Form):
    status = radio_field(
        "Where is this action up to?", ActionStatus.choices, "Choose where the action is up to"
    )
    closed_on = DateField(
        label="Date it was closed (optional)", required=False, not_in_future=True, help_text=EXAMPLE
    )
    outcome_note = area_field("What happened, or why it was not done", rows=3)


# --------------------------------------------------------------------------------------------- escalation


class ManagerForm(Form):
    user = _users(None, "Who", required=True, empty="Choose someone")
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=None,
        empty_label="Choose the organisation",
        error_messages={"required": "Choose the organisation"},
    )
    level = _whole(
        "Level",
        low=1,
        high=5,
        error="Enter the level",
        help_text="1 hears first; an escalation not acknowledged in time goes to the next level",
    )
    title = text_field(
        "Level name",
        required=True,
        max_length=120,
        error="Enter the level's name",
        help_text="For example, Team manager, Head of service or Director",
    )
    urgent_only = forms.BooleanField(label="Email only urgent escalations", required=False)
    active = forms.BooleanField(label="Receives escalations", required=False, initial=True)

    def __init__(self, *args, users=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].error_messages["required"] = "Choose who the senior manager is"
        self.fields["organisation"].queryset = organisations


class RuleForm(Form):
    kind = radio_field("What does the rule look for?", RuleKind.choices, "Choose what the rule looks for")
    days = _whole(
        "Number of days",
        low=0,
        high=730,
        error="Enter the number of days",
        help_text="For example 14; for ‘red without change’, 56 is 8 weeks",
    )
    line = radio_field("Who does it go to first?", ManagerLine.choices, "Choose who it goes to")
    urgent = forms.BooleanField(label="Urgent: always emailed at once", required=False)
    acknowledge_within = _whole(
        "Working days to acknowledge",
        low=1,
        high=20,
        error="Enter the working days to acknowledge",
        help_text="After this it moves up a level",
    )
    active = forms.BooleanField(label="The rule is on", required=False, initial=True)


class EscalationFilterForm(Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Not closed"), *EscalationStatus.choices, ("all", "All")],
    )
    whose = forms.ChoiceField(
        label="Whose", required=False, choices=[("mine", "Mine"), ("all", "Everyone's")]
    )
    level = forms.ChoiceField(
        label="Level",
        required=False,
        choices=[("", "Any level"), *[(str(n), f"Level {n}") for n in range(1, 6)]],
    )
    urgent = forms.ChoiceField(
        label="Urgency",
        required=False,
        choices=[("", "Urgent or not"), ("yes", "Urgent"), ("no", "Not urgent")],
    )


class ProgressForm(Form):
    action_taken = area_field("What was done", required=True, error="Enter what was done", rows=4)
    close = forms.BooleanField(label="Close the escalation", required=False)


class EmailChoiceForm(Form):
    urgent_only = forms.BooleanField(
        label="Email me only urgent escalations",
        required=False,
        help_text="The others wait in your list of escalations",
    )
