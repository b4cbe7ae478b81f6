"""The clock for many people at once, its obligations laid out as a database takes them in bulk: rows of plain
values end to end in a list (two lists: one for each shape of row). For passes over the whole register, which find about six obligations for each
of hundreds of thousands of people; compiled with the clock (`compiled.py`).
"""

from __future__ import annotations

import datetime as dt
import json

from opendsr.policy.clock import obligations_for
from opendsr.policy.model import Event, Obligation, PersonFacts, is_open

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
    """Add a row for each obligation (`add_row`), its basis cut to `basis_length` characters and a missing
    reference as ""."""
    for o in found:
        add_row(
            plain,
            full,
            days,
            person_id,
            str(o.kind),
            o.raised_on,
            o.due,
            o.met_on,
            o.basis[:basis_length],
            o.reasons,
            o.raised_by_ref or "",
            o.met_by_ref or "",
            o.ended_on,
        )


def add_row(
    plain: list,
    full: list,
    days: dict,
    person_id: int,
    kind: str,
    raised_on: dt.date,
    due: dt.date | None,
    met_on: dt.date | None,
    basis: str,
    reasons: tuple[str, ...],
    raised_by: str,
    met_by: str,
    ended_on: dt.date | None,
) -> None:
    """Add one obligation's row: the person's id, then `PLAIN_ROW` to `plain` if it has no reasons and has not
    ended, else `ROW` to `full`. Dates as `days` gives them (ISO text, say), `is_open` as 1 or 0
    (`is_open`), the reasons as a JSON list."""
    if not reasons and ended_on is None:
        plain += (
            person_id,
            kind,
            days[raised_on],
            days[due],
            days[met_on],
            1 if is_open(met_on, None) else 0,
            basis,
            raised_by,
            met_by,
        )
    else:
        full += (
            person_id,
            kind,
            days[raised_on],
            days[due],
            days[met_on],
            1 if is_open(met_on, ended_on) else 0,
            basis,
            json.dumps(list(reasons)) if reasons else "[]",
            raised_by,
            met_by,
            days[ended_on],
        )
