"""Forms for the ICS oversight panel's pages. Checks that need the records are the services' (they raise
ValidationError naming the field)."""

from __future__ import annotations

from django import forms

from opendsr.oversight.ics_panel.models import OversightRole, PanelActionStatus
from opendsr.web.forms import DateField, Form

EXAMPLE = "For example, 4 1 2027"


def _text(label, *, required=False, max_length=200, help_text="", error=""):
    field = forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text)
    if error:
        field.error_messages["required"] = error
    return field


def _area(label, *, required=False, help_text="", error="", rows=4, max_length=20_000):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    if error:
        field.error_messages["required"] = error
    return field


class _Named(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "full_name", None) or obj.get_full_name() or obj.email


class _Member(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_role_display()})"


class _Members(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_role_display()}, {obj.organisation})"


class MemberForm(Form):
    name = _text("Full name", required=True, error="Enter their full name")
    role = forms.ChoiceField(
        label="Their role on the panel",
        choices=OversightRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role on the panel"},
        help_text="Section 18 of the policy asks for each of the first six",
    )
    organisation = _text("Their organisation", required=True, error="Enter their organisation")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    user = _Named(
        label="Their OpenDSR account (optional)",
        required=False,
        queryset=None,
        empty_label="They have no account",
        help_text="So they see the panel's agenda, papers and actions",
    )
    is_chair = forms.BooleanField(label="They chair the panel", required=False)
    left_on = DateField(
        label="Date they left the panel (optional)",
        required=False,
        not_in_future=True,
        help_text=EXAMPLE,
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class MeetingForm(Form):
    date = DateField(
        label="Date of the meeting",
        required=True,
        help_text=EXAMPLE,
        error_messages={"required": "Enter the date of the meeting"},
    )
    starts_at = forms.TimeField(
        label="Start time (optional)",
        required=False,
        help_text="For example, 10:00",
        error_messages={"invalid": "Enter a start time like 10:00"},
    )
    venue = _text(
        "Where it will be held (optional)", max_length=300, help_text="A room and address, or online"
    )
    chair = _Member(
        label="Who will chair it? (optional)", required=False, queryset=None, empty_label="Not decided"
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members


class CancelForm(Form):
    reason = _area("Why is it cancelled?", required=True, error="Enter why the meeting is cancelled", rows=3)


class MinutesForm(Form):
    attendees = _Members(
        label="Which panel members came?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the panel members who came to the meeting"},
    )
    others_present = _area(
        "Others present (optional)",
        help_text="Names and roles of anyone else who came, one on each line",
        rows=3,
    )
    minutes = _area(
        "Minutes",
        required=True,
        error="Enter the minutes of the meeting",
        help_text="What the panel discussed beyond each person: quality intelligence, themes for the ICS "
        "delivery plan, and anything escalated to the regional team",
        rows=8,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members


class AddPersonForm(Form):
    person = _Named(
        label="Who should the panel review?",
        queryset=None,
        empty_label="Choose a person",
        error_messages={"required": "Select who the panel should review"},
    )
    reason = _area(
        "Why should the panel review them?",
        required=True,
        error="Enter why the panel should review them",
        rows=3,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class RemoveForm(Form):
    reason = _area(
        "Why are you taking them off the agenda?",
        required=True,
        error="Enter why you are taking them off the agenda",
        rows=3,
    )


class DiscussionForm(Form):
    decision = _area(
        "What did the panel decide?",
        required=True,
        error="Enter what the panel decided",
        help_text="For example, whether they are safe and well, whether everyone is working towards discharge, "
        "and whether anything is escalated to the regional team",
        rows=5,
    )
    discussion = _area(
        "Notes of the discussion (optional)",
        help_text="Their care and treatment, physical health, safety, restrictions and human rights",
        rows=6,
    )


class ActionForm(Form):
    text = _area("What needs to happen?", required=True, error="Enter what needs to happen", rows=3)
    owner_user = _Named(
        label="Who will do it?",
        required=False,
        queryset=None,
        empty_label="Someone without an OpenDSR account",
        help_text="They see the action in their work",
    )
    owner_name = _text(
        "Name of the person who will do it, if they have no OpenDSR account (optional)", max_length=200
    )
    owner_organisation = _text("Their organisation (optional)", max_length=200)
    due = DateField(
        label="Done by",
        required=True,
        help_text=EXAMPLE,
        error_messages={"required": "Enter the date it must be done by"},
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = owners


class ActionUpdateForm(Form):
    status = forms.ChoiceField(
        label="Where is this action?",
        choices=PanelActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the action is"},
    )
    closed_on = DateField(
        label="Date it was done or closed (optional)", required=False, not_in_future=True, help_text=EXAMPLE
    )
    outcome_note = _area("What happened, or why it was not done (optional)", rows=3)
