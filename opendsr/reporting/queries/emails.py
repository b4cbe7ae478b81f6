"""Whether the email telling each DSR lead about a monthly return went: shown on the return's page so that a lead
who was not told can be told another way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.reporting.models import RETURN_EMAIL_TRIES, MonthlyReturn


@dataclass(frozen=True)
class EmailSent:
    to: str
    sent_on: dt.datetime | None
    tries: int
    last_failed_on: dt.datetime | None
    gave_up_on: dt.datetime | None = None  # its last allowed try failed: it is not tried again

    @property
    def tries_left(self) -> int:
        """How many more daily tries it gets: none once sent or given up, and at least the next one otherwise
        (the try that fails at or past `RETURN_EMAIL_TRIES` gives it up)."""
        if self.sent_on or self.gave_up_on:
            return 0
        return max(RETURN_EMAIL_TRIES - self.tries, 1)


def emails_for(kept: MonthlyReturn) -> list[EmailSent]:
    """One line per DSR lead the return was sent to, in name order: when it went, that it has not gone yet (the
    daily run tries again, up to `RETURN_EMAIL_TRIES` tries), or that it could not be sent and was given up."""
    rows = kept.emails.select_related("lead").order_by("lead__last_name", "lead__first_name", "pk")
    return [
        EmailSent(
            to=row.lead.get_full_name() or row.lead.email,
            sent_on=row.sent_at,
            tries=row.tries,
            last_failed_on=row.failed_at,
            gave_up_on=row.gave_up_at,
        )
        for row in rows
    ]
