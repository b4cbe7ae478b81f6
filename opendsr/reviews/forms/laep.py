"""The form for a local area emergency protocol (LAEP) meeting."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from opendsr.policy.emergency_protocol import FOCUSING_QUESTIONS
from opendsr.reviews.models import LaepOption, LaepOutcome, LaepParticipant
from opendsr.web.forms import Form, area_field, date_field, radio_field, show_refusal, text_field


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
