"""Forms for the panel directory, payments, settings and key lines of enquiry."""

from __future__ import annotations

from django import forms

from opendsr.reviews.models import Gender, PanelRole, Specialism
from opendsr.web import uploads
from opendsr.web.forms import Form, area_field, date_field, radio_field, text_field


class PanelMemberForm(Form):
    name = text_field("Name", required=True, error="Enter their name")
    role = radio_field("Role on a panel", PanelRole.choices, "Choose their role")
    organisation = text_field("Employer or organisation (optional)")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = text_field("Phone number (optional)", max_length=40)
    gender = forms.ChoiceField(label="Gender (optional)", choices=Gender.choices, required=False)
    specialisms = forms.MultipleChoiceField(
        label="Specialisms", choices=Specialism.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    induction_trained_on = date_field("Induction training completed on", past=True)
    availability = area_field("Availability (optional)", rows=2)
    conflicts = area_field("Declared conflicts of interest", rows=3)
    conflict_organisations = area_field(
        "Organisations they have a conflict with",
        help_text="One on each line: where they work or have worked, or have family or financial links",
        rows=3,
    )
    photo = forms.FileField(
        label="Photo (optional)",
        required=False,
        help_text="A JPEG or PNG, up to 2 MB. It is sent to the person with the panel's names before the review.",
    )
    active = forms.BooleanField(label="Available for panels", required=False, initial=True)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        return uploads.photo_from_upload(photo, name=self.cleaned_data.get("name") or "photo")


class PaymentForm(Form):
    fee = forms.DecimalField(label="Fee (£)", min_value=0, max_digits=8, decimal_places=2)
    expenses = forms.DecimalField(
        label="Expenses (£)", min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    expenses_note = text_field("What the expenses were for (optional)", max_length=300)
    paid_on = date_field("Paid on", past=True)


class SettingsForm(Form):
    chair_fee = forms.DecimalField(label="Chair fee (£)", min_value=0, max_digits=8, decimal_places=2)
    clinical_expert_fee = forms.DecimalField(
        label="Clinical expert fee (£)", min_value=0, max_digits=8, decimal_places=2
    )
    expert_by_experience_fee = forms.DecimalField(
        label="Expert by experience fee (£)", min_value=0, max_digits=8, decimal_places=2
    )
    training_valid_months = forms.IntegerField(
        label="Induction training is current for (months)", min_value=1, max_value=120
    )
    request_decision_days = forms.IntegerField(
        label="Working days to decide a request for a C(E)TR, or an appeal against a refusal",
        help_text="Policy section 13.2 leaves this to local process. Each undecided request or appeal is shown "
        "in My work as due this many working days after it was made.",
        min_value=1,
        max_value=60,
        widget=forms.TextInput,
        error_messages={
            "required": "Enter the number of working days to decide a request",
            "invalid": "The number of working days must be a whole number, like 10",
            "min_value": "The number of working days must be between 1 and 60",
            "max_value": "The number of working days must be between 1 and 60",
        },
    )


class KloeForm(Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.value] = forms.CharField(
                label=question.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="One prompt on each line",
            )
