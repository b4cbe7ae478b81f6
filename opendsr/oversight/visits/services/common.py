"""What the visit writes share: the visit's fields and notes, the checks every write makes, and whether the
person was in hospital on a day."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from opendsr.policy import EventType
from opendsr.register.models import Person

VISIT_FIELDS = (
    "visited_on",
    "visitors",
    "place",
    "length_minutes",
    "sit_and_see",
    "shorter_because",
    "environment",
    "safety",
    "caring",
    "organised",
    "anything_else",
)


NOTES = ("environment", "safety", "caring", "organised", "anything_else")


def _required(values: dict) -> None:
    missing = {field: message for field, (value, message) in values.items() if not str(value or "").strip()}
    if missing:
        raise ValidationError(missing)


def _locked(person: Person) -> Person:
    """The person's row, held until the transaction ends, so that two writes about them queue."""
    return Person.objects.select_for_update().get(pk=person.pk)


def in_hospital_on(person: Person, day: dt.date) -> bool:
    """Whether the person was an inpatient on `day`: the latest admission or discharge on or before it is an
    admission."""
    latest = (
        person.timeline.filter(
            type__in=[EventType.ADMITTED, EventType.DISCHARGED], voided_at__isnull=True, date__lte=day
        )
        .order_by("-date", "-id")
        .values_list("type", flat=True)
        .first()
    )
    return latest == EventType.ADMITTED
