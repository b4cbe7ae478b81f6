"""What the visit writes share: the visit's fields and notes, the checks every write makes, and whether the
person was in hospital on a day."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from opendsr.policy import EventType
from opendsr.register.models import Person
from opendsr.register.services import check_date

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


def _date_problems(value: dt.date | None, *, field: str, missing: str, **check) -> dict[str, str]:
    """The problems with a date the form must have: `missing` when there is none, else what `check_date` (given
    `check`) refuses, by field. Empty when the date is good."""
    if value is None:
        return {field: missing}
    try:
        check_date(value, field=field, **check)
    except ValidationError as error:
        return {k: v[0] for k, v in error.message_dict.items()}
    return {}


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
