"""Forms for recording timeline events, filtering work queues and choosing reminders. No business rules here:
whether an event fits the person's situation is decided in services.check_event."""

from __future__ import annotations

from django import forms

from opendsr.oversight.work_queue import NEEDS_ALLOCATING, OTHER_KINDS
from opendsr.policy import EventType
from opendsr.register.models import Location, Rating
from opendsr.web.forms import DateField, Form, YesNoField
from opendsr.web.labels import (
    KIND_LABELS,
    REVIEW_KIND_LABELS,
    ROUTE_LABELS,
    SETTING_LABELS,
    event_label,
)


class EventTypeForm(Form):
    type = forms.ChoiceField(
        label="What happened?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )

    def __init__(self, *args, types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(t, event_label(t)) for t in types]


DATE_LABELS = {
    EventType.ADMITTED: "Date of admission",
    EventType.TRANSFERRED: "Date of the move",
    EventType.DIAGNOSED_IN_HOSPITAL: "Date of the diagnosis",
    EventType.DIAGNOSIS_REMOVAL_PROPOSED: "Date the removal was proposed",
    EventType.DISCHARGED: "Date of discharge",
    EventType.OVERSIGHT_VISIT: "Date of the visit",
    EventType.LAEP_HELD: "Date of the meeting",
    EventType.MDT_HELD: "Date of the meeting",
    EventType.KEYWORKER_REFERRED: "Date of the referral",
    EventType.CARER_CONTINGENCY_DISCUSSED: "Date it was discussed",
    EventType.MOJ_CONTACTED: "Date the Ministry of Justice was told",
    EventType.CETR_DECLINED: "Date it was declined",
    EventType.CETR_HELD: "Date of the review",
    EventType.CETR_REPORT_SENT: "Date the report was sent",
}


class EventForm(Form):
    """The fields of one event type: always a date and notes, and the type's own fields."""

    date = DateField(not_in_future=True, error_messages={"required": "Enter the date"})
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Do not include anything the person would not expect to be shared with the team.",
    )

    def __init__(self, *args, event_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        date = self.fields["date"]
        date.label = DATE_LABELS.get(event_type, "Date")
        date.error_messages["required"] = f"Enter the {date.label.lower()}"
        extra: dict[str, forms.Field] = {}
        if event_type == EventType.ADMITTED:
            extra["setting"] = forms.ChoiceField(
                label="What kind of hospital or ward?",
                choices=list(SETTING_LABELS.items()),
                widget=forms.RadioSelect,
                error_messages={"required": "Select whether the hospital or ward is secure"},
            )
            extra["route"] = forms.ChoiceField(
                label="How were they admitted?",
                choices=list(ROUTE_LABELS.items()),
                widget=forms.RadioSelect,
                error_messages={"required": "Select how they were admitted"},
            )
        elif event_type == EventType.TRANSFERRED:
            extra["setting"] = forms.ChoiceField(
                label="What kind of hospital or ward did they move to?",
                choices=[*SETTING_LABELS.items(), ("", "The same security level as before")],
                widget=forms.RadioSelect,
                required=False,
            )
        elif event_type == EventType.DIAGNOSIS_REMOVAL_PROPOSED:
            extra["change_date"] = DateField(
                label="Date the change would take effect",
                help_text="A C(E)TR must take place before this date. For example, 15 3 2027",
                error_messages={"required": "Enter the date the change would take effect"},
            )
        elif event_type == EventType.OVERSIGHT_VISIT:
            extra["sit_and_see"] = YesNoField(
                label="Did the visit include a sit and see observation?",
                required=False,
                help_text="The last visit before a planned C(E)TR includes one (Appendix 4).",
            )
        elif event_type == EventType.CETR_HELD:
            extra["kind"] = forms.ChoiceField(
                label="What kind of review was it?",
                choices=list(REVIEW_KIND_LABELS.items()),
                widget=forms.RadioSelect,
                error_messages={"required": "Select what kind of review it was"},
            )
        notes = self.fields.pop("notes")
        self.fields.update(extra)
        self.fields["notes"] = notes

    def event_data(self) -> dict:
        data = {}
        for name in ("setting", "route", "kind"):
            if self.cleaned_data.get(name):
                data[name] = self.cleaned_data[name]
        if self.cleaned_data.get("change_date"):
            data["change_date"] = self.cleaned_data["change_date"].isoformat()
        if self.cleaned_data.get("sit_and_see") is not None and "sit_and_see" in self.fields:
            data["sit_and_see"] = self.cleaned_data["sit_and_see"]
        return data


class VoidForm(Form):
    reason = forms.CharField(
        label="Why are you voiding this event?",
        max_length=300,
        help_text="For example, it was recorded for the wrong person or on the wrong date.",
        error_messages={"required": "Enter why you are voiding this event"},
    )


SHOW_CHOICES = [
    ("caseload", "My caseload"),
    ("team", "My team"),
    ("all", "Everyone I can see"),
]
PATHWAY_CHOICES = [("", "Any"), ("cyp", "Children and young people"), ("adult", "Adults")]


class WorkFilterForm(Form):
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)
    kind = forms.ChoiceField(label="What is due", required=False)
    team = forms.ChoiceField(label="Team", required=False)
    rating = forms.ChoiceField(
        label="Rating", choices=[("", "Any"), *Rating.choices, ("none", "Not rated")], required=False
    )
    pathway = forms.ChoiceField(label="Pathway", choices=PATHWAY_CHOICES, required=False)
    setting = forms.ChoiceField(
        label="Where they are", choices=[("", "Anywhere"), *Location.choices], required=False
    )

    def __init__(self, *args, teams=(), show_choices=True, may_allocate=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", "Anything"),
            *KIND_LABELS.items(),
            *((kind, label) for kind, label in OTHER_KINDS.items() if kind != NEEDS_ALLOCATING),
            *([(NEEDS_ALLOCATING, OTHER_KINDS[NEEDS_ALLOCATING])] if may_allocate else []),
        ]
        self.fields["team"].choices = [("", "Any team"), *((str(t.pk), t.name) for t in teams)]
        if not show_choices:
            del self.fields["show"]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ReminderSettingsForm(Form):
    wants_reminders = YesNoField(
        label="Do you want a daily email of what is overdue or due soon?",
        error_messages={"required": "Select yes if you want a daily email"},
    )
    reminder_days = forms.IntegerField(
        label="Include what is due within this many days",
        min_value=0,
        max_value=90,
        required=False,
        help_text="Between 0 and 90. Overdue work is always included.",
        error_messages={
            "invalid": "Number of days must be a whole number, like 7",
            "min_value": "Number of days must be 0 or more",
            "max_value": "Number of days must be 90 or fewer",
        },
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("wants_reminders")
            and data.get("reminder_days") is None
            and "reminder_days" not in self.errors
        ):
            self.add_error("reminder_days", "Enter the number of days, like 7")
        return data
