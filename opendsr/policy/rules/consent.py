"""Consent to inclusion on the register, checked at least annually, and asked of the person themselves once
they are old enough to give it (policy s2.4; toolkit Part 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from opendsr.policy.calendar import Months, birthday
from opendsr.policy.model import Event, EventType, GivenBy, Kind, Obligation
from opendsr.policy.timeline import Context, make

# s2.4: "consent should be checked at least annually and the dates it was checked added"
RECHECK_CONSENT = Months(12)

RECHECK_BASIS = (
    "s2.4: check consent to inclusion on the DSR at least annually, and record the date it was checked"
)
RECONSENT_BASIS = (
    "s2.4: consent given for the person by someone else is asked of the person themselves once they reach "
    "the age at which they give consent"
)


def _consents(context: Context) -> list[Event]:
    timeline = context.timeline
    positions = sorted(
        timeline.positions(EventType.CONSENT_GIVEN) + timeline.positions(EventType.CONSENT_CHECKED)
    )
    return [timeline.events[i] for i in positions]


def _given_by(consent: Event) -> str:
    return consent.data.get("given_by") or GivenBy.PERSON


def consent_obligations(context: Context) -> Iterator[Obligation]:
    consents = _consents(context)
    if not consents:
        return
    yield from _recheck(context, consents[-1])
    yield from _reconsent_self(context, consents)


def _recheck(context: Context, latest: Event) -> Iterator[Obligation]:
    """A recheck falls due 12 months after consent was last given or checked, unless it was withdrawn after
    that. A later consent_given starts the year again, so only the latest raises one, and nothing meets it."""
    if context.timeline.first(EventType.CONSENT_WITHDRAWN, on_or_after=latest.date):
        return
    yield make(Kind.RECHECK_CONSENT, latest, RECHECK_CONSENT.after(latest.date), None, RECHECK_BASIS)


def _reconsent_self(context: Context, consents: list[Event]) -> Iterator[Obligation]:
    """When the consent standing at the person's self-consent birthday (16 unless the ICB sets another age)
    was given by someone else for them, the person is asked for their own consent from that birthday."""
    facts = context.facts
    timeline = context.timeline
    reached = birthday(facts.date_of_birth, facts.self_consent_age)
    before = [consent for consent in consents if consent.date < reached]
    if not before or _given_by(before[-1]) != GivenBy.OTHER:
        return
    standing = before[-1]
    withdrawn_until = reached if reached <= context.today else context.today + dt.timedelta(days=1)
    if timeline.first(EventType.CONSENT_WITHDRAWN, on_or_after=standing.date, before=withdrawn_until):
        return
    met = next(
        (c for c in consents if c.date >= reached and _given_by(c) == GivenBy.PERSON),
        None,
    )
    withdrawn = timeline.first(
        EventType.CONSENT_WITHDRAWN, on_or_after=reached, before=met.date if met is not None else None
    )
    if withdrawn is not None:
        return
    yield make(Kind.RECONSENT_SELF, standing, reached, met, RECONSENT_BASIS)
