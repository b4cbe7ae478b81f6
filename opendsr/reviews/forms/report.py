"""Forms for the review's report: its details and sending it."""

from __future__ import annotations

from django import forms

from opendsr.web.forms import Form, area_field, date_field, radio_field


class ReportDetailsForm(Form):
    summary = area_field("A short summary in plain words (optional)", rows=3)
    lead_contact = area_field(
        "Who should they contact about the review?",
        required=True,
        error="Say who the person and family should contact",
        help_text="Name, role, phone number and email address",
        rows=3,
    )
    no_actions_reason = area_field("If there are no actions, say why", rows=2)


class SendReportForm(Form):
    method = radio_field(
        "How was it sent?",
        [("email", "By email, with the PDF and easy read summary attached"), ("post", "By post")],
        "Choose how the report was sent",
    )
    sent_on = date_field("Date sent", required=True, past=True, error="Enter the date the report was sent")
    recipients = area_field(
        "Who it went to",
        required=True,
        error="Enter who the report went to",
        help_text="One on each line: a name, then a comma and their email address when sending by email",
        rows=4,
    )

    def clean_recipients(self):
        rows = []
        for line in self.cleaned_data["recipients"].splitlines():
            if not line.strip():
                continue
            name, _, email = line.partition(",")
            email = email.strip()
            if email and "@" not in email:
                raise forms.ValidationError(f"{email} is not an email address")
            rows.append((name.strip(), email))
        return rows
