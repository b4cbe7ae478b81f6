"""The date OpenDSR treats as today: the real date in Europe/London, or OPENDSR_TODAY when set."""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "OPENDSR_TODAY", "")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return timezone.localdate()
