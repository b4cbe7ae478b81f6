"""A person's timeline as the rules read it: events in order, indexed by type, with admissions marked out.

Events are ordered by date; events on one date keep the order they were given in (their `seq`, then their
position). Dates decide, not that order (contract version 2): "on or after" and "before" a date compare dates,
and "during an admission" means dated on or after the admission and before the discharge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from opendsr.policy.model import Event, EventType, Kind, Obligation, PersonFacts
from opendsr.policy.pathway import Pathway, pathway_on

# The C(E)TRs of a stay in hospital, whose late holding goes to the ICS oversight panel (s13.2, s18).
INPATIENT_REVIEW_KINDS = frozenset(
    {Kind.SIX_WEEK_CETR, Kind.POST_ADMISSION_CETR, Kind.REPEAT_CETR, Kind.TRANSFER_CETR, Kind.DIAGNOSIS_CETR}
)

# Events in timeline order: by date, then `seq` (a stable sort keeps the given order after that).
_order = attrgetter("date", "seq")


@dataclass(slots=True, eq=False)
class Admission:
    """One stay in a mental health hospital, from `admitted` to the event that ended it.

    The person is an inpatient from the date of `admitted` up to, but not including, the date of `discharged`:
    an event on the discharge date is after the stay (contract version 2). A stay ends at `discharged`. An
    `admitted` recorded while the person is already an inpatient (which a scenario may not do, but a register
    being corrected may) starts a new admission that replaces the current one, which ends there.
    """

    event: Event
    position: int
    pathway: Pathway  # judged on the admission date
    ended_by: Event | None = None
    transfers: list[Event] = field(default_factory=list)  # `transferred` events dated within the stay

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

    def covers(self, day: dt.date) -> bool:
        """True when the person was an inpatient of this stay on `day`."""
        ended_on = self.ended_on
        return self.event.date <= day and (ended_on is None or day < ended_on)

    def setting_on(self, day: dt.date) -> str | None:
        """The setting of `admitted`, or of the latest `transferred` naming one, up to `day` (contract)."""
        setting = self.event.data.get("setting")
        for transfer in self.transfers:
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

    def types(self):
        """The types of event in the timeline (a set-like view)."""
        return self._positions.keys()

    def positions(self, type: EventType) -> list[int]:
        return self._positions.get(type, [])

    def each(self, type: EventType) -> Iterator[tuple[int, Event]]:
        events = self.events
        for i in self._positions.get(type, ()):
            yield i, events[i]

    def first(
        self,
        type: EventType,
        *,
        on_or_after: dt.date | None = None,
        before: dt.date | None = None,
        start: int = 0,
        end: int | None = None,
    ) -> Event | None:
        """The first event of `type` dated on or after `on_or_after` and before `before`, between positions
        `start` and `end`."""
        events = self.events
        for i in self._positions.get(type, ()):
            if i < start:
                continue
            if end is not None and i >= end:
                return None
            event = events[i]
            if before is not None and event.date >= before:
                return None
            if on_or_after is None or event.date >= on_or_after:
                return event
        return None

    def dated(
        self, type: EventType, *, on_or_after: dt.date | None = None, before: dt.date | None = None
    ) -> list[Event]:
        """Every event of `type` dated on or after `on_or_after` and before `before`, in timeline order."""
        positions = self._positions.get(type)
        if not positions:
            return []
        events = self.events
        if on_or_after is None and before is None:
            return [events[i] for i in positions]
        found = []
        for i in positions:
            event = events[i]
            if before is not None and event.date >= before:
                break
            if on_or_after is None or event.date >= on_or_after:
                found.append(event)
        return found

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

    def _stay_boundaries(self) -> Iterator[tuple[int, Event, bool]]:
        """Each `admitted` and `discharged` in the order that makes the stays, with whether it is out of turn
        (an `admitted` while already an inpatient, or a `discharged` while not one).

        Dates decide: on one date a discharge and an admission are taken in the turn the person's state
        allows, whatever their order in the file, so a discharge and a readmission on one date is a new stay,
        and an admission and discharge on one date is a stay of no days."""
        events = self.events
        by_date: dict[dt.date, tuple[list[int], list[int]]] = {}
        for i in self._positions.get(EventType.ADMITTED, ()):
            by_date.setdefault(events[i].date, ([], []))[0].append(i)
        for i in self._positions.get(EventType.DISCHARGED, ()):
            by_date.setdefault(events[i].date, ([], []))[1].append(i)
        inpatient = False
        for day in sorted(by_date):
            admitted, discharged = (list(reversed(found)) for found in by_date[day])
            while admitted or discharged:
                wanted = discharged if inpatient else admitted
                if wanted:
                    i = wanted.pop()
                    yield i, events[i], False
                    inpatient = not inpatient
                else:
                    i = (admitted or discharged).pop()
                    yield i, events[i], True

    def admissions(self, facts: PersonFacts) -> list[Admission]:
        """Each stay, in order. A `discharged` while not an inpatient changes nothing; an `admitted` while one
        ends the current stay and starts another; a `transferred` belongs to the stay its date falls in."""
        if not self._positions.get(EventType.ADMITTED):
            return []
        admissions: list[Admission] = []
        current: Admission | None = None
        for i, event, _ in self._stay_boundaries():
            if event.type == EventType.ADMITTED:
                if current is not None:
                    current.ended_by = event
                current = Admission(
                    event=event,
                    position=i,
                    pathway=pathway_on(
                        facts.date_of_birth,
                        event.date,
                        has_ehcp=facts.has_ehcp,
                        in_cyp_tier4=facts.in_cyp_tier4,
                    ),
                )
                admissions.append(current)
            elif current is not None:
                current.ended_by = event
                current = None
        for _, transfer in self.each(EventType.TRANSFERRED):
            for admission in admissions:
                if admission.covers(transfer.date):
                    admission.transfers.append(transfer)
                    break
        return admissions

    def admission_errors(self) -> Iterator[tuple[Event, str]]:
        """Contract version 2: an `admitted` while already an inpatient, or a `discharged` while not one, is
        malformed. Each such event, with what is wrong."""
        for _, event, out_of_turn in self._stay_boundaries():
            if out_of_turn:
                if event.type == EventType.ADMITTED:
                    yield event, "admitted while already an inpatient"
                else:
                    yield event, "discharged while not an inpatient"


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

    def admission_on(self, day: dt.date) -> Admission | None:
        """The stay the person was in on `day`, if any."""
        for admission in self.admissions:
            if admission.covers(day):
                return admission
        return None

    def review(
        self, kind: Kind, raised: Event, due: dt.date | None, met: Event | None, basis: str
    ) -> Obligation:
        """An obligation met by a C(E)TR, noting when the C(E)TR that met it was held after the due date."""
        obligation = make(kind, raised, due, met, basis)
        if (
            kind in INPATIENT_REVIEW_KINDS
            and met is not None
            and due is not None
            and met.date > due
            and met.type == EventType.CETR_HELD
        ):
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
