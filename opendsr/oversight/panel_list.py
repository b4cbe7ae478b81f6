"""Reads for the oversight panel list: the cohort of people on the register with their rating, setting and stay."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from opendsr.policy import EventType, Kind
from opendsr.register.models import (
    Location,
    Obligation,
    Person,
    TimelineEvent,
)


@dataclass(frozen=True)
class CohortRow:
    person: Person
    reasons: list[str]
    since: dt.date
    rating: str
    location: str
    setting: str
    admitted_on: dt.date | None
    length_of_stay: int | None


def cohort(people: QuerySet, today: dt.date) -> list[CohortRow]:
    """Everyone with an open oversight panel review (s18), with why, since when, and how long they have been in
    hospital. One row per person, the reasons of all their open reviews together."""
    rows = (
        Obligation.objects.filter(
            kind=Kind.OVERSIGHT_PANEL_REVIEW, is_open=True, person__in=people.values("pk")
        )
        .select_related("person")
        .order_by("raised_on", "person_id")
    )
    by_person: dict[int, dict] = {}
    for row in rows:
        entry = by_person.setdefault(
            row.person_id, {"person": row.person, "reasons": [], "since": row.raised_on}
        )
        for reason in row.reasons or ():
            if reason not in entry["reasons"]:
                entry["reasons"].append(reason)
        entry["since"] = min(entry["since"], row.raised_on)
    stays = _current_stays(list(by_person), today)
    result = []
    for person_id, entry in by_person.items():
        person = entry["person"]
        admitted_on, setting = stays.get(person_id, (None, ""))
        inpatient = person.location == Location.INPATIENT and admitted_on is not None
        result.append(
            CohortRow(
                person=person,
                reasons=entry["reasons"],
                since=entry["since"],
                rating=person.get_current_rating_display() if person.current_rating else "Not rated",
                location=person.get_location_display(),
                setting=setting if inpatient else "",
                admitted_on=admitted_on if inpatient else None,
                length_of_stay=(today - admitted_on).days if inpatient else None,
            )
        )
    return sorted(result, key=lambda row: (row.since, row.person.family_name, row.person.pk))


def _current_stays(person_ids: list[int], today: dt.date) -> dict[int, tuple[dt.date, str]]:
    """Each person's latest admission date and the setting now (the admission's, or a later transfer's)."""
    from opendsr.web.labels import SETTING_LABELS

    if not person_ids:
        return {}
    events = (
        TimelineEvent.objects.filter(
            person_id__in=person_ids,
            voided_at__isnull=True,
            type__in=[EventType.ADMITTED, EventType.TRANSFERRED],
            date__lte=today,
        )
        .order_by("person_id", "date", "id")
        .values_list("person_id", "type", "date", "data")
    )
    stays: dict[int, tuple[dt.date, str]] = {}
    for person_id, type_, date, data in events:
        setting = (data or {}).get("setting", "")
        if type_ == EventType.ADMITTED:
            stays[person_id] = (date, setting)
        elif person_id in stays and setting:
            stays[person_id] = (stays[person_id][0], setting)
    return {pid: (date, SETTING_LABELS.get(s, s)) for pid, (date, s) in stays.items()}


# ------------------------------------------------------------------------------------------- reminders
