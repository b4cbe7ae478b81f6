"""The public front door (s3, s5; core standards 4, 5 and 7; 000 Part 1): what each ICB publishes about its
dynamic support register, and the referrals people and families send online.

Nothing here is shown to the public until the ICB's DSR lead publishes it, and nothing a public visitor sends is
ever shown to another visitor: an online referral lands in the ICB's referral inbox as a `Referral`."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.referrals.models import Referral


class FrontDoor(models.Model):
    """What one ICB publishes: its single point of contact and its criteria for the register (s5)."""

    icb = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="front_door")
    published = models.BooleanField("Show the public pages", default=False)
    service_name = models.CharField("Name of the service", max_length=200)
    phone = models.CharField("Phone number", max_length=40)
    email = models.EmailField("Email address", blank=True)
    hours = models.CharField("When the phone is answered", max_length=200)
    criteria = models.TextField("Who the register is for here")
    # A professional's confirmed work email from one of these (one a line) is accepted without review.
    trusted_domains = models.TextField("Email domains accepted without review", blank=True, default="nhs.net")
    # The privacy notice as the DSR lead wrote it, in plain text; empty: the standard wording (public.privacy).
    privacy_notice = models.TextField("How we use your information", blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"The public pages of {self.icb}"

    @property
    def contact(self) -> str:
        """The single point of contact as a letter gives it."""
        lines = [self.service_name, f"Phone: {self.phone} ({self.hours})"]
        if self.email:
            lines.append(f"Email: {self.email}")
        return "\n".join(lines)


class EasyReadPicture(models.Model):
    """A picture on the easy read page, beside the sentence it shows, with words for people who cannot see it."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="easy_read_pictures")
    image = models.FileField(upload_to="easy-read/")
    alt_text = models.CharField("What the picture shows", max_length=200)
    sentence = models.CharField("The sentence it goes with", max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class OnlineReferral(models.Model):
    """A referral sent on the public pages: the reference its sender was given and their answers as sent."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="online")
    reference = models.CharField(max_length=16, unique=True)
    answers = models.JSONField()
    sent_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Online referral {self.reference}"


class ProfessionalReferral(models.Model):
    """A referral a professional without an account sent on the public pages (s3, s5). It waits here, never in
    the inbox, until they follow the one-time link emailed to their work address; then it becomes a referral
    (`online`). Only a hash of the link's secret is kept, so the link cannot be made again from the database."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField()
    answers = models.JSONField()
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)  # set when the link is emailed
    sent_at = models.DateTimeField(null=True, blank=True)  # when the link was emailed: it works for 24 hours
    confirmed_at = models.DateTimeField(null=True, blank=True)
    online = models.OneToOneField(
        OnlineReferral, on_delete=models.PROTECT, null=True, blank=True, related_name="professional"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"A professional's referral to {self.icb}"
