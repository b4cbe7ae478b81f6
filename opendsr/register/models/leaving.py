"""Leaving the register (s7)."""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.register.models.person import Person


class ExitReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", "No longer meets the criteria for the register"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    RISK_REDUCED = "risk_reduced", "Risk has reduced and support is stable"
    MOVED_ICB = "moved_icb", "Moved to another ICB area"
    DIED = "died", "Died"
    OTHER = "other", "Another reason"


class RegisterExit(models.Model):
    """Why and when a person left the register. Their record stays, readable, and is never deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="exits")
    reason = models.CharField(max_length=20, choices=ExitReason.choices)
    left_on = models.DateField()
    notes = models.TextField(blank=True)
    new_icb_name = models.CharField("The ICB they moved to", max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-left_on", "-id"]

    def __str__(self) -> str:
        return f"Left on {self.left_on}: {self.get_reason_display()}"
