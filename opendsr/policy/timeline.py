"""A person's timeline as the rules read it: events in order, indexed by type, with admissions marked out.

Events are ordered by date; events on one date keep the order they were given in (their `seq`, then their
position). "On or after" a date means by date. "During an admission" means by position: after the `admitted`
event and before the `discharged` event that ends it, so that a community C(E)TR held on the morning of an
admission, recorded before it, counts as held before the admission and not as a review during it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from opendsr.policy.model import Event, EventType, Kind, Obligation, PersonFacts
from opendsr.policy.pathway import Pathway, pathway_on

# Events in timeline order: by date, then `seq` (a stable sort keeps the given order after that).
_order = attrgetter("date", "seq")


@dataclass(slots=True, eq=False)
class Admission:
    """One stay in a mental health hospital, from `admitted` to the event that ended it.

    A stay ends at `discharged`. An `admitted` recorded while the person is already an inpatient starts a new
    admission that replaces the current one (a fresh admission with its own post-admission review), and the
    current one ends there as if discharged.
    """

    event: Event
    position: int
    end: int  # position of the event that ended the stay, or the length of the timeline while it goes on
    pathway: Pathway  # judged on the admission date
    ended_by: Event | None = None
    transfers: list[tuple[int, Event]] = field(default_factory=list)

    @property
    def date(self) -> dt.date:
        return self.event.date

    @property
    def ended(self) -> bool:
        return self.ended_by is not None

    @property
    def ended_on(self) -> dt.date | None:
        return self.ended_by.date if self.ended_by is not None else None

    @property
    def via_criminal_justice(self) -> bool:
        return self.event.data.get("route") == "criminal_justice"

    def contains(self, position: int) -> bool:
        return self.position < position < self.end

    def setting_on(self, day: dt.date) -> str | None:
        """The setting of `admitted`, or of the latest `transferred` naming one, up to `day` (contract)."""
        setting = self.event.data.get("setting")
        for _, transfer in self.transfers:
            if transfer.date > day:
                break
            named = transfer.data.get("setting")
            if named:
                setting = named
        return setting


class Timeline:
    """Events in order, with the positions of each type of event."""

    __slots__ = ("events", "_positions")

    def __init__(self, events: Iterable[Event]):
        self.events: list[Event] = sorted(events, key=_order)
        positions: dict[str, list[int]] = {}
        for i, event in enumerate(self.events):
            found = positions.get(event.type)
            if found is None:
                positions[event.type] = [i]
            else:
                found.append(i)
        self._positions = positions

    def __len__(self) -> int:
        return len(self.events)

    def positions(self, type: EventType) -> list[int]:
        return self._positions.get(type, [])

    def each(self, type: EventType) -> Iterator[tuple[int, Event]]:
        events = self.events
        for i in self._positions.get(type, ()):
            yield i, events[i]

    def first(
        self, type: EventType, *, on_or_after: dt.date | None = None, start: int = 0, end: int | None = None
    ) -> Event | None:
        """The first event of `type` dated on or after `on_or_after`, between positions `start` and `end`."""
        events = self.events
        for i in self._positions.get(type, ()):
            if i < start:
                continue
            if end is not None and i >= end:
                return None
            event = events[i]
            if on_or_after is None or event.date >= on_or_after:
                return event
        return None

    def first_of(
        self, types: tuple[EventType, ...], *, on_or_after: dt.date, start: int = 0, end: int | None = None
    ) -> Event | None:
        """The earliest event of any of `types` dated on or after `on_or_after`."""
        best: tuple[int, Event] | None = None
        events = self.events
        for type in types:
            for i in self._positions.get(type, ()):
                if i < start or (best is not None and i >= best[0]):
                    continue
                if end is not None and i >= end:
                    break
                if events[i].date >= on_or_after:
                    best = (i, events[i])
                    break
        return best[1] if best is not None else None

    def admissions(self, facts: PersonFacts) -> list[Admission]:
        admitted = self._positions.get(EventType.ADMITTED)
        if not admitted:
            return []
        events = self.events
        admissions: list[Admission] = []
        current: Admission | None = None
        boundaries = sorted(
            admitted
            + self._positions.get(EventType.DISCHARGED, [])
            + self._positions.get(EventType.TRANSFERRED, [])
        )
        for i in boundaries:
            event = events[i]
            if event.type == EventType.ADMITTED:
                if current is not None:
                    current.end, current.ended_by = i, event
                current = Admission(
                    event=event,
                    position=i,
                    end=len(events),
                    pathway=pathway_on(
                        facts.date_of_birth,
                        event.date,
                        has_ehcp=facts.has_ehcp,
                        in_cyp_tier4=facts.in_cyp_tier4,
                    ),
                )
                admissions.append(current)
            elif current is None:
                continue  # a discharge or transfer while not an inpatient changes nothing
            elif event.type == EventType.DISCHARGED:
                current.end, current.ended_by = i, event
                current = None
            else:
                current.transfers.append((i, event))
        return admissions


class Context:
    """What every rule reads: the person's facts, their timeline, their admissions and the date today.

    C(E)TR obligations met by a review held after their due date are noted here as they are made
    (`review`), because the policy sends those reviews to the ICS oversight panel (s13.2, s18).
    """

    __slots__ = ("facts", "timeline", "today", "admissions", "late_reviews", "_pathways")

    def __init__(self, facts: PersonFacts, timeline: Timeline, today: dt.date):
        self.facts = facts
        self.timeline = timeline
        self.today = today
        self.admissions = timeline.admissions(facts)
        self.late_reviews: list[tuple[Event, Obligation]] = []
        self._pathways: dict[dt.date, Pathway] = {}

    def pathway(self, on: dt.date) -> Pathway:
        found = self._pathways.get(on)
        if found is None:
            facts = self.facts
            found = pathway_on(
                facts.date_of_birth, on, has_ehcp=facts.has_ehcp, in_cyp_tier4=facts.in_cyp_tier4
            )
            self._pathways[on] = found
        return found

    def admission_at(self, position: int) -> Admission | None:
        """The admission the person was in at this point of the timeline, if any."""
        for admission in self.admissions:
            if admission.position < position < admission.end:
                return admission
        return None

    def review(
        self, kind: Kind, raised: Event, due: dt.date | None, met: Event | None, basis: str
    ) -> Obligation:
        """An obligation met by a C(E)TR, noting when the C(E)TR that met it was held after the due date."""
        obligation = make(kind, raised, due, met, basis)
        if met is not None and due is not None and met.date > due and met.type == EventType.CETR_HELD:
            self.late_reviews.append((met, obligation))
        return obligation


def make(
    kind: Kind,
    raised: Event,
    due: dt.date | None,
    met: Event | None,
    basis: str,
    reasons: tuple[str, ...] = (),
) -> Obligation:
    """An obligation raised by one event and, when met, met by another."""
    if met is None:
        return Obligation(kind, raised.date, due, None, basis, reasons, raised.ref, None)
    return Obligation(kind, raised.date, due, met.date, basis, reasons, raised.ref, met.ref)
