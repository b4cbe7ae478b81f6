"""The bridge between the register and the policy clock.

Every due, overdue and met date in OpenDSR is computed by `opendsr.policy.obligations_for`; this module only
gathers people's facts and timelines from the database, runs the clock, and stores what it returns in the
`Obligation` table so that pages can query it. Status that changes only with the date is worked out at query
time from the stored due date (see `status_of`).

Two paths, one rule:
- `refresh_for(person)` after any change to one person (in the same transaction as the change);
- `recompute_all()` for the whole register (nightly, and after a change to the policy core): people are read in
  batches by id range, and only the people whose obligations changed are rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from opendsr.policy import Event, EventType, PersonFacts, Status, obligations_for, status_on
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
# The columns that make one stored obligation different from another (also the comparison key).
SIGNATURE = ("kind", "raised_on", "due", "met_on", "basis", "reasons", "raised_by", "met_by", "ended_on")
_EVENT_TYPES = {t.value: t for t in EventType}
SQLITE_CACHE_KIB = 256 * 1024


def status_of(
    due: dt.date | None, met_on: dt.date | None, today: dt.date, ended_on: dt.date | None = None
) -> Status:
    """The policy core's status rule, for rows read from the table."""
    return status_on(due, met_on, today, ended_on)


def facts_from_row(row) -> PersonFacts:
    """Facts from a `values_list(*FACT_FIELDS)` row (or a dict with those keys)."""
    if isinstance(row, dict):
        row = tuple(row[f] for f in FACT_FIELDS)
    return PersonFacts(
        date_of_birth=row[1],
        has_ehcp=bool(row[2]),
        in_cyp_tier4=bool(row[3]),
        moj_restricted=bool(row[4]),
        has_unpaid_carer=bool(row[5]),
        known_to_keyworker=bool(row[6]),
    )


def _data(value) -> dict:
    if not value:
        return {}
    if isinstance(value, str):
        return json.loads(value) if value != "{}" else {}
    return value


def signature_of(o) -> tuple:
    """An obligation from the clock as the tuple the table stores."""
    return (
        str(o.kind),
        o.raised_on,
        o.due,
        o.met_on,
        o.basis[:300],
        tuple(o.reasons or ()),
        o.raised_by_ref or "",
        o.met_by_ref or "",
        o.ended_on,
    )


def _stored_signature(row) -> tuple:
    kind, raised_on, due, met_on, basis, reasons, raised_by, met_by, ended_on = row
    return (kind, raised_on, due, met_on, basis, tuple(_data(reasons) or ()), raised_by, met_by, ended_on)


def _order(s: tuple) -> tuple:
    return (s[0], s[1], s[2] or dt.date.max, s[3] or dt.date.max, s[4], s[5], s[6], s[7], s[8] or dt.date.max)


def compute(facts: PersonFacts, events: list[Event], today: dt.date, *, ordered: bool = True) -> list[tuple]:
    """What the clock says for one person, as stored signatures (in a stable order, for comparing)."""
    signatures = [signature_of(o) for o in obligations_for(facts, events, today)]
    return sorted(signatures, key=_order) if ordered else signatures


# ------------------------------------------------------------------------------------------- one person


def events_of(person_id: int) -> list[Event]:
    rows = (
        TimelineEvent.objects.filter(person_id=person_id, voided_at__isnull=True)
        .order_by("date", "id")
        .values_list("date", "type", "data", "source", "id")
    )
    return [
        Event(date=date, type=_EVENT_TYPES[type_], data=data or {}, seq=seq, ref=source or f"event:{pk}")
        for seq, (date, type_, data, source, pk) in enumerate(rows)
    ]


@dataclass(frozen=True)
class Change:
    person_id: int
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


@transaction.atomic
def refresh_for(person: Person, *, today: dt.date | None = None) -> Change:
    """Recompute one person's obligations from their facts and timeline and store them (only if they changed)."""
    today = today or default_today()
    facts = PersonFacts(
        date_of_birth=person.date_of_birth,
        has_ehcp=person.has_ehcp,
        in_cyp_tier4=person.in_cyp_tier4,
        moj_restricted=person.moj_restricted,
        has_unpaid_carer=person.has_unpaid_carer,
        known_to_keyworker=person.known_to_keyworker,
    )
    new = compute(facts, events_of(person.pk), today)
    old = sorted(
        (
            _stored_signature(r)
            for r in Obligation.objects.filter(person_id=person.pk).values_list(*SIGNATURE)
        ),
        key=_order,
    )
    if old == new:
        return Change(person.pk, 0, 0)
    Obligation.objects.filter(person_id=person.pk).delete()
    _insert({person.pk: new})
    return Change(person.pk, len(set(new) - set(old)), len(set(old) - set(new)))


# ------------------------------------------------------------------------------------------- the register


def load_timelines(
    person_ids: list[int] | None = None, *, id_range: tuple[int, int] | None = None
) -> tuple[dict[int, PersonFacts], dict[int, list[Event]]]:
    """Fetch facts and events for many people at once: everyone, a list of ids, or ids in [low, high]."""
    people = Person.objects.order_by()
    events = TimelineEvent.objects.filter(voided_at__isnull=True).order_by("person_id", "date", "id")
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
        events = events.filter(person_id__in=person_ids)
    if id_range is not None:
        people = people.filter(pk__gte=id_range[0], pk__lte=id_range[1])
        events = events.filter(person_id__gte=id_range[0], person_id__lte=id_range[1])
    facts = {
        row[0]: facts_from_row(row) for row in people.values_list(*FACT_FIELDS).iterator(chunk_size=5000)
    }
    timelines: dict[int, list[Event]] = defaultdict(list)
    types = _EVENT_TYPES
    for person_id, date, type_, data, source, pk in _raw_rows(events.values_list(*EVENT_FIELDS)):
        person_events = timelines[person_id]
        person_events.append(
            Event(
                date=date,
                type=types[type_],
                data=_data(data),
                seq=len(person_events),
                ref=source or f"event:{pk}",
            )
        )
    return facts, timelines


def _raw_rows(queryset):
    """The rows of a values_list queryset straight from the database cursor, without the ORM's per-row
    conversions: the JSON column is decoded by `_data`, dates come back as dates on SQLite (Django registers
    the converter) and on PostgreSQL."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20000):
            yield from rows


_INSERT_COLUMNS = (
    "person_id",
    "kind",
    "raised_on",
    "due",
    "met_on",
    "is_open",
    "basis",
    "reasons",
    "raised_by",
    "met_by",
    "ended_on",
)


def _json(reasons: tuple) -> str:
    return json.dumps(list(reasons)) if reasons else "[]"


def _insert(by_person: dict[int, list[tuple]]) -> int:
    """Insert stored obligations in one statement per few thousand rows (bulk_create's per-object work is
    most of the cost of a full recompute otherwise)."""
    table = connection.ops.quote_name(Obligation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _INSERT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(_INSERT_COLUMNS))
    rows = [
        (
            person_id,
            kind,
            raised_on,
            due,
            met_on,
            met_on is None and ended_on is None,
            basis,
            _json(reasons),
            raised_by,
            met_by,
            ended_on,
        )
        for person_id, signatures in by_person.items()
        for kind, raised_on, due, met_on, basis, reasons, raised_by, met_by, ended_on in signatures
    ]
    if rows and connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk load: one stream instead of a round trip per row.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    elif rows:
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 5000):
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows[start : start + 5000]
                )
    return len(rows)


@dataclass
class Totals:
    people: int = 0
    people_changed: int = 0
    added: int = 0
    removed: int = 0
    fetch_seconds: float = 0.0
    recompute_seconds: float = 0.0
    timings: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "people": self.people,
            "people_changed": self.people_changed,
            "added": self.added,
            "removed": self.removed,
        }


def _stored(low: int, high: int) -> dict[int, list[tuple]]:
    stored: dict[int, list[tuple]] = defaultdict(list)
    rows = Obligation.objects.filter(person_id__gte=low, person_id__lte=high).values_list(
        "person_id", *SIGNATURE
    )
    for person_id, *signature in _raw_rows(rows.order_by()):
        stored[person_id].append(_stored_signature(signature))
    return stored


def recompute_from(
    facts: dict[int, PersonFacts],
    timelines: dict[int, list[Event]],
    today: dt.date,
    *,
    id_range: tuple[int, int] | None = None,
    totals: Totals | None = None,
) -> Totals:
    """Recompute the obligations of the people given and rewrite those that changed.

    With `id_range`, the stored rows of everyone in that range are compared; people no longer there lose theirs.
    """
    totals = totals or Totals()
    low, high = id_range or (min(facts, default=0), max(facts, default=-1))
    stored = _stored(low, high) if facts else {}
    changed: dict[int, list[tuple]] = {}
    removed_people = [pid for pid in stored if pid not in facts]
    empty: list[Event] = []
    for person_id, person_facts in facts.items():
        old = stored.get(person_id)
        new = compute(person_facts, timelines.get(person_id, empty), today, ordered=old is not None)
        if old is None:
            if new:  # nothing stored yet: no comparison needed
                changed[person_id] = new
                totals.added += len(set(new))
            continue
        old.sort(key=_order)
        if new != old:
            changed[person_id] = new
            old_set, new_set = set(old), set(new)
            totals.added += len(new_set - old_set)
            totals.removed += len(old_set - new_set)
    totals.people += len(facts)
    totals.people_changed += len(changed)
    if changed or removed_people:
        with transaction.atomic():
            rewrite = [pid for pid in changed if pid in stored] + removed_people
            for start in range(0, len(rewrite), 500):
                Obligation.objects.filter(person_id__in=rewrite[start : start + 500]).delete()
            _insert(changed)
    return totals


def recompute_all(*, today: dt.date | None = None, batch: int = 5000, totals: Totals | None = None) -> dict:
    """Recompute every person's obligations; returns counts of people, people changed, rows added and removed.

    `totals` collects the time spent fetching and recomputing (the benchmark reads them).
    """
    today = today or default_today()
    totals = totals or Totals()
    if connection.vendor == "sqlite":
        # A bigger page cache for this connection: the whole-register pass reads and rewrites large indexes, and
        # SQLite's default (2 MB) makes it re-read the same pages from the operating system many times.
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    ids = Person.objects.order_by("id").values_list("id", flat=True)
    first, last = ids.first(), ids.last()
    if first is None:
        return totals.as_dict()
    for low in range(first, last + 1, batch):
        high = min(low + batch - 1, last)
        started = time.perf_counter()
        facts, timelines = load_timelines(id_range=(low, high))
        fetched = time.perf_counter()
        recompute_from(facts, timelines, today, id_range=(low, high), totals=totals)
        totals.fetch_seconds += fetched - started
        totals.recompute_seconds += time.perf_counter() - fetched
    return totals.as_dict()
