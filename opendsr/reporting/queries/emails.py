"""Whether the email telling each DSR lead about a monthly return went: shown on the return's page so that a lead
who was not told can be told another way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.reporting.models import MonthlyReturn


@dataclass(frozen=True)
class EmailSent:
    to: str
    sent_on: dt.datetime | None
    tries: int
    last_failed_on: dt.datetime | None


def emails_for(kept: MonthlyReturn) -> list[EmailSent]:
    """One line per DSR lead the return was sent to, in name order: when it went, or that it has not gone yet
    (the daily run tries again until it does)."""
    rows = kept.emails.select_related("lead").order_by("lead__last_name", "lead__first_name", "pk")
    return [
        EmailSent(
            to=row.lead.get_full_name() or row.lead.email,
            sent_on=row.sent_at,
            tries=row.tries,
            last_failed_on=row.failed_at,
        )
        for row in rows
    ]
