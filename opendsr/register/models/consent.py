"""Consent to being on the register, to sharing information and to C(E)TRs (s2.4, s3.1)."""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.register.models.person import Person


class ConsentScope(models.TextChoices):
    INCLUSION = "inclusion", "Being on the dynamic support register"
    INFORMATION_SHARING = "information_sharing", "Sharing information with the services involved"
    CETR = "cetr", "Having a Care (Education) and Treatment Review (C(E)TR)"


class GivenBy(models.TextChoices):
    """Who gave consent (s2.4): the person, or for them when they cannot."""

    PERSON = "person", "The person themselves"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Someone with parental responsibility"
    LPA = "lpa", "The holder of a health and welfare Lasting Power of Attorney"
    DEPUTY = "deputy", "A court-appointed health and welfare deputy"
    BEST_INTERESTS = "best_interests", "A best interests decision (Mental Capacity Act 2005)"


class ConsentKind(models.TextChoices):
    GIVEN = "given", "Consent given"
    CHECKED = "checked", "Consent checked"
    WITHDRAWN = "withdrawn", "Consent withdrawn"
    REFUSED = "refused", "Consent not given"


class ConsentRecord(models.Model):
    """Consent to be on the register, to share information and to have a C(E)TR (s2.4), and each later check,
    withdrawal or refusal. Given, checked and withdrawn are also events on the person's timeline."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(max_length=10, choices=ConsentKind.choices)
    scopes = models.JSONField(default=list, blank=True)
    given_by = models.CharField(max_length=24, choices=GivenBy.choices, blank=True)
    date = models.DateField()
    capacity_notes = models.TextField(blank=True)
    best_interests_record = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    alternative_offered = models.TextField(blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(ConsentScope.choices)
        return [labels.get(scope, scope) for scope in self.scopes or ()]
