"""Leaving the register (policy s3: who the register holds; s2.4: consent to be on it can be withdrawn).

When a person leaves the register, what was still owed for them ends there: it is not met, and it is no longer
due. It stays as a record, marked as ended on the day they left. A person who comes back (a new referral or
rating after they left) starts again: what is raised from then on is owed as usual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from opendsr.policy.model import Event, EventType, Obligation
from opendsr.policy.timeline import Timeline

# What brings someone who left back within the register's reach.
_RETURN = (EventType.REFERRAL_RECEIVED, EventType.STRATIFIED)


def _absences(timeline: Timeline) -> list[tuple[Event, dt.date | None]]:
    """Each time the person left, with the date they came back (None while they are still away)."""
    absences = []
    for position, left in timeline.each(EventType.LEFT_REGISTER):
        back = timeline.first_of(_RETURN, on_or_after=left.date, start=position + 1)
        absences.append((left, back.date if back is not None else None))
    return absences


def end_when_left(obligations: list[Obligation], timeline: Timeline) -> list[Obligation]:
    """Obligations not met when the person left end on the day they left; those raised while they were away
    end as they are raised. Met obligations are untouched."""
    absences = _absences(timeline)
    if not absences:
        return obligations
    result = []
    for obligation in obligations:
        if obligation.met_on is None:
            # The first time they left after it was raised, or while they were away when it was raised.
            for left, back in absences:
                if back is None or obligation.raised_on < back:
                    obligation = dataclasses.replace(
                        obligation, ended_on=max(left.date, obligation.raised_on), ended_by_ref=left.ref
                    )
                    break
        result.append(obligation)
    return result
