"""Forms for deciding a rating (the instrument's answers, then the decision) and telling the person and the
referrer."""

from __future__ import annotations

from django import forms

from opendsr.register.models import DecidedRating, ToldBy
from opendsr.register.services.common import check_date
from opendsr.web.forms import DateField, Form, area_field, refusal_for, text_field


class AnswersForm(Form):
    """The first step of a rating: the instrument's questions, the date, and the person's and family's views."""

    decided_on = DateField(label="Date of the decision", not_in_future=True)
    person_view = area_field("What the person said about their risk and support", rows=3)
    family_view = area_field("What their family or carers said", rows=3)

    def __init__(self, *args, instrument=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].error_messages["required"] = "Enter the date of the decision"
        self.instrument = instrument
        self.person = person
        self.item_names = []
        for item in (instrument.data.get("items") if instrument else None) or []:
            name = f"item_{item['id']}"
            self.fields[name] = forms.ChoiceField(
                label=item["text"],
                choices=[(option["id"], option["label"]) for option in item["options"]],
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {item['text']}"},
            )
            self.item_names.append(name)

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if self.person is not None:
            with refusal_for("decided_on"):
                check_date(
                    decided_on, field="decided_on", subject="The date of the decision", person=self.person
                )
        return decided_on

    def answers(self) -> dict:
        return {name.removeprefix("item_"): self.cleaned_data[name] for name in self.item_names}

    def items(self):
        return [self[name] for name in self.item_names]


class DecisionForm(Form):
    """The second step: the rating decided, and the judgement behind it."""

    rating = forms.ChoiceField(
        label="What rating have you decided?",
        choices=DecidedRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating"},
    )
    professional_judgement = area_field(
        "Professional judgement",
        help_text="Needed when your rating differs from the rating the score suggests",
        rows=3,
    )
    rationale = area_field(
        "Rationale for the rating",
        help_text="Why this rating. Needed when it differs from the rating the score suggests.",
    )


class OutcomeToldForm(Form):
    """Telling the person and the referrer the rating: who, how, when."""

    told_whom = forms.MultipleChoiceField(
        label="Who did you tell?",
        choices=[("person", "The person (and their family)"), ("referrer", "The referrer")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who you told"},
    )
    method = forms.ChoiceField(
        label="How did you tell them?",
        choices=ToldBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you told them"},
    )
    told_on = DateField(label="Date you told them", not_in_future=True)
    who = text_field(
        "Names of who you told (needed for a phone call)",
        max_length=300,
        help_text="For example, Sam and their mother, and Dr Patel who referred them",
    )
    notes = area_field("Notes (optional)", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["told_on"].error_messages["required"] = "Enter the date you told them"

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "method": data["method"],
            "told_on": data["told_on"],
            "told_person": "person" in data["told_whom"],
            "told_referrer": "referrer" in data["told_whom"],
            "who": data["who"],
            "notes": data["notes"],
        }
