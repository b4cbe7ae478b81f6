"""The bridge between the register and the policy clock.

Every due, overdue and met date in OpenDSR is computed by `opendsr.policy.obligations_for`; this module only
gathers a person's facts and timeline from the database, runs the clock, and stores what it returns in the
`Obligation` table so that pages can query it. Status that changes only with the date is worked out at query
time from the stored due date (see `status_of`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from opendsr.policy import Event, EventType, PersonFacts, Status, obligations_for
from opendsr.register.models import Obligation, Person, TimelineEvent
from opendsr.web.today import today as default_today

FACT_FIELDS = (
    "id",
    "date_of_birth",
    "has_ehcp",
    "in_cyp_tier4",
    "moj_restricted",
    "has_unpaid_carer",
    "known_to_keyworker",
)
EVENT_FIELDS = ("person_id", "date", "type", "data", "source", "id")


def facts_from_row(row: dict) -> PersonFacts:
    return PersonFacts(
        date_of_birth=row["date_of_birth"],
        has_ehcp=row["has_ehcp"],
        in_cyp_tier4=row["in_cyp_tier4"],
        moj_restricted=row["moj_restricted"],
        has_unpaid_carer=row["has_unpaid_carer"],
        known_to_keyworker=row["known_to_keyworker"],
    )


def event_from_row(row: dict, seq: int) -> Event:
    return Event(
        date=row["date"],
        type=EventType(row["type"]),
        data=row["data"] or {},
        seq=seq,
        ref=row["source"] or f"event:{row['id']}",
    )


def status_of(due: dt.date | None, met_on: dt.date | None, today: dt.date) -> Status:
    """The same status rule as the policy core, for rows read from the table."""
    if met_on is not None:
        return Status.MET
    if due is not None and due < today:
        return Status.OVERDUE
    return Status.DUE


@dataclass(frozen=True)
class Change:
    person_id: int
    added: int
    removed: int


def _rows_for(person_id: int, computed) -> list[Obligation]:
    return [
        Obligation(
            person_id=person_id,
            kind=str(o.kind.value if hasattr(o.kind, "value") else o.kind),
            raised_on=o.raised_on,
            due=o.due,
            met_on=o.met_on,
            is_open=o.met_on is None,
            basis=o.basis,
            reasons=list(o.reasons or ()),
            raised_by=o.raised_by_ref or "",
            met_by=o.met_by_ref or "",
        )
        for o in computed
    ]


def _signature(rows: Iterable) -> set[tuple]:
    return {(r.kind, r.raised_on, r.due, r.met_on, r.raised_by, r.met_by) for r in rows}


def compute(facts: PersonFacts, events: list[Event], today: dt.date):
    return obligations_for(facts, events, today)


@transaction.atomic
def refresh_for(person: Person, *, today: dt.date | None = None) -> Change:
    """Recompute one person's obligations from their facts and timeline and store them."""
    today = today or default_today()
    row = {f: getattr(person, f) for f in FACT_FIELDS}
    events = [
        event_from_row(r, i)
        for i, r in enumerate(
            TimelineEvent.objects.filter(person_id=person.pk, voided_at__isnull=True)
            .order_by("date", "id")
            .values(*EVENT_FIELDS)
        )
    ]
    new_rows = _rows_for(person.pk, compute(facts_from_row(row), events, today))
    old_rows = list(Obligation.objects.filter(person_id=person.pk))
    old_sig, new_sig = _signature(old_rows), _signature(new_rows)
    if old_sig == new_sig:
        return Change(person.pk, 0, 0)
    Obligation.objects.filter(person_id=person.pk).delete()
    Obligation.objects.bulk_create(new_rows)
    return Change(person.pk, len(new_sig - old_sig), len(old_sig - new_sig))


def load_timelines(
    person_ids: list[int] | None = None,
) -> tuple[dict[int, PersonFacts], dict[int, list[Event]]]:
    """Fetch facts and events for many people at once (the nightly recompute and the benchmark)."""
    people = Person.objects.all()
    events_qs = TimelineEvent.objects.filter(voided_at__isnull=True)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
        events_qs = events_qs.filter(person_id__in=person_ids)
    facts = {row["id"]: facts_from_row(row) for row in people.values(*FACT_FIELDS).iterator(chunk_size=5000)}
    events: dict[int, list[Event]] = defaultdict(list)
    for row in (
        events_qs.order_by("person_id", "date", "id").values_list(*EVENT_FIELDS).iterator(chunk_size=20000)
    ):
        person_events = events[row[0]]
        person_events.append(
            Event(
                date=row[1],
                type=EventType(row[2]),
                data=row[3] or {},
                seq=len(person_events),
                ref=row[4] or f"event:{row[5]}",
            )
        )
    return facts, events


def recompute_all(*, today: dt.date | None = None, batch: int = 2000) -> dict[str, int]:
    """Recompute every person's obligations; returns counts of people changed and rows added and removed."""
    today = today or default_today()
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    totals = {"people": len(ids), "people_changed": 0, "added": 0, "removed": 0}
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        facts, events = load_timelines(chunk)
        existing: dict[int, set] = defaultdict(set)
        for r in Obligation.objects.filter(person_id__in=chunk).only(
            "person_id", "kind", "raised_on", "due", "met_on", "raised_by", "met_by"
        ):
            existing[r.person_id].add((r.kind, r.raised_on, r.due, r.met_on, r.raised_by, r.met_by))
        changed_ids, new_rows = [], []
        for pid in chunk:
            rows = _rows_for(pid, compute(facts[pid], events.get(pid, []), today))
            sig = _signature(rows)
            if sig != existing.get(pid, set()):
                changed_ids.append(pid)
                new_rows.extend(rows)
                totals["added"] += len(sig - existing.get(pid, set()))
                totals["removed"] += len(existing.get(pid, set()) - sig)
        if changed_ids:
            with transaction.atomic():
                Obligation.objects.filter(person_id__in=changed_ids).delete()
                Obligation.objects.bulk_create(new_rows, batch_size=5000)
        totals["people_changed"] += len(changed_ids)
    return totals
