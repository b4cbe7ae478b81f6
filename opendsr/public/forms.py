"""The public front door's forms: one question page at a time for a referral, and the DSR lead's settings.

Every answer has a size limit (a name, a phone number, what is worrying them), so nothing a visitor sends can
fill a page, a letter or the database."""

from __future__ import annotations

from django import forms
from django.conf import settings

from opendsr.referrals.queries import criteria
from opendsr.register import nhs_numbers
from opendsr.register.models import Diagnosis
from opendsr.web import uploads
from opendsr.web.forms import DateOfBirthField, Form, YesNoField
from opendsr.web.validators import SingleLine

MAX_WORRIES = 5000  # what is worrying them: about two pages of writing
MAX_NOTE = 1000

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"

# The s4 monitoring signs (referrals.queries.criteria ids) in plain words, for the person and for their family.
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
DEFAULT_CRITERIA = """Children, young people and adults who are autistic, have a learning disability, or both
Who are at risk of going into a mental health hospital, or are there now
Or whose home, support or school place is at risk of breaking down"""

NEEDS = [
    ("easy_read", "Easy read letters"),
    ("large_print", "Large print"),
    ("interpreter", "An interpreter"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("someone_with", "Someone they trust with them when we talk"),
]


def _line(label, *, required=False, max_length=200, error="", one_line="", help_text=""):
    field = forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        validators=[SingleLine(one_line or label.replace(" (optional)", ""))],
    )
    if error:
        field.error_messages["required"] = error
    return field


def _email(label):
    return forms.EmailField(
        label=label, required=False, max_length=254, error_messages={"invalid": EMAIL_FORMAT}
    )


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

    referrer_name = _line("Your full name", required=True, error="Enter your full name")
    relationship = _line(
        "Your relationship to them",
        required=True,
        help_text="For example, mother, brother or foster carer",
        error="Enter your relationship to them",
    )
    referrer_phone = _line("Your phone number (optional)", max_length=40)
    referrer_email = _email("Your email address (optional)")
    title = "About you"

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("referrer_phone") and not data.get("referrer_email"):
            self.add_error(
                "referrer_phone", "Enter a phone number or an email address, so we can contact you"
            )
        return data


class NameForm(Question):
    given_name = _line("First name", required=True, max_length=100)
    family_name = _line("Last name", required=True, max_length=100)

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
    postcode = _line("Postcode", required=True, max_length=10)

    def setup(self):
        self.title = self.words("Where do you live?", "Where do they live?")
        self.fields["postcode"].error_messages["required"] = "Enter a postcode"
        self.fields["postcode"].help_text = "If there is no postcode, enter the postcode of the nearest place"


class NhsNumberForm(Question):
    nhs_number = _line("NHS number (optional)", max_length=20, help_text="For example, 485 777 3456")

    def setup(self):
        self.title = self.words("Do you know your NHS number?", "Do you know their NHS number?")
        self.fields["nhs_number"].help_text = (
            "It is on letters from the NHS and in the NHS App. For example, 485 777 3456. "
            "Leave this empty if you do not know it."
        )

    def clean_nhs_number(self):
        value = self.cleaned_data.get("nhs_number", "")
        digits = nhs_numbers.normalise(value)
        if value and not nhs_numbers.is_valid(digits):
            raise forms.ValidationError("Enter a valid 10-digit NHS number, or leave it empty")
        return digits


class ContactForm(Question):
    phone = _line("Phone number (optional)", max_length=40)
    email = _email("Email address (optional)")
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
    language = _line("Which language? (optional)", max_length=100)
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


# ---------------------------------------------------------------------------------------- the DSR lead's


class FrontDoorForm(Form):
    service_name = _line(
        "Name of the service",
        required=True,
        help_text="The single point of contact the public pages name, for example 'Dynamic support register team'",
        error="Enter the name of the service",
    )
    phone = _line("Phone number", required=True, max_length=40, error="Enter a phone number")
    hours = _line(
        "When the phone is answered",
        required=True,
        help_text="For example, Monday to Friday, 9am to 5pm",
        error="Enter when the phone is answered",
    )
    email = _email("Email address (optional)")
    criteria = forms.CharField(
        label="Who the register is for here",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Your published criteria for adding someone to the register (policy section 5), in plain "
        "English. One point on each line.",
        error_messages={"required": "Enter who the register is for"},
    )
    published = YesNoField(
        label="Show the public pages?",
        help_text="Until you choose yes, the public pages and the online referral form are not shown.",
        error_messages={"required": "Choose yes to show the public pages"},
    )


class PictureForm(Form):
    image = forms.FileField(label="Picture", error_messages={"required": "Choose a picture"})
    sentence = forms.CharField(
        label="The sentence it goes with",
        max_length=300,
        help_text="One short sentence, for example 'We want you to get the right help at home.'",
        error_messages={"required": "Enter the sentence the picture goes with"},
        validators=[SingleLine("The sentence")],
    )
    alt_text = _line(
        "What the picture shows",
        required=True,
        help_text="For people who cannot see it, for example 'A young man talking with a nurse at home'",
        error="Enter what the picture shows",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = uploads.megabytes(settings.OPENDSR_MAX_UPLOAD_BYTES)
        self.fields["image"].help_text = f"A JPEG or PNG smaller than {limit}"

    def clean_image(self):
        image = self.cleaned_data.get("image")
        return uploads.photo_from_upload(image, name="easy-read", what="The picture") if image else image
