"""Consent to inclusion on the register, checked at least annually (policy s2.4; toolkit Part 1)."""

from __future__ import annotations

from collections.abc import Iterator

from opendsr.policy.calendar import Months
from opendsr.policy.model import EventType, Kind, Obligation
from opendsr.policy.timeline import Context, make

# s2.4: "consent should be checked at least annually and the dates it was checked added"
RECHECK_CONSENT = Months(12)

RECHECK_BASIS = (
    "s2.4: check consent to inclusion on the DSR at least annually, and record the date it was checked"
)


def consent_obligations(context: Context) -> Iterator[Obligation]:
    """A recheck falls due 12 months after consent was last given or checked, unless it has since been
    withdrawn. A later consent_given starts the year again."""
    timeline = context.timeline
    latest = max(
        timeline.positions(EventType.CONSENT_GIVEN)[-1:] + timeline.positions(EventType.CONSENT_CHECKED)[-1:],
        default=None,
    )
    if latest is None:
        return
    withdrawals = timeline.positions(EventType.CONSENT_WITHDRAWN)
    if withdrawals and withdrawals[-1] > latest:
        return
    consent = timeline.events[latest]
    # Only the latest give or check raises a recheck, so no later check can have met it yet.
    yield make(Kind.RECHECK_CONSENT, consent, RECHECK_CONSENT.after(consent.date), None, RECHECK_BASIS)
