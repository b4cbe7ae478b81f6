"""Joining the register: which rating decision puts someone on it, and the consent that must stand first
(001 s2.4, s2.4.1; s4, Table 1).

The register asks this before it records a rating, and again when a meeting changes someone's rating. It reads
the facts from the database (the person's status and rating now, and whether consent stands on the day) and
this decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

# s4, Table 1: a red, amber or green rating means being on the register; blue while an inpatient (s14).
ON_REGISTER_RATINGS = frozenset({"red", "amber", "green", "blue"})

CONSENT_BASIS = (
    "s2.4: no name is added to the register without the person's informed consent; s2.4.1: when they lack "
    "capacity, consent from someone entitled to give it for them, or a best interests decision under the Mental "
    "Capacity Act 2005"
)


@dataclass(frozen=True)
class RatingEffect:
    """What a rating decision does to the person's place on the register."""

    becomes_their_rating: bool  # it is their rating from now on, and they are on the register
    adds_to_register: bool  # they were not on the register before it
    needs_consent: bool  # it would add them with no consent standing on the day: it is refused (s2.4)


def is_latest(decided_on: dt.date, rated_on: dt.date | None) -> bool:
    """Whether a decision dated `decided_on` is the person's latest, when their rating now was decided on
    `rated_on` (None if they have none). A decision recorded late, dated before their rating now, is kept as
    history and changes nothing."""
    return rated_on is None or decided_on >= rated_on


def rating_effect(
    *,
    rating: str,
    decided_on: dt.date,
    rated_on: dt.date | None,
    on_register: bool,
    consent_in_force: bool | Callable[[], bool],
) -> RatingEffect:
    """What recording `rating`, decided on `decided_on`, does for someone whose rating now was decided on
    `rated_on` and who is (`on_register`) or is not (referred, or left) on the register.

    A rating that means being on the register, and is the latest, becomes their rating. For someone not on the
    register that adds them, which needs consent to be on it standing on the day of the decision
    (`consent_in_force`): given by them, by someone entitled to give it for them, or as a recorded best interests
    decision (s2.4, s2.4.1). Re-rating someone already on the register adds no one, so it asks for nothing: given
    as a function, `consent_in_force` is called only for a rating that would add someone."""
    becomes = rating in ON_REGISTER_RATINGS and is_latest(decided_on, rated_on)
    adds = becomes and not on_register
    return RatingEffect(
        becomes_their_rating=becomes,
        adds_to_register=adds,
        needs_consent=adds and not (consent_in_force() if callable(consent_in_force) else consent_in_force),
    )
