"""A person's communication needs, and the log of everything sent to or said with them and their circle."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.register.models import Person


class Preferred(models.TextChoices):
    NONE = "", "No preference recorded"
    LETTER = "letter", "Letter by post"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"


class CommunicationNeeds(models.Model):
    """What a person needs to read and take part (s2.4, reasonable adjustments). Easy read chooses the easy read
    version of each letter to them; large print prints it in large text; the preferred method is offered first."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="communication_needs_record")
    easy_read = models.BooleanField("Easy read", default=False)
    large_print = models.BooleanField("Large print", default=False)
    interpreter = models.CharField("Interpreter or BSL", max_length=100, blank=True)
    preferred_method = models.CharField(
        "How they prefer to be contacted", max_length=6, choices=Preferred.choices, blank=True
    )
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Communication needs of person {self.person_id}"


class Method(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"


class ToWhom(models.TextChoices):
    PERSON = "person", "The person"
    FAMILY = "family", "Their family or carer"
    REFERRER = "referrer", "The referrer"
    PROFESSIONAL = "professional", "A professional"
    OTHER = "other", "Someone else"


class Version(models.TextChoices):
    STANDARD = "standard", "Standard"
    EASY_READ = "easy_read", "Easy read"


class Communication(models.Model):
    """One letter, email or phone call about a person: when, how, to whom, a copy of what was sent (or what was
    said), and who sent it. Written by the step that sent it; never changed afterwards."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="communications")
    what = models.CharField(max_length=200)  # e.g. "Referral acknowledgement", "C(E)TR invitation"
    method = models.CharField(max_length=6, choices=Method.choices)
    to_whom = models.CharField(max_length=12, choices=ToWhom.choices)
    to_name = models.CharField(max_length=200, blank=True)
    to_address = models.CharField(max_length=300, blank=True)  # an email address, or the postal address
    version = models.CharField(max_length=10, choices=Version.choices, default=Version.STANDARD)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)  # the copy sent, or for a call what was said
    sent_on = models.DateField()
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(max_length=60, blank=True)  # what recorded it, e.g. "referral-letter:12"
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} ({self.get_method_display().lower()}) on {self.sent_on}"
