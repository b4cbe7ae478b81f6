"""Where the person is now (s4, Table 1): an admission makes them an inpatient rated blue; a discharge returns
them to the community without a rating until a new one is decided.

Every write that admits or discharges someone (the inpatient record, the timeline) calls these, so the register
says the same thing whichever way the admission was recorded.
"""

from __future__ import annotations

import datetime as dt

from opendsr.register.models import Location, Person, Rating


def _save(person: Person, changed: list[str]) -> None:
    if changed:
        person.version += 1  # someone editing their details is told their "where they are now" moved on
        person.save(update_fields=[*changed, "version", "updated_at"])


def mark_admitted(person: Person, *, on: dt.date) -> None:
    """The person is an inpatient in a mental health hospital from `on`, rated blue."""
    person.location = Location.INPATIENT
    person.current_rating = Rating.BLUE
    person.rating_decided_on = on
    _save(person, ["location", "current_rating", "rating_decided_on"])


def mark_discharged(person: Person) -> None:
    """The person left hospital: back in the community, no longer blue, until a new rating is decided."""
    changed = ["location"]
    person.location = Location.COMMUNITY
    if person.current_rating == Rating.BLUE:
        person.current_rating = ""
        changed.append("current_rating")
    _save(person, changed)
