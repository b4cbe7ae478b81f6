"""Forms for inviting people to a review and recording their replies."""

from __future__ import annotations

from django import forms

from opendsr.reviews.models import InviteeRole, InviteMethod, Reply
from opendsr.web.forms import Form, date_field, radio_field, text_field


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
