"""The self-referral's question pages: one question a page, in the words of the person or of their family."""

from __future__ import annotations

from django import forms

from opendsr.public.forms.fields import MAX_NOTE, MAX_WORRIES, line, optional_email, optional_nhs_number
from opendsr.referrals.queries import criteria
from opendsr.register.models import Diagnosis
from opendsr.web.forms import DateOfBirthField, Form, YesNoField

SIGNS = {
    "harm": ("I might hurt myself or someone else", "They might hurt themselves or someone else"),
    "placement_at_risk": (
        "My home, my support or my school or college place might end",
        "Their home, their support or their school or college place might end",
    ),
    "admission_considered": (
        "Someone has talked about me going into a mental health hospital",
        "Someone has talked about them going into a mental health hospital",
    ),
    "police": ("The police have been involved with me", "The police have been involved with them"),
    "urgent_care": (
        "I have been to A&E or an urgent care service in a crisis",
        "They have been to A&E or an urgent care service in a crisis",
    ),
    "admitted_last_year": (
        "I have been in a mental health hospital in the last year",
        "They have been in a mental health hospital in the last year",
    ),
    "crisis_team_last_year": (
        "A mental health crisis team helped me in the last year",
        "A mental health crisis team helped them in the last year",
    ),
}

# What the settings page offers until the DSR lead writes the ICB's own criteria (s5).
NEEDS = [
    ("easy_read", "Easy read letters"),
    ("large_print", "Large print"),
    ("interpreter", "An interpreter"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("someone_with", "Someone they trust with them when we talk"),
]


class Question(Form):
    """One question page. `me` is true when the person is referring themselves, which changes the words."""

    title = ""

    def __init__(self, *args, me: bool = True, **kwargs):
        self.me = me
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        pass

    def words(self, mine: str, theirs: str) -> str:
        return mine if self.me else theirs


class WhoForm(Question):
    who = forms.ChoiceField(
        label="Who is making this referral?",
        choices=[
            ("self", "I am referring myself"),
            ("family", "I am a family member or carer, referring someone I care about"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is making this referral"},
    )
    title = "Who is making this referral?"


class ReferrerForm(Question):
    """Only for a family member or carer: who they are and how to reach them."""

    referrer_name = line("Your full name", required=True, error="Enter your full name")
    relationship = line(
        "Your relationship to them",
        required=True,
        help_text="For example, mother, brother or foster carer",
        error="Enter your relationship to them",
    )
    referrer_phone = line("Your phone number (optional)", max_length=40)
    referrer_email = optional_email("Your email address (optional)")
    title = "About you"

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("referrer_phone") and not data.get("referrer_email"):
            self.add_error(
                "referrer_phone", "Enter a phone number or an email address, so we can contact you"
            )
        return data


class NameForm(Question):
    given_name = line("First name", required=True, max_length=100)
    family_name = line("Last name", required=True, max_length=100)

    def setup(self):
        self.title = self.words("What is your name?", "What is the name of the person you are referring?")
        self.fields["given_name"].error_messages["required"] = self.words(
            "Enter your first name", "Enter their first name"
        )
        self.fields["family_name"].error_messages["required"] = self.words(
            "Enter your last name", "Enter their last name"
        )


class DateOfBirthForm(Question):
    date_of_birth = DateOfBirthField()

    def setup(self):
        self.title = self.words("What is your date of birth?", "What is their date of birth?")
        field = self.fields["date_of_birth"]
        field.label = self.title
        field.subject = self.words("Your date of birth", "Their date of birth")
        field.error_messages["required"] = self.words("Enter your date of birth", "Enter their date of birth")


class DiagnosisForm(Question):
    diagnosis = forms.ChoiceField(
        choices=[
            (Diagnosis.AUTISTIC, "Autistic"),
            (Diagnosis.LEARNING_DISABILITY, "A learning disability"),
            (Diagnosis.BOTH, "Both: autistic and a learning disability"),
        ],
        widget=forms.RadioSelect,
    )

    def setup(self):
        self.title = self.words(
            "Are you autistic, do you have a learning disability, or both?",
            "Are they autistic, do they have a learning disability, or both?",
        )
        field = self.fields["diagnosis"]
        field.label = self.title
        field.help_text = "Choose the one closest to what you know. You do not need a letter to prove it."
        field.error_messages["required"] = "Choose autistic, a learning disability or both"


class AddressForm(Question):
    address = forms.CharField(
        label="Address (optional)",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    postcode = line("Postcode", required=True, max_length=10)

    def setup(self):
        self.title = self.words("Where do you live?", "Where do they live?")
        self.fields["postcode"].error_messages["required"] = "Enter a postcode"
        self.fields["postcode"].help_text = "If there is no postcode, enter the postcode of the nearest place"


class NhsNumberForm(Question):
    nhs_number = line("NHS number (optional)", max_length=20, help_text="For example, 485 777 3456")

    def setup(self):
        self.title = self.words("Do you know your NHS number?", "Do you know their NHS number?")
        self.fields["nhs_number"].help_text = (
            "It is on letters from the NHS and in the NHS App. For example, 485 777 3456. "
            "Leave this empty if you do not know it."
        )

    def clean_nhs_number(self):
        return optional_nhs_number(self.cleaned_data.get("nhs_number", ""))


class ContactForm(Question):
    phone = line("Phone number (optional)", max_length=40)
    email = optional_email("Email address (optional)")
    preferred = forms.ChoiceField(widget=forms.RadioSelect)

    def setup(self):
        self.title = self.words("How can we contact you?", "How can we contact them?")
        choices = [("phone", "By phone"), ("email", "By email"), ("letter", "By letter")]
        if not self.me:
            choices.append(("through_me", "Through me"))
        field = self.fields["preferred"]
        field.choices = choices
        field.label = self.words(
            "How would you like us to contact you?", "How would they like us to contact them?"
        )
        field.error_messages["required"] = "Choose how we should make contact"

    def clean(self):
        data = super().clean()
        preferred = data.get("preferred")
        if preferred == "phone" and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Enter a phone number, or choose another way to make contact")
        if preferred == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address, or choose another way to make contact")
        return data


class WorriesForm(Question):
    worries = forms.CharField(max_length=MAX_WORRIES, widget=forms.Textarea(attrs={"rows": 6}))
    signs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def setup(self):
        self.title = "What is worrying you now?"
        worries = self.fields["worries"]
        worries.label = "Tell us what is happening"
        worries.help_text = self.words(
            "Tell us what is happening and what you need help with. Write it in your own words.",
            "Tell us what is happening for them and what worries you. Write it in your own words.",
        )
        worries.error_messages["required"] = "Tell us what is worrying you"
        signs = self.fields["signs"]
        signs.label = "Do any of these apply now? (optional)"
        signs.help_text = "Tick any that are true."
        offered = dict(criteria()["triggers"])
        signs.choices = [(key, words[0 if self.me else 1]) for key, words in SIGNS.items() if key in offered]


class AgreementForm(Question):
    def setup(self):
        if self.me:
            self.title = "Do you agree to us looking at this referral?"
            self.fields["agrees"] = YesNoField(
                label=self.title,
                help_text="We only put your name on the register if you agree.",
                error_messages={"required": "Choose yes if you agree to us looking at this referral"},
            )
        else:
            self.title = "Does the person know about this referral and agree to it?"
            self.fields["agrees"] = forms.ChoiceField(
                label=self.title,
                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "I am not sure")],
                widget=forms.RadioSelect,
                help_text="We will talk with them about it. We only put someone on the register if they agree, "
                "or if it is in their best interests when they cannot decide.",
                error_messages={"required": "Choose yes, no or I am not sure"},
            )


class CommunicationForm(Question):
    needs = forms.MultipleChoiceField(required=False, choices=NEEDS, widget=forms.CheckboxSelectMultiple)
    language = line("Which language? (optional)", max_length=100)
    other_needs = forms.CharField(
        label="Anything else that helps (optional)",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup(self):
        self.title = self.words(
            "Is there anything that helps you communicate?", "Is there anything that helps them communicate?"
        )
        self.fields["needs"].label = "Choose any that help (optional)"
        self.fields["needs"].help_text = "Leave them all empty if none do."
        self.fields[
            "other_needs"
        ].help_text = "For example, short sentences, pictures, or a quiet place to talk"
