"""Personal API tokens. The secret is shown once when the token is made and never kept: only its SHA-256
digest, and a short prefix that tells the user's tokens apart on their list."""

from django.db import models

from opendsr.accounts.models import User


class Scope(models.TextChoices):
    READ = "read", "Read people, timelines and obligations"
    RECORD_EVENTS = "record_events", "Record timeline events"
    RECORD_REFERRALS = "record_referrals", "Record referrals"


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [labels[s] for s in Scope.values if s in self.scopes]
