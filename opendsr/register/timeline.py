"""Writing a person's timeline. Every service that records an event calls `record_event`, which also
re-derives the person's obligations in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from opendsr.policy import event_from_dict
from opendsr.register import obligations
from opendsr.register.models import Person, TimelineEvent


@transaction.atomic
def record_event(
    *,
    person: Person,
    type: str,
    date: dt.date,
    by=None,
    data: dict | None = None,
    source: str = "",
    notes: str = "",
    refresh: bool = True,
) -> TimelineEvent:
    """Add one event. The event is validated by the policy core (type and fields) before it is stored."""
    data = dict(data or {})
    event_from_dict({"date": date.isoformat(), "type": type, **data})  # raises ScenarioError when malformed
    event = TimelineEvent.objects.create(
        person=person, date=date, type=type, data=data, source=source, notes=notes, recorded_by=by
    )
    if refresh:
        obligations.refresh_for(person)
    return event


@transaction.atomic
def void_events(*, person: Person, source: str, reason: str, refresh: bool = True) -> int:
    """Void the events a record stands for (when that record is corrected or withdrawn). Each event is saved on
    its own so that its history keeps the voiding."""
    events = list(TimelineEvent.objects.filter(person=person, source=source, voided_at__isnull=True))
    voided_at = timezone.now()
    for event in events:
        event.voided_at, event.voided_reason = voided_at, reason[:300]
        event.save(update_fields=["voided_at", "voided_reason"])
    if refresh and events:
        obligations.refresh_for(person)
    return len(events)


@transaction.atomic
def void_event(*, event: TimelineEvent, reason: str, by=None) -> None:
    event.voided_at = timezone.now()
    event.voided_reason = reason[:300]
    event.save(update_fields=["voided_at", "voided_reason"])
    obligations.refresh_for(event.person)
