"""Referrals to the dynamic support register (s3, s5; 000 Part 1) and the letters sent about them.

A referral is the clock's `referral_received` event (source "referral:<id>"); acknowledging it writes
`referral_acknowledged` and telling the person and referrer the outcome writes `outcome_communicated`.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person


class Source(models.TextChoices):
    """Who the referral came from; the values are the clock's `referral_received` sources."""

    PROFESSIONAL = "professional", "A professional"
    SELF = "self", "The person themselves"
    FAMILY = "family", "Their family or carer"
    CETR_REQUEST = "cetr_request", "A request for a C(E)TR"


class Channel(models.TextChoices):
    IN_APP = "in_app", "Referral form in OpenDSR"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    ONLINE = "online", "Online form on the public pages"


class Outcome(models.TextChoices):
    NONE = "", "Not decided yet"
    ELIGIBLE = "eligible", "Added to the register"
    NOT_ELIGIBLE = "not_eligible", "Not eligible for the register"


class DisputeOutcome(models.TextChoices):
    NONE = "", "Not decided yet"
    UPHELD = "upheld", "Upheld: the decision was changed"
    NOT_UPHELD = "not_upheld", "Not upheld: the decision stands"


class Referral(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField()
    source = models.CharField(max_length=14, choices=Source.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_address = models.TextField(blank=True)
    reason = models.TextField("Why they are being referred")
    triggers = models.JSONField(default=list, blank=True)  # ids of the s4 monitoring triggers that apply
    risk_factors = models.JSONField(default=list, blank=True)  # ids of the Appendix 1 risk factors
    person_agrees = models.BooleanField("The person knows about and agrees to the referral", null=True)
    family_agrees = models.BooleanField("Their family knows about the referral", null=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    outcome_decided_on = models.DateField(null=True, blank=True)
    not_eligible_reason = models.TextField(blank=True)
    signposting = models.TextField("Who else can help", blank=True)
    outcome_communicated_on = models.DateField(null=True, blank=True)
    disputed_on = models.DateField(null=True, blank=True)
    dispute_grounds = models.TextField(blank=True)
    dispute_outcome = models.CharField(max_length=12, choices=DisputeOutcome.choices, blank=True)
    dispute_decided_on = models.DateField(null=True, blank=True)
    dispute_notes = models.TextField(blank=True)
    # What came with a referral that nobody typed in: for one sent online, the details given that are not on
    # the person's record, and whether it was matched to a record already on the register.
    intake_notes = models.TextField("Details to check", blank=True)
    # Sent on the public pages by a professional whose confirmed email address is not from a domain the ICB
    # accepts without review: check who they are before relying on the referral.
    unverified_sender = models.BooleanField("Unverified sender", default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)  # recorded in error: kept, not counted
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["outcome_communicated_on", "received_on"])]

    def __str__(self) -> str:
        return f"Referral of {self.person} received {self.received_on}"

    @property
    def source_ref(self) -> str:
        return f"referral:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None and self.outcome_communicated_on is None


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    OUTCOME_ELIGIBLE = "outcome_eligible", "Outcome: added to the register"
    OUTCOME_NOT_ELIGIBLE = "outcome_not_eligible", "Outcome: not eligible"
    # Emailed at once to whoever sent a referral online and gave an address. It tells them it arrived; it is
    # not the acknowledgement, which the ICB still sends to the person and the referrer.
    ONLINE_RECEIPT = "online_receipt", "Receipt for a referral sent online"


class Recipient(models.TextChoices):
    PERSON = "person", "The person"
    REFERRER = "referrer", "The referrer"
    FAMILY = "family", "Their family or carer"


class LetterTemplate(models.Model):
    """The words of a letter to one kind of reader, editable by the DSR lead. Placeholders in braces are filled
    in when sent."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="letter_templates")
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    recipient = models.CharField(max_length=10, choices=Recipient.choices, default=Recipient.PERSON)
    # The easy read version, for the person: short sentences, one idea on each line, printed in large text.
    easy_read = models.BooleanField(default=False)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["icb", "kind", "recipient", "easy_read"],
                name="one_letter_template_per_kind_recipient_and_version",
            )
        ]

    def __str__(self) -> str:
        version = " (easy read)" if self.easy_read else ""
        return f"{self.get_kind_display()} letter to {self.get_recipient_display().lower()}{version}"


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    PDF = "pdf", "Downloaded as a PDF to print or attach"


class LetterStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be emailed"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent: the email failed"


class Letter(models.Model):
    """A letter about a referral. An email is queued when it is recorded and sent by a background task; it
    counts as sent (and meets the obligation) only once it has gone. A PDF counts as sent when recorded."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    recipient = models.CharField(max_length=10, choices=Recipient.choices)
    easy_read = models.BooleanField(default=False)
    to_name = models.CharField(max_length=200, blank=True)
    to_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    method = models.CharField(max_length=6, choices=Method.choices)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)  # when it was recorded
    status = models.CharField(max_length=8, choices=LetterStatus.choices, default=LetterStatus.SENT)
    emailed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField("Why it was not sent", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter to {self.get_recipient_display().lower()}"
