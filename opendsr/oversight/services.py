"""Writes for the timeline: recording what happened to a person, and voiding an event recorded by mistake.

Each function is one transaction: the event, the person's changed facts (an admission makes them an inpatient,
rated blue), the recomputed obligations and the audit entry are saved together or not at all.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.policy import EventType, dates
from opendsr.register import obligations, timeline
from opendsr.register.models import Location, Person, Rating, TimelineEvent
from opendsr.register.services.location import mark_admitted, mark_discharged
from opendsr.web.labels import event_label
from opendsr.web.today import today as get_today

# Events that only make sense while the person is an inpatient in a mental health hospital.
INPATIENT_ONLY = {
    EventType.TRANSFERRED: "You can only record a move to another hospital while {name} is an inpatient",
    EventType.DIAGNOSED_IN_HOSPITAL: "You can only record a diagnosis in hospital while {name} is an inpatient",
    EventType.DISCHARGED: "You can only record a discharge while {name} is an inpatient",
}


class EventError(ValueError):
    """An event that cannot be recorded as it stands. `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def latest_admission(person: Person) -> TimelineEvent | None:
    return (
        person.timeline.filter(type=EventType.ADMITTED, voided_at__isnull=True)
        .order_by("-date", "-id")
        .first()
    )


def check_event(*, person: Person, type: str, date: dt.date, data: dict) -> None:
    """Refuse an event that does not fit where the person is now (s4, Table 1: blue while an inpatient)."""
    name = person.full_name
    problem = dates.event_date_problem(date, subject="The date", today=get_today(), born=person.date_of_birth)
    if problem:
        raise EventError(problem, "date")
    inpatient = person.location == Location.INPATIENT
    if type in INPATIENT_ONLY and not inpatient:
        raise EventError(INPATIENT_ONLY[type].format(name=name), "date")
    if type == EventType.ADMITTED and inpatient:
        raise EventError(
            f"{name} is already an inpatient. Record a move to another hospital or a discharge instead",
            "date",
        )
    if type in INPATIENT_ONLY and inpatient:
        admission = latest_admission(person)
        if admission is not None and date < admission.date:
            raise EventError(
                f"Date must be on or after the admission on {admission.date.day} {admission.date:%B %Y}",
                "date",
            )
    if type == EventType.DIAGNOSIS_REMOVAL_PROPOSED:
        change_date = dt.date.fromisoformat(data["change_date"])
        if change_date <= date:
            raise EventError(
                "Date the change would take effect must be after the date it was proposed", "change_date"
            )


@transaction.atomic
def record_timeline_event(
    *,
    person: Person,
    by: User,
    type: str,
    date: dt.date,
    data: dict | None = None,
    notes: str = "",
    request=None,
) -> TimelineEvent:
    """Record what happened. An admission makes the person an inpatient rated blue; a discharge returns them to
    the community without a rating until a new one is decided (s4, Table 1)."""
    data = {k: v for k, v in (data or {}).items() if v is not None and v != ""}
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_event(person=person, type=type, date=date, data=data)
    if type == EventType.ADMITTED:
        mark_admitted(person, on=date)
    elif type == EventType.DISCHARGED:
        mark_discharged(person)
    event = timeline.record_event(
        person=person, type=type, date=date, by=by, data=data, notes=notes, refresh=False
    )
    obligations.refresh_for(person)
    audit.record(
        request or by,
        "timeline.event_recorded",
        person=person,
        summary=f"{event_label(type)} on {date.day} {date:%B %Y}",
        detail={"event": event.pk, "type": type},
    )
    return event


def where_now(person: Person) -> str:
    """Inpatient when the latest admission or discharge still standing is an admission."""
    latest = (
        person.timeline.filter(type__in=[EventType.ADMITTED, EventType.DISCHARGED], voided_at__isnull=True)
        .order_by("-date", "-id")
        .values_list("type", flat=True)
        .first()
    )
    return Location.INPATIENT if latest == EventType.ADMITTED else Location.COMMUNITY


@transaction.atomic
def void_timeline_event(*, event: TimelineEvent, by: User, reason: str, request=None) -> TimelineEvent:
    """Void an event recorded by mistake, with the reason. It stays on the timeline, struck through.

    Voiding an admission or a discharge puts the person back where the remaining timeline says they are.
    """
    if event.voided_at is not None:
        raise EventError("This event has already been voided")
    if event.source:
        raise EventError("This event belongs to another record. Correct that record instead")
    person = Person.objects.select_for_update().get(pk=event.person_id)
    timeline.void_event(event=event, reason=reason, by=by)
    if event.type in (EventType.ADMITTED, EventType.DISCHARGED):
        location = where_now(person)
        changed = []
        if location != person.location and person.location != Location.URGENT_CARE:
            person.location = location
            changed.append("location")
        if location == Location.INPATIENT and person.current_rating != Rating.BLUE:
            person.current_rating = Rating.BLUE
            changed.append("current_rating")
        if location != Location.INPATIENT and person.current_rating == Rating.BLUE:
            person.current_rating = ""
            changed.append("current_rating")
        if changed:
            person.version += 1
            person.save(update_fields=[*changed, "version", "updated_at"])
    audit.record(
        request or by,
        "timeline.event_voided",
        person=person,
        summary=f"Voided: {event_label(event.type)} on {event.date.day} {event.date:%B %Y}",
        detail={"event": event.pk, "reason": reason[:300]},
    )
    event.refresh_from_db()
    return event


@transaction.atomic
def save_reminder_settings(*, user: User, opt_out: bool, days: int, request=None) -> User:
    user.reminder_opt_out = opt_out
    user.reminder_days = days
    user.save(update_fields=["reminder_opt_out", "reminder_days"])
    audit.record(
        request or user,
        "reminders.settings_changed",
        summary="Stopped daily reminders"
        if opt_out
        else f"Daily reminders of what is due within {days} days",
    )
    return user
