"""A limit on how often one token may call the API: so many requests a minute, counted in Django's cache."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 60


def per_minute() -> int:
    return int(getattr(settings, "OPENDSR_API_REQUESTS_PER_MINUTE", 60))


def retry_after(key: str) -> int | None:
    """Count one request for `key`; None while under the limit, else the seconds until the next minute."""
    now = time.time()
    start = int(now // WINDOW) * WINDOW
    slot = f"api-rate:{key}:{start}"
    cache.add(slot, 0, timeout=WINDOW + 5)
    try:
        count = cache.incr(slot)
    except ValueError:  # the slot expired between add and incr
        cache.set(slot, 1, timeout=WINDOW + 5)
        count = 1
    if count > per_minute():
        return max(1, int(start + WINDOW - now) + 1)
    return None
