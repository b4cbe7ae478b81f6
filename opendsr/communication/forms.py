from __future__ import annotations

from django import forms

from opendsr.communication.models import Preferred, ToWhom
from opendsr.web.forms import DateField, Form, area_field, text_field


class NeedsForm(Form):
    reads = forms.MultipleChoiceField(
        label="How do they read best?",
        help_text="Select all that apply. Letters to them are written and printed this way unless you choose "
        "otherwise.",
        choices=[("easy_read", "Easy read"), ("large_print", "Large print")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interpreter = text_field(
        "Do they need an interpreter? (optional)",
        max_length=100,
        help_text="The language, for example Polish or British Sign Language (BSL)",
        one_line="The interpreter's language",
    )
    preferred_method = forms.ChoiceField(
        label="How do they prefer to be contacted?",
        choices=[(Preferred.NONE, "No preference"), *Preferred.choices[1:]],
        widget=forms.RadioSelect,
        required=False,
    )


class CallForm(Form):
    called_on = DateField(
        label="When was the call?",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date of the call"},
    )
    to_whom = forms.ChoiceField(
        label="Who did you speak to?",
        choices=ToWhom.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you spoke to"},
    )
    to_name = text_field(
        "Their name", required=True, error="Enter the name of who you spoke to", one_line="Their name"
    )
    notes = area_field("What was said?", required=True, error="Enter what was said", rows=4)


class ConsentRequestForm(Form):
    to_whom = forms.ChoiceField(
        label="Who are you asking?",
        choices=[("person", "The person"), ("family", "Their family or carer, who decides for them")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you are asking"},
    )
    version = forms.ChoiceField(
        label="Which version?",
        help_text="Chosen from the person's communication needs: choose easy read too for a family member or carer "
        "who reads it. The easy read version is a form to tick, in large text.",
        choices=[("standard", "Standard"), ("easy_read", "Easy read")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which version to send"},
    )
    method = forms.ChoiceField(
        label="How will you send it?",
        choices=[("email", "Email"), ("letter", "Letter to print (PDF)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to send it"},
    )
