"""Which dates make sense on a person's record.

Pure functions, no database and no clock: the caller passes today. Each returns the NHS.UK error message
for the first problem it finds, naming the date the way the page does ("The date consent was checked"), or
None when the date makes sense. Services raise the message against the form field; forms only report it.
"""

from __future__ import annotations

import datetime as dt

# Nobody on the register was born before 1900, and nothing on a record happened before then: an earlier year
# is a typing slip (1800 for 2008), not a date.
EARLIEST = dt.date(1900, 1, 1)
# Planned dates (a review, an action's deadline, when to ask again) lie within the next 10 years.
PLANNED_YEARS_AHEAD = 10


def long_date(value: dt.date) -> str:
    """4 January 2027, as NHS.UK content writes dates."""
    return f"{value.day} {value:%B %Y}"


def latest_planned(today: dt.date) -> dt.date:
    """The last day a planned date may fall on."""
    try:
        return today.replace(year=today.year + PLANNED_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + PLANNED_YEARS_AHEAD, day=28)


def date_of_birth_problem(born: dt.date | None, *, today: dt.date) -> str | None:
    """A date of birth is from 1 January 1900 and in the past."""
    if born is None:
        return None
    if born < EARLIEST:
        return f"Date of birth must be the same as or after {long_date(EARLIEST)}"
    if born >= today:
        return "Date of birth must be in the past"
    return None


def event_date_problem(
    on: dt.date | None,
    *,
    subject: str,
    today: dt.date,
    born: dt.date | None = None,
    after: dt.date | None = None,
    after_what: str = "",
    planned: bool = False,
) -> str | None:
    """A date something happened (or, when `planned`, will happen): from 1900, not before the person was born,
    not before `after` (the record it follows, described by `after_what`, e.g. "consent was given"), and not
    in the future, or, when planned, not more than 10 years ahead. `subject` names the date, e.g. "The date
    consent was checked"."""
    if on is None:
        return None
    if on < EARLIEST:
        return f"{subject} must be the same as or after {long_date(EARLIEST)}"
    if born is not None and on < born:
        return f"{subject} must be the same as or after their date of birth ({long_date(born)})"
    if after is not None and on < after:
        return f"{subject} must be the same as or after the date {after_what} ({long_date(after)})"
    if planned:
        if on > latest_planned(today):
            return f"{subject} must be the same as or before {long_date(latest_planned(today))}"
    elif on > today:
        return f"{subject} must be today or in the past"
    return None
