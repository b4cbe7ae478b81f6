"""The referral form for professionals without an OpenDSR account (s3, s5): GPs, schools, social workers and
anyone else who supports the person. One page, for people who make referrals as part of their work; nothing is
sent to the ICB until they follow the link emailed to their work address."""

from __future__ import annotations

from django import forms

from opendsr.public.forms.fields import EMAIL_FORMAT, MAX_NOTE, MAX_WORRIES, line, optional_nhs_number
from opendsr.public.forms.questions import NEEDS, SIGNS
from opendsr.referrals.queries import criteria
from opendsr.register.models import Diagnosis
from opendsr.web.forms import DateOfBirthField, Form

ABOUT_YOU = ("referrer_name", "referrer_role", "referrer_organisation", "referrer_email", "referrer_phone")
ABOUT_THEM = ("given_name", "family_name", "date_of_birth", "diagnosis", "address", "postcode", "nhs_number")
THE_REFERRAL = ("worries", "signs", "agrees", "needs", "other_needs")


class ProfessionalForm(Form):
    referrer_name = line("Your full name", required=True, error="Enter your full name")
    referrer_role = line(
        "Your job title",
        required=True,
        help_text="For example, GP, special educational needs coordinator or social worker",
        error="Enter your job title",
    )
    referrer_organisation = line(
        "Your organisation", required=True, error="Enter the organisation you work for"
    )
    referrer_email = forms.EmailField(
        label="Your work email address",
        max_length=254,
        help_text="We will email you a link. Your referral is only sent to us when you follow it, within 24 "
        "hours. Use the address you use for work.",
        error_messages={"required": "Enter your work email address", "invalid": EMAIL_FORMAT},
    )
    referrer_phone = line("Your work phone number (optional)", max_length=40)

    given_name = line("First name", required=True, max_length=100, error="Enter their first name")
    family_name = line("Last name", required=True, max_length=100, error="Enter their last name")
    date_of_birth = DateOfBirthField(label="Their date of birth")
    diagnosis = forms.ChoiceField(
        label="Are they autistic, do they have a learning disability, or both?",
        choices=[
            (Diagnosis.AUTISTIC, "Autistic"),
            (Diagnosis.LEARNING_DISABILITY, "A learning disability"),
            (Diagnosis.BOTH, "Both: autistic and a learning disability"),
        ],
        widget=forms.RadioSelect,
        help_text="Choose the one closest to what you know. A formal diagnosis is not needed.",
        error_messages={"required": "Choose autistic, a learning disability or both"},
    )
    address = forms.CharField(
        label="Their address (optional)",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    postcode = line("Their postcode", required=True, max_length=10, error="Enter their postcode")
    nhs_number = line("Their NHS number (optional)", max_length=20, help_text="For example, 485 777 3456")

    worries = forms.CharField(
        label="Why are you referring them now?",
        max_length=MAX_WORRIES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is happening, what has changed, and what support they have now.",
        error_messages={"required": "Enter why you are referring them"},
    )
    signs = forms.MultipleChoiceField(
        label="Do any of these apply now? (optional)", required=False, widget=forms.CheckboxSelectMultiple
    )
    agrees = forms.ChoiceField(
        label="Does the person know about this referral and agree to it?",
        choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "I am not sure")],
        widget=forms.RadioSelect,
        help_text="Someone is only added to the register if they agree, or if it is in their best interests "
        "when they cannot decide.",
        error_messages={"required": "Choose yes, no or I am not sure"},
    )
    needs = forms.MultipleChoiceField(
        label="Is there anything that helps them communicate? (optional)",
        required=False,
        choices=NEEDS,
        widget=forms.CheckboxSelectMultiple,
    )
    other_needs = forms.CharField(
        label="Anything else that helps (optional)",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a language they speak, short sentences, or someone they trust with them",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        born = self.fields["date_of_birth"]
        born.subject = "Their date of birth"
        born.error_messages["required"] = "Enter their date of birth"
        offered = dict(criteria()["triggers"])
        self.fields["signs"].choices = [(key, words[1]) for key, words in SIGNS.items() if key in offered]

    def clean_nhs_number(self):
        return optional_nhs_number(self.cleaned_data.get("nhs_number", ""))
