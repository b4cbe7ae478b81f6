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
