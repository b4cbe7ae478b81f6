"""The visit, action, escalation and complaint forms. They check the shape of what was typed; the services
decide whether it can be saved."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from opendsr.oversight.visits.models import ActionStatus, EscalatedBy
from opendsr.oversight.visits.queries import SHOW_CHOICES
from opendsr.oversight.visits.rules import APPENDIX_4, SIT_AND_SEE_MINUTES, length_in_words
from opendsr.web.forms import DateField, Form, YesNoField, show_refusal


class VisitForm(Form):
    visited_on = DateField(label="Date of the visit", not_in_future=True, help_text="For example, 4 1 2027")
    visitors = forms.CharField(
        label="Who visited",
        help_text="Names and roles, for example: Sam Patel, commissioner; Jo Lee, expert by experience",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    place = forms.CharField(label="Hospital and ward (optional)", required=False, max_length=200)
    length_hours = forms.IntegerField(
        label="Hours",
        min_value=0,
        max_value=24,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    length_minutes = forms.IntegerField(
        label="Minutes",
        min_value=0,
        max_value=59,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sit_and_see = YesNoField(
        label="Was it a sit-and-see observation?",
        help_text="The last visit before a planned C(E)TR should include a sit-and-see observation lasting at "
        f"least {length_in_words(SIT_AND_SEE_MINUTES)} (section 16.1 and Appendix 4).",
    )
    shorter_because = forms.CharField(
        label="If a sit-and-see observation lasted less than three hours, why?",
        help_text="Only needed when it was shorter than Appendix 4 asks.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, heading, prompts in APPENDIX_4:
            self.fields[name] = forms.CharField(
                label=heading,
                help_text=prompts,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=10000,
            )

    @classmethod
    def initial_from(cls, visit) -> dict:
        hours, minutes = divmod(visit.length_minutes or 0, 60)
        values = {name: getattr(visit, name) for name in ("visited_on", "visitors", "place", "sit_and_see")}
        values.update({name: getattr(visit, name) for name, _heading, _prompts in APPENDIX_4})
        return {
            **values,
            "length_hours": hours,
            "length_minutes": minutes,
            "shorter_because": visit.shorter_because,
        }

    def visit_values(self) -> dict:
        data = dict(self.cleaned_data)
        hours, minutes = data.pop("length_hours"), data.pop("length_minutes")
        data["length_minutes"] = (
            None if hours is None and minutes is None else (hours or 0) * 60 + (minutes or 0)
        )
        return data

    def refuse(self, error: ValidationError) -> None:
        """Show a service's refusal; the visit's length is asked as hours and minutes."""
        if hasattr(error, "error_dict") and "length_minutes" in error.error_dict:
            problems = error.message_dict
            self.add_error("length_hours", problems.pop("length_minutes"))
            error = ValidationError(problems) if problems else None
        if error is not None:
            show_refusal(self, error)


class VisitActionForm(Form):
    text = forms.CharField(
        label="What needs to happen", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    owner = forms.ModelChoiceField(label="Who owns it", queryset=None, empty_label="Select who owns it")
    due = DateField(label="Due by", help_text="For example, 4 1 2027")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: (
            f"{user.display_name}{f', {user.job_title}' if user.job_title else ''}"
        )


class VisitActionUpdateForm(Form):
    status = forms.ChoiceField(
        label="Where is the action?", choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    closed_on = DateField(
        label="Date it was done or closed (optional)",
        not_in_future=True,
        required=False,
        help_text="Leave blank for today. For example, 4 1 2027",
    )
    outcome_note = forms.CharField(
        label="What happened, or why it was not done",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class EscalationForm(Form):
    requested_on = DateField(label="Date they asked", not_in_future=True, help_text="For example, 4 1 2027")
    requested_by = forms.ChoiceField(
        label="Who asked?", choices=EscalatedBy.choices, widget=forms.RadioSelect
    )
    requester_name = forms.CharField(label="Their name (optional)", required=False, max_length=200)
    what_asked = forms.CharField(
        label="What did they ask for?",
        help_text="In their words where you can: what worries them and what they want the panel to look at.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class ComplaintForm(Form):
    made_on = DateField(label="Date of the complaint", not_in_future=True, help_text="For example, 4 1 2027")
    made_by = forms.CharField(
        label="Who complained?", help_text="For example: their mother, Ann Jones", max_length=200
    )
    summary = forms.CharField(
        label="What is the complaint about?", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class ResolveComplaintForm(Form):
    resolved_on = DateField(
        label="Date it was resolved", not_in_future=True, help_text="For example, 4 1 2027"
    )
    everyone_satisfied = YesNoField(
        label="Is everyone involved satisfied with how it was resolved?",
        help_text="A complaint stays open, and keeps the person on the ICS oversight panel's agenda, until it "
        "is resolved to the satisfaction of all involved (section 18).",
    )
    resolution = forms.CharField(
        label="How was it resolved?", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ScheduleFilterForm(Form):
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)

    def chosen(self) -> str:
        """The filter chosen, or everyone when none (or something unknown) was."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("show") or "all"
        return "all"
