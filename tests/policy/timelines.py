"""Small helpers for writing timelines in tests as the policy reads them."""

from __future__ import annotations

import datetime as dt

from opendsr.policy import Event, EventType, Kind, Obligation, PersonFacts, Status, obligations_for

ADULT = "1990-06-01"  # an adult throughout the tests' dates
CHILD = "2012-06-01"  # under 18 throughout 2026 and 2027


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def ev(date: str, type: str, *, ref: str | None = None, seq: int = 0, **data) -> Event:
    return Event(date=d(date), type=EventType(type), data=data, seq=seq, ref=ref)


def admitted(date: str, setting: str = "non_secure", route: str = "civil", **kwargs) -> Event:
    return ev(date, "admitted", setting=setting, route=route, **kwargs)


def cetr(date: str, kind: str = "inpatient", **kwargs) -> Event:
    return ev(date, "cetr_held", kind=kind, **kwargs)


def clock(events, today: str, dob: str = ADULT, **flags) -> list[Obligation]:
    return obligations_for(PersonFacts(date_of_birth=d(dob), **flags), events, d(today))


def of_kind(obligations, kind: str) -> list[Obligation]:
    return [o for o in obligations if o.kind == Kind(kind)]


def only(obligations, kind: str) -> Obligation:
    found = of_kind(obligations, kind)
    assert len(found) == 1, f"expected one {kind}, found {found}"
    return found[0]


def open_of(obligations, kind: str) -> list[Obligation]:
    return [o for o in of_kind(obligations, kind) if o.met_on is None]


def status(obligation: Obligation, today: str) -> Status:
    return obligation.status(d(today))
