"""Which pathway a person is on, on a given date: children and young people (CYP) or adult.

Table 2 of the policy: the C(E)TR pathway for children and young people applies under 18, and up to 25 "if an
education, health and care plan is in place or if the young person remains in the CYP mental health tier 4
hospital (post 18 years)". Everyone else is on the adult pathway. The pathway is always judged on the date
of the event that raised an obligation, so a review raised the day before an 18th birthday keeps the CYP
timescale.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from opendsr.policy.calendar import age_on

__all__ = [
    "CYP_AGE_LIMIT",
    "EXTENDED_CYP_AGE_LIMIT",
    "TRANSITION_PLANNING_AGE",
    "Pathway",
    "age_on",
    "cyp_birth_cutoffs",
    "latest_birth_date_at_age",
    "pathway_on",
    "transition_flag",
]

CYP_AGE_LIMIT = 18  # 001 Table 2: children and young people are under 18
EXTENDED_CYP_AGE_LIMIT = 25  # 001 Table 2: "up to 25" with an EHCP, or still in a CYP tier 4 bed
TRANSITION_PLANNING_AGE = 16  # 001 s16.4: the transitions team is invited from 16


class Pathway(Enum):
    CYP = "cyp"
    ADULT = "adult"


def pathway_on(
    date_of_birth: dt.date, on: dt.date, *, has_ehcp: bool = False, in_cyp_tier4: bool = False
) -> Pathway:
    """CYP if under 18 on `on`, or under 25 with an EHCP or in a CYP tier 4 bed; otherwise adult."""
    age = age_on(date_of_birth, on)
    if age < CYP_AGE_LIMIT:
        return Pathway.CYP
    if age < EXTENDED_CYP_AGE_LIMIT and (has_ehcp or in_cyp_tier4):
        return Pathway.CYP
    return Pathway.ADULT


def transition_flag(date_of_birth: dt.date, on: dt.date) -> bool:
    """True from the 16th birthday until the 18th: the years in which transition to adult services is planned
    (s8, s16.4: the transitions team is involved from 16)."""
    return TRANSITION_PLANNING_AGE <= age_on(date_of_birth, on) < CYP_AGE_LIMIT


def latest_birth_date_at_age(age: int, on: dt.date) -> dt.date:
    """The latest date of birth of someone who is `age` or older on `on`, counting as `age_on` does: a person is
    younger than `age` on `on` exactly when they were born after this date. Lets a database filter by age."""
    try:
        candidate = on.replace(year=on.year - age)
    except ValueError:  # 29 February, in a year that has none
        candidate = on.replace(year=on.year - age, day=28)
    while age_on(candidate, on) < age:
        candidate -= dt.timedelta(days=1)
    while age_on(candidate + dt.timedelta(days=1), on) >= age:
        candidate += dt.timedelta(days=1)
    return candidate


def cyp_birth_cutoffs(on: dt.date) -> tuple[dt.date, dt.date]:
    """`pathway_on` as two dates, for a database: someone is on the CYP pathway on `on` when born after the
    first, or born after the second with an EHCP or in a CYP tier 4 bed (Table 2)."""
    return latest_birth_date_at_age(CYP_AGE_LIMIT, on), latest_birth_date_at_age(EXTENDED_CYP_AGE_LIMIT, on)
