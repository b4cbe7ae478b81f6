"""The DSR lead's settings for the public pages: the single point of contact, the criteria, the easy read
pictures, the email domains accepted without review, and the privacy notice."""

from __future__ import annotations

from django import forms
from django.conf import settings

from opendsr.public import rules
from opendsr.public.forms.fields import line, optional_email
from opendsr.web import uploads
from opendsr.web.forms import Form, YesNoField
from opendsr.web.validators import SingleLine

DEFAULT_CRITERIA = """Children, young people and adults who are autistic, have a learning disability, or both
Who are at risk of going into a mental health hospital, or are there now
Or whose home, support or school place is at risk of breaking down"""


class FrontDoorForm(Form):
    service_name = line(
        "Name of the service",
        required=True,
        help_text="The single point of contact the public pages name, for example 'Dynamic support register team'",
        error="Enter the name of the service",
    )
    phone = line("Phone number", required=True, max_length=40, error="Enter a phone number")
    hours = line(
        "When the phone is answered",
        required=True,
        help_text="For example, Monday to Friday, 9am to 5pm",
        error="Enter when the phone is answered",
    )
    email = optional_email("Email address (optional)")
    criteria = forms.CharField(
        label="Who the register is for here",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Your published criteria for adding someone to the register (policy section 5), in plain "
        "English. One point on each line.",
        error_messages={"required": "Enter who the register is for"},
    )
    trusted_domains = forms.CharField(
        label="Email domains accepted without review",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A professional who refers on the public pages confirms their work email address first. A "
        "referral from one of these domains (or a part of one, such as a trust's own domain under nhs.uk) "
        "lands in the inbox as any other; one from any other address lands marked 'Unverified sender'. One "
        "domain on each line, for example nhs.net.",
    )
    privacy_notice = forms.CharField(
        label="How we use your information",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text="The privacy notice on the public pages, in plain text. Leave a blank line between "
        "paragraphs, and start a heading's line with ## . Links and formatting are shown as typed. Empty it "
        "to go back to the standard wording.",
    )
    published = YesNoField(
        label="Show the public pages?",
        help_text="Until you choose yes, the public pages and the online referral form are not shown.",
        error_messages={"required": "Choose yes to show the public pages"},
    )

    def clean_trusted_domains(self):
        found, wrong = rules.domains(self.cleaned_data.get("trusted_domains", ""))
        if wrong:
            raise forms.ValidationError(
                f"Enter each domain on its own line, like nhs.net: {', '.join(wrong[:3])} is not a domain"
            )
        return "\n".join(found)


class PictureForm(Form):
    image = forms.FileField(label="Picture", error_messages={"required": "Choose a picture"})
    sentence = forms.CharField(
        label="The sentence it goes with",
        max_length=300,
        help_text="One short sentence, for example 'We want you to get the right help at home.'",
        error_messages={"required": "Enter the sentence the picture goes with"},
        validators=[SingleLine("The sentence")],
    )
    alt_text = line(
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
