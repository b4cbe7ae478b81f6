"""The form for adding or changing a carer."""

from __future__ import annotations

from django import forms

from opendsr.web.forms import DateField, Form, area_field, check_field, text_field


class CarerForm(Form):
    name = text_field("Name", required=True)
    relationship = text_field(
        "Relationship to the person", max_length=100, help_text="For example, mother or partner"
    )
    contact = text_field("Phone number or email")
    assessment_offered = check_field("A carers assessment has been offered")
    assessment_offered_on = DateField(
        label="Date the assessment was offered (optional)", required=False, not_in_future=True
    )
    contingency_plan = area_field(
        "Carer contingency plan", help_text="What happens if the carer cannot continue, even for a short time"
    )
    active = check_field("They are still a carer")
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the carer's name"
        if not editing:
            del self.fields["active"]
            del self.fields["version"]
