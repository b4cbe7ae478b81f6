"""Checks on the ICS oversight panel that need no database: plain functions over plain values (s18)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# s18: "Panels must convene at least quarterly (more frequently if helpful)": the clock's PANEL_REVIEW.
from opendsr.policy.rules.oversight import PANEL_REVIEW

# s18: "Each ICS must develop (or maintain) an oversight panel that includes:" (in the policy's order)
REQUIRED_ROLES = (
    "executive_lead",
    "expert_by_experience",
    "medical_director",
    "social_care",
    "provider_collaborative",
    "senior_clinician",
)


def missing_roles(roles: Iterable[str]) -> list[str]:
    """The s18 roles nobody among these members holds, in the policy's order."""
    present = set(roles)
    return [role for role in REQUIRED_ROLES if role not in present]


def latest_next_date(last_meeting: dt.date) -> dt.date:
    """The last date the next meeting may be held on to keep the panel meeting at least quarterly."""
    return PANEL_REVIEW.after(last_meeting)


def quarterly_gap(previous: dt.date | None, following: dt.date | None) -> dt.date | None:
    """When the meeting after `previous` (held or planned) is later than three months after it, or none is
    planned, the date by which one should have been: else None."""
    if previous is None:
        return None
    limit = latest_next_date(previous)
    if following is None or following > limit:
        return limit
    return None


def gaps_between(dates: Iterable[dt.date]) -> list[tuple[dt.date, dt.date, dt.date]]:
    """Each pair of consecutive meetings more than three months apart: (earlier, later, the latest date the
    later one should have been)."""
    ordered = sorted(set(dates))
    gaps = []
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        limit = latest_next_date(earlier)
        if later > limit:
            gaps.append((earlier, later, limit))
    return gaps
