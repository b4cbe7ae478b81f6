"""The clock for many people at once, its obligations laid out as a database takes them in bulk: rows of plain
values end to end in a list (two lists: one for each shape of row). For passes over the whole register, which find about six obligations for each
of hundreds of thousands of people; compiled with the clock (`compiled.py`).
"""

from __future__ import annotations

import datetime as dt
import json

from opendsr.policy.clock import obligations_for
from opendsr.policy.model import Event, Obligation, PersonFacts

# The values of a row, after the person's id (`add_rows`). Almost every obligation has no reasons and has not
# ended: its row leaves those two out (`PLAIN_ROW`), for the database's defaults ("[]" and none) to fill.
ROW = ("kind", "raised_on", "due", "met_on", "is_open", "basis", "reasons", "raised_by", "met_by", "ended_on")
PLAIN_ROW = tuple(value for value in ROW if value not in ("reasons", "ended_on"))


def rows_for_people(
    facts: dict[int, PersonFacts],
    timelines: dict[int, list[Event]],
    today: dt.date,
    days: dict,
    basis_length: int,
) -> tuple[list, list, int, int]:
    """Each person's obligations as rows (`add_rows`): the plain rows and the full ones, how many of the people
    have any obligation, and how many obligations there are. A person with no timeline has no events."""
    plain: list = []
    full: list = []
    people = obligations = 0
    empty: list[Event] = []
    for person_id, person_facts in facts.items():
        found = obligations_for(person_facts, timelines.get(person_id, empty), today)
        if found:
            people += 1
            obligations += len(found)
            add_rows(plain, full, person_id, found, days, basis_length)
    return plain, full, people, obligations


def add_rows(
    plain: list, full: list, person_id: int, found: list[Obligation], days: dict, basis_length: int
) -> None:
    """Add a row for each obligation: the person's id, then `PLAIN_ROW` to `plain` if it has no reasons and has
    not ended, else `ROW` to `full`. Dates as `days` gives them (ISO text, say), `is_open` as 1 or 0, the basis
    cut to `basis_length` characters, the reasons as a JSON list and a missing reference as ""."""
    for o in found:
        met_on = o.met_on
        ended_on = o.ended_on
        reasons = o.reasons
        if not reasons and ended_on is None:
            plain += (
                person_id,
                str(o.kind),
                days[o.raised_on],
                days[o.due],
                days[met_on],
                1 if met_on is None else 0,
                o.basis[:basis_length],
                o.raised_by_ref or "",
                o.met_by_ref or "",
            )
        else:
            full += (
                person_id,
                str(o.kind),
                days[o.raised_on],
                days[o.due],
                days[met_on],
                1 if met_on is None and ended_on is None else 0,
                o.basis[:basis_length],
                json.dumps(list(reasons)) if reasons else "[]",
                o.raised_by_ref or "",
                o.met_by_ref or "",
                days[ended_on],
            )
