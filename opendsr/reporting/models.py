"""The ICB's small-numbers rule for published figures."""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation
from opendsr.reporting.disclosure import DEFAULT_THRESHOLD


class SmallNumbers(models.Model):
    """How an ICB protects small numbers in its figures: counts from 1 to `threshold` are not shown, and shown
    counts are rounded to the nearest 5 when `round_to_5` is set (anyone reading the figures may also choose it)."""

    icb = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="small_numbers")
    threshold = models.PositiveSmallIntegerField("Hide counts from 1 up to", default=DEFAULT_THRESHOLD)
    round_to_5 = models.BooleanField("Round other counts to the nearest 5", default=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.icb}: 1 to {self.threshold}"


class ReturnIsKept(Exception):
    """A monthly return is kept as it was built: it is never changed or removed."""


class MonthlyReturnQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ReturnIsKept()

    def delete(self):
        raise ReturnIsKept()

    def bulk_update(self, objs, fields, batch_size=None):
        raise ReturnIsKept()

    delete.queryset_only = True


class MonthlyReturn(models.Model):
    """One ICB's figures for one month, as at the month's last day: built once, on the first working day after
    it, and served as built from then on (events recorded later, even back-dated ones, do not change it).

    `figures` holds the published values only (hidden counts are null), with the words of each measure and the
    small-numbers rule in force (`rule`), as `opendsr.reporting.snapshots` writes them."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="monthly_returns")
    month = models.DateField(help_text="The first day of the month the return is for")
    built_on = models.DateField()
    built_at = models.DateTimeField(auto_now_add=True)
    figures = models.JSONField()
    rule = models.JSONField(help_text="The small-numbers rule in force: threshold, rounding and its words")
    sent_to = models.JSONField(default=list, blank=True, help_text="The DSR leads emailed a link (user ids)")

    objects = MonthlyReturnQuerySet.as_manager()

    class Meta:
        ordering = ["icb", "-month"]
        constraints = [models.UniqueConstraint(fields=["icb", "month"], name="one_return_per_icb_month")]

    def __str__(self) -> str:
        return f"{self.icb}: {self.month:%B %Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ReturnIsKept()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReturnIsKept()


# How many times the email telling a DSR lead a return is ready is tried, one a day, before it is given up: an
# address the mail server refuses for 5 days running will not start working by itself, and the return's page
# tells the other leads to let that lead know another way.
RETURN_EMAIL_TRIES = 5


class ReturnEmail(models.Model):
    """The email telling one DSR lead that a monthly return is ready: sent once, or, when sending failed, tried
    again on the next daily run until it goes (never a second time once sent), up to `RETURN_EMAIL_TRIES` tries.
    After the last failed try it is given up (`gave_up_at`) and not tried again."""

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.PROTECT, related_name="emails")
    lead = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="return_emails")
    tries = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, help_text="When the last try failed")
    error = models.TextField(blank=True, help_text="Why the last try failed")
    gave_up_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last allowed try failed: it is not tried again"
    )

    class Meta:
        ordering = ["monthly_return", "lead"]
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "lead"], name="one_return_email_per_lead")
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "given up" if self.gave_up_at else "not sent"
        return f"{self.monthly_return} to {self.lead}: {state}"
