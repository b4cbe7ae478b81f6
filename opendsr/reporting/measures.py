"""The Appendix 9 measures, worked out from plain data: the timeline's events and the stored obligations.

No Django here. Whether something was on time is read from the obligations the policy clock stored (their `due`
and `met_on`): this module compares dates, it never decides what is due. Each measure carries its definition and
citation, which the figures page shows beside it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from types import MappingProxyType
from typing import NamedTuple

from opendsr.policy import Kind, add_days, add_months
from opendsr.policy.rules.admission import COMMUNITY_REVIEW_LOOKBACK

# How long after a community C(E)TR or LAEP meeting we look for an admission before counting it as avoided.
# The policy sets no number (Appendix 9 asks for "rates of admission among people whose admission was
# previously avoided"); OpenDSR uses 6 months, the same look-back Table 2 uses for a community C(E)TR.
AVOIDED_WITHIN = COMMUNITY_REVIEW_LOOKBACK
READMISSION_DAYS = (30, 90)
STAY_BANDS = [  # length of stay bands, in days: (label, up to and including)
    ("Under 3 months", 91),
    ("3 to 6 months", 182),
    ("6 to 12 months", 365),
    ("1 to 2 years", 730),
    ("2 to 5 years", 1826),
    ("5 years or more", None),
]


class Event(NamedTuple):
    """One event of the timeline (a tuple: the figures read a hundred thousand of them, and a tuple is made the
    quickest). `data` holds only the keys the measures read."""

    person: int
    type: str
    date: dt.date
    data: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Owed:
    """A stored obligation: what the policy clock said was owed, by when, and when it was met."""

    person: int
    kind: str
    due: dt.date | None
    met_on: dt.date | None
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class OwedTally:
    """The stored obligations of one kind due on one day, counted: how many are judged (all but those that ended
    unmet when the person left the register) and how many of those were met on or before the due date. The
    database counts these (`queries.register_for`), so the figures need not read every obligation."""

    kind: str
    due: dt.date
    total: int
    met: int


def tally_owed(owed: Sequence[Owed]) -> list[OwedTally]:
    """Count obligations as the database does for `OwedTally`."""
    counts: dict[tuple[str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for item in owed:
        if item.due is None or (item.met_on is None and item.ended_on is not None):
            continue
        tally = counts[(str(item.kind), item.due)]
        tally[0] += 1
        tally[1] += item.met_on is not None and item.met_on <= item.due
    return [OwedTally(kind, due, total, met) for (kind, due), (total, met) in counts.items()]


@dataclass(frozen=True)
class ActionDue:
    """An action agreed at a C(E)TR: its due date, and the day it was closed as done (None if not done)."""

    due: dt.date
    done_on: dt.date | None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def month(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period(start, add_days(add_months(start, 1), -1), f"{start:%B %Y}")


def quarter(day: dt.date) -> Period:
    """A financial quarter (April to June is quarter 1), as NHS returns count them."""
    first_month = ((day.month - 1) // 3) * 3 + 1
    start = dt.date(day.year, first_month, 1)
    end = add_days(add_months(start, 3), -1)
    return Period(start, end, f"{start:%B} to {end:%B %Y}")


def year(day: dt.date) -> Period:
    """A financial year, 1 April to 31 March."""
    start_year = day.year if day.month >= 4 else day.year - 1
    start = dt.date(start_year, 4, 1)
    return Period(start, dt.date(start_year + 1, 3, 31), f"April {start_year} to March {start_year + 1}")


PERIODS: dict[str, Callable[[dt.date], Period]] = {"month": month, "quarter": quarter, "year": year}


def months_to(end: dt.date, count: int = 12) -> list[Period]:
    """The `count` calendar months up to and including the one `end` falls in, oldest first."""
    last = end.replace(day=1)
    return [month(add_months(last, -n)) for n in range(count - 1, -1, -1)]


class Register:
    """One ICB's timeline and obligations, indexed for counting.

    `owed` is the stored obligations, each (`Owed`) or already counted by kind and due date (`OwedTally`).
    `counted` is events no measure reads one by one, counted by type and day: (type, date, number)."""

    def __init__(
        self,
        events: Sequence[Event],
        owed: Sequence[Owed | OwedTally],
        actions: Sequence[ActionDue],
        today: dt.date,
        *,
        counted: Sequence[tuple[str, dt.date, int]] = (),
    ):
        self.today = today
        self.by_type: dict[str, list[Event]] = defaultdict(list)
        self.by_person: dict[int, list[Event]] = defaultdict(list)
        by_type, by_person = self.by_type, self.by_person
        # By date only: a stable sort keeps the order the events were recorded in within a day.
        for event in sorted(events, key=attrgetter("date")):
            by_type[event.type].append(event)
            by_person[event.person].append(event)
        tallies = [item for item in owed if isinstance(item, OwedTally)]
        tallies += tally_owed([item for item in owed if isinstance(item, Owed)])
        self.owed_by_kind: dict[str, list[OwedTally]] = defaultdict(list)
        for item in sorted(tallies, key=lambda item: item.due):
            self.owed_by_kind[item.kind].append(item)
        self.due_dates = {kind: [item.due for item in items] for kind, items in self.owed_by_kind.items()}
        self.actions = list(actions)
        self.dates = {type_: [e.date for e in events] for type_, events in self.by_type.items()}
        by_day: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
        for type_, day, number in sorted(counted, key=lambda c: c[1]):
            by_day[type_].append((day, number))
        self.counted_days = {type_: [day for day, _ in days] for type_, days in by_day.items()}
        self.counted_totals = {  # running totals, so a period's count is two look-ups
            type_: [0, *itertools.accumulate(number for _, number in days)] for type_, days in by_day.items()
        }

    def events(self, type_: str, period: Period) -> list[Event]:
        events = self.by_type.get(type_, [])
        dates = self.dates.get(type_, [])
        return events[bisect.bisect_left(dates, period.start) : bisect.bisect_right(dates, period.end)]

    def counted_in(self, type_: str, period: Period) -> int:
        days = self.counted_days.get(type_)
        if not days:
            return 0
        totals = self.counted_totals[type_]
        return totals[bisect.bisect_right(days, period.end)] - totals[bisect.bisect_left(days, period.start)]

    def person_events(self, person: int, types: set[str]) -> list[Event]:
        return [e for e in self.by_person.get(person, ()) if e.type in types]

    def rating_on(self, person: int, day: dt.date) -> str:
        rating = ""
        for event in self.person_events(person, {"stratified"}):
            if event.date > day:
                break
            rating = event.data.get("rating", "")
        return rating


# ------------------------------------------------------------------------------------ the register on a day

ON_REGISTER_RATINGS = ("red", "amber", "green")


class Standing(NamedTuple):
    """Where one person stood on a day, read from their timeline up to it (a tuple: the register on a day works
    one out for each of a hundred thousand people).

    `dated` is False when the timeline holds no rating that put them on the register and no leaving (someone
    added from an earlier register without a dated rating): the caller then falls back on what is recorded now.
    `inpatient` is None when the timeline holds no admission or discharge."""

    on_register: bool
    rating: str  # "" when not rated (or back from hospital and not rated again)
    inpatient: bool | None
    dated: bool


def standing_on(events: Sequence[Event], day: dt.date) -> Standing:
    """Walk one person's events (in date order) up to and including `day`, as the services keep the register:
    a red, amber or green rating puts them on it with that rating; an admission makes them an inpatient rated
    blue; a discharge returns them to the community with no rating until a new one; leaving takes them off.
    A "not eligible" rating changes neither."""
    on = dated = False
    rating = ""
    inpatient: bool | None = None
    for event in events:
        if event.date > day:
            if event.type in ("stratified", "left_register"):
                dated = (
                    dated or event.type == "left_register" or event.data.get("rating") in ON_REGISTER_RATINGS
                )
            continue
        if event.type == "stratified" and event.data.get("rating") in ON_REGISTER_RATINGS:
            on = dated = True
            rating = event.data["rating"]
        elif event.type == "admitted":
            inpatient, rating = True, "blue"
        elif event.type == "discharged":
            inpatient = False
            rating = "" if rating == "blue" else rating
        elif event.type == "left_register":
            on, dated = False, True
    return Standing(on, rating, inpatient, dated)


# ------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Count:
    value: int


@dataclass(frozen=True)
class OnTime:
    """Of `total` that fell due (or happened) in the period, `met` were on time (or met the condition)."""

    met: int
    total: int


@dataclass(frozen=True)
class Stay:
    """Lengths of stay of the discharges in the period, in days."""

    days: tuple[int, ...]

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    def bands(self) -> list[tuple[str, int]]:
        counts = []
        lower = -1
        for label, upper in STAY_BANDS:
            counts.append((label, sum(1 for d in self.days if d > lower and (upper is None or d <= upper))))
            lower = upper if upper is not None else lower
        return counts


def on_time(register: Register, kinds: Sequence[str], period: Period) -> OnTime:
    """Of the obligations of these kinds due in the period whose due date has passed (not those that ended when
    the person left the register before meeting them): how many were met on or before their due date."""
    met = total = 0
    last = min(period.end, register.today - dt.timedelta(days=1))
    for kind in kinds:
        items = register.owed_by_kind.get(str(kind), [])
        dues = register.due_dates.get(str(kind), [])
        for item in items[bisect.bisect_left(dues, period.start) : bisect.bisect_right(dues, last)]:
            total += item.total
            met += item.met
    return OnTime(met, total)


def count(register: Register, type_: str, period: Period, **data) -> Count:
    counted = 0 if data else register.counted_in(type_, period)
    return Count(
        counted
        + sum(1 for e in register.events(type_, period) if all(e.data.get(k) == v for k, v in data.items()))
    )


def _prevented_by(register: Register, admission: Event) -> bool:
    """A community C(E)TR or a LAEP meeting held in the 6 months before this admission (Table 2's look-back)."""
    since = COMMUNITY_REVIEW_LOOKBACK.before(admission.date)
    for event in register.person_events(admission.person, {"cetr_held", "laep_held"}):
        if since <= event.date <= admission.date and (
            event.type == "laep_held" or event.data.get("kind") == "community"
        ):
            return True
    return False


def admissions_after_community_review(register: Register, period: Period) -> OnTime:
    admissions = register.events("admitted", period)
    return OnTime(sum(_prevented_by(register, a) for a in admissions), len(admissions))


def admissions_avoided(register: Register, period: Period) -> OnTime:
    """Of the community C(E)TRs and LAEP meetings for people rated red or amber on the day, whose 6 months
    afterwards ended in the period (and so can be judged): how many were not followed by an admission within
    those 6 months."""
    met = total = 0
    # Months clamp at their ends (31 August + 6 months is 28 February), so look a few days wider and let the
    # follow-up's own end decide.
    slack = dt.timedelta(days=4)
    window = Period(
        AVOIDED_WITHIN.before(period.start) - slack, AVOIDED_WITHIN.before(period.end) + slack, ""
    )
    meetings = [e for e in register.events("cetr_held", window) if e.data.get("kind") == "community"]
    meetings += register.events("laep_held", window)
    for meeting in meetings:
        follow_up_ends = AVOIDED_WITHIN.after(meeting.date)
        if not period.holds(follow_up_ends) or follow_up_ends >= register.today:
            continue
        if register.rating_on(meeting.person, meeting.date) not in ("red", "amber"):
            continue
        total += 1
        admitted = any(
            meeting.date <= e.date <= follow_up_ends
            for e in register.person_events(meeting.person, {"admitted"})
        )
        met += not admitted
    return OnTime(met, total)


def lengths_of_stay(register: Register, period: Period) -> Stay:
    """For each discharge in the period, the days since the admission it ended."""
    days = []
    for discharge in register.events("discharged", period):
        admitted = None
        for event in register.person_events(discharge.person, {"admitted"}):
            if event.date <= discharge.date:
                admitted = event.date
        if admitted is not None:
            days.append((discharge.date - admitted).days)
    return Stay(tuple(sorted(days)))


def readmissions(register: Register, period: Period, within_days: int) -> OnTime:
    """Of the admissions in the period of people discharged before: how many came within `within_days` of the
    discharge before them."""
    met = total = 0
    for admission in register.events("admitted", period):
        discharges = [
            e.date
            for e in register.person_events(admission.person, {"discharged"})
            if e.date <= admission.date
        ]
        if not discharges:
            continue
        total += 1
        met += (admission.date - discharges[-1]).days <= within_days
    return OnTime(met, total)


def actions_on_time(register: Register, period: Period) -> OnTime:
    """Of the actions from C(E)TRs due in the period, whose due date has passed: how many were done by then."""
    met = total = 0
    for action in register.actions:
        if not period.holds(action.due) or action.due >= register.today:
            continue
        total += 1
        met += action.done_on is not None and action.done_on <= action.due
    return OnTime(met, total)


INPATIENT_CETR_KINDS = [
    Kind.POST_ADMISSION_CETR,
    Kind.SIX_WEEK_CETR,
    Kind.REPEAT_CETR,
    Kind.TRANSFER_CETR,
    Kind.DIAGNOSIS_CETR,
    Kind.DIAGNOSIS_REMOVAL_CETR,
    Kind.INDEPENDENT_CETR,
]
