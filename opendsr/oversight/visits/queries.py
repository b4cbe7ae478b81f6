"""Reads for the visit pages: a person's visits and schedule, and the ICB's visit schedule.

When a visit is due, and whether a planned C(E)TR still waits for its sit and see, come from the obligations the
policy clock stored (`oversight_visit`, `sit_and_see`); nothing here works out a due date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from opendsr.oversight.visits.models import (
    ActionStatus,
    Complaint,
    EscalationRequest,
    OversightVisit,
    VisitAction,
)
from opendsr.policy import EventType, Kind
from opendsr.register.models import Obligation, Person, RegisterStatus, TimelineEvent
from opendsr.register.obligations import status_of

SCHEDULE_KINDS = (Kind.OVERSIGHT_VISIT, Kind.SIT_AND_SEE)


@dataclass(frozen=True)
class Due:
    """One stored obligation as the schedule shows it."""

    due: dt.date | None
    status: str  # due, overdue or met
    basis: str
    met_on: dt.date | None = None


def _due(row: Obligation | None, today: dt.date) -> Due | None:
    if row is None:
        return None
    return Due(
        due=row.due, status=str(status_of(row.due, row.met_on, today)), basis=row.basis, met_on=row.met_on
    )


@dataclass(frozen=True)
class Schedule:
    """A person's visit schedule: the next visit the clock asks for, the sit and see a planned C(E)TR still
    needs (its due date is the C(E)TR's date), the last sit and see that met one, and the last visit."""

    next_visit: Due | None
    sit_and_see_needed: Due | None
    sit_and_see_met: Due | None
    last_visit_on: dt.date | None


def schedule_for(person: Person, today: dt.date) -> Schedule:
    rows = list(person.obligations.filter(kind__in=SCHEDULE_KINDS).order_by("due", "pk"))
    open_visit = next((r for r in rows if r.kind == Kind.OVERSIGHT_VISIT and r.is_open), None)
    open_sit = next((r for r in rows if r.kind == Kind.SIT_AND_SEE and r.is_open), None)
    met_sit = max(
        (r for r in rows if r.kind == Kind.SIT_AND_SEE and r.met_on is not None),
        key=lambda r: (r.met_on, r.pk),
        default=None,
    )
    last = (
        person.timeline.filter(type=EventType.OVERSIGHT_VISIT, voided_at__isnull=True)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return Schedule(
        next_visit=_due(open_visit, today),
        sit_and_see_needed=_due(open_sit, today),
        sit_and_see_met=_due(met_sit, today),
        last_visit_on=last,
    )


def visits_of(person: Person) -> list[OversightVisit]:
    return list(person.oversight_visits.select_related("recorded_by"))


def open_actions_of(person: Person) -> list[VisitAction]:
    return list(
        VisitAction.objects.filter(person=person, status=ActionStatus.OPEN).select_related("owner", "visit")
    )


def escalations_of(person: Person) -> list[EscalationRequest]:
    return list(person.escalation_requests.all())


def complaints_of(person: Person) -> list[Complaint]:
    return list(person.complaints.all())


# ------------------------------------------------------------------------------------------- the ICB's list

SHOW_CHOICES = [
    ("all", "Everyone with a visit due"),
    ("sit_and_see", "Only those whose planned C(E)TR has no sit-and-see visit yet"),
    ("overdue", "Only those whose visit is overdue"),
]


@dataclass(frozen=True)
class ScheduleRow:
    person: Person
    next_visit: Due | None
    sit_and_see_needed: Due | None
    last_visit_on: dt.date | None

    @property
    def first_due(self) -> dt.date | None:
        dates = [d.due for d in (self.next_visit, self.sit_and_see_needed) if d is not None and d.due]
        return min(dates) if dates else None


def icb_schedule(people: QuerySet, today: dt.date, show: str = "all") -> list[ScheduleRow]:
    """Everyone these people include (already scoped to the user) with a visit or a sit and see owed, the
    soonest first. `show` narrows the list to a planned C(E)TR waiting for its sit and see, or to an overdue
    visit."""
    people = people.exclude(status=RegisterStatus.LEFT)
    rows = Obligation.objects.filter(
        is_open__in=[True], kind__in=SCHEDULE_KINDS, person__in=people.values("pk")
    ).order_by("due", "pk")
    by_person: dict[int, dict[str, Obligation]] = {}
    for row in rows:
        by_person.setdefault(row.person_id, {}).setdefault(row.kind, row)
    last_visits = dict(
        TimelineEvent.objects.filter(
            person_id__in=list(by_person), type=EventType.OVERSIGHT_VISIT, voided_at__isnull=True
        )
        .values("person_id")
        .annotate(last=Max("date"))
        .values_list("person_id", "last")
    )
    found = {
        p.pk: p for p in Person.objects.filter(pk__in=list(by_person)).select_related("team")
    }  # scoped above
    result = []
    for person_id, kinds in by_person.items():
        row = ScheduleRow(
            person=found[person_id],
            next_visit=_due(kinds.get(Kind.OVERSIGHT_VISIT), today),
            sit_and_see_needed=_due(kinds.get(Kind.SIT_AND_SEE), today),
            last_visit_on=last_visits.get(person_id),
        )
        if show == "sit_and_see" and row.sit_and_see_needed is None:
            continue
        if show == "overdue" and not (row.next_visit and row.next_visit.status == "overdue"):
            continue
        result.append(row)
    return sorted(result, key=lambda r: (r.first_due is None, r.first_due or dt.date.min, r.person.full_name))
