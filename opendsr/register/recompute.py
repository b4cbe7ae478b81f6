"""The whole register's obligations, recomputed: nightly, and after a change to the policy core.

People are read in batches of consecutive ids (`bulk_read`: their facts, and their events straight from the
database cursor), run through the policy clock, and compared with what is stored; only the people whose
obligations changed are rewritten. `recompute_all(workers=N)` shares the register out by id range over N processes, each
with its own database connection. One person's obligations after a change to them are `obligations.refresh_for`.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db import connection, connections, transaction

from opendsr.policy import Event, PersonFacts, obligations_for
from opendsr.register.bulk_read import facts_by_id, load_timelines, timelines_of_ranges
from opendsr.register.filling import cycle_collector_off, filling_whole_table
from opendsr.register.models import Obligation, Person
from opendsr.register.obligations import (
    SIGNATURE,
    Rows,
    add_found,
    add_signatures,
    compute,
    insert_rows,
    raw_rows,
    rows_of_people,
    rows_written_in_turn,
    signature_order,
    stored_signature,
)
from opendsr.web.today import today as get_today

SQLITE_CACHE_KIB = 256 * 1024


@dataclass
class Totals:
    people: int = 0
    people_changed: int = 0
    added: int = 0
    removed: int = 0
    fetch_seconds: float = 0.0
    recompute_seconds: float = 0.0
    workers: int = 1

    def add(self, other: Totals) -> None:
        """Add another worker's counts and times to these."""
        for name in ("people", "people_changed", "added", "removed", "fetch_seconds", "recompute_seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {
            "people": self.people,
            "people_changed": self.people_changed,
            "added": self.added,
            "removed": self.removed,
            "workers": self.workers,
        }


def _stored(low: int, high: int, person_ids: list[int] | None = None) -> dict[int, list[tuple]]:
    stored: dict[int, list[tuple]] = defaultdict(list)
    rows = Obligation.objects.filter(person_id__gte=low, person_id__lte=high)
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    rows = rows.values_list("person_id", *SIGNATURE)
    for person_id, *signature in raw_rows(rows.order_by()):
        stored[person_id].append(stored_signature(signature))
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
    Without it, only the stored rows of the people given.
    """
    totals = totals or Totals()
    low, high = id_range or (min(facts, default=0), max(facts, default=-1))
    stored = _stored(low, high, None if id_range else list(facts)) if facts else {}
    rows = Rows.new()
    rewrite = [pid for pid in stored if pid not in facts]  # people no longer in the range lose theirs
    changed = 0
    empty: list[Event] = []
    for person_id, person_facts in facts.items():
        old = stored.get(person_id)
        if old is None:  # nothing stored yet: no comparison needed
            if _add_unstored(rows, person_id, person_facts, timelines.get(person_id, empty), today, totals):
                changed += 1
            continue
        new = compute(person_facts, timelines.get(person_id, empty), today)
        old.sort(key=signature_order)
        if new != old:
            add_signatures(rows, person_id, new)
            rewrite.append(person_id)
            changed += 1
            old_set, new_set = set(old), set(new)
            totals.added += len(new_set - old_set)
            totals.removed += len(old_set - new_set)
    totals.people += len(facts)
    totals.people_changed += changed
    if rows or rewrite:
        with transaction.atomic():
            for start in range(0, len(rewrite), 500):
                Obligation.objects.filter(person_id__in=rewrite[start : start + 500]).delete()
            insert_rows(rows)
    return totals


def _add_unstored(
    rows: Rows, person_id: int, facts: PersonFacts, events: list[Event], today: dt.date, totals: Totals
) -> bool:
    """Add the rows to store for someone with nothing stored yet: every obligation the clock finds, counted as
    added. Whether there were any."""
    found = obligations_for(facts, events, today)
    totals.added += len(found)
    add_found(rows, person_id, found)
    return bool(found)


def _rows_of_people(
    facts: dict[int, PersonFacts], timelines: dict[int, list[Event]], today: dt.date, totals: Totals
) -> Rows:
    """The rows to store for people with nothing stored (the table is being filled)."""
    rows, people_changed, added = rows_of_people(facts, timelines, today)
    totals.people += len(facts)
    totals.people_changed += people_changed
    totals.added += added
    return rows


def recompute_people(person_ids, *, today: dt.date | None = None, batch: int = 2000) -> dict:
    """Recompute the obligations of these people only (after a change to a fact they share, such as their ICB's
    self-consent age), a batch at a time; the same comparison and rewrite as the whole-register pass."""
    today = today or get_today()
    ids = sorted(set(person_ids))
    totals = Totals()
    for start in range(0, len(ids), batch):
        facts, timelines = load_timelines(ids[start : start + batch])
        recompute_from(facts, timelines, today, totals=totals)
    return totals.as_dict()


def recompute_all(
    *, today: dt.date | None = None, batch: int = 5000, totals: Totals | None = None, workers: int = 1
) -> dict:
    """Recompute every person's obligations; returns counts of people, people changed, rows added and removed.

    With `workers` above 1 the register is split by person id into that many ranges, each recomputed by its own
    process with its own database connection (see `id_ranges`); an empty table is filled by one writer from
    what the workers compute (`_fill_from_workers`). `totals` collects the time spent fetching and
    recomputing (the benchmark reads them); with workers, those are summed over the processes.
    """
    today = today or get_today()
    totals = totals or Totals()
    ids = Person.objects.order_by("id").values_list("id", flat=True)
    first, last = ids.first(), ids.last()
    if first is None:
        return totals.as_dict()
    ranges = id_ranges(first, last, workers)
    empty = not Obligation.objects.exists()
    shared = _others_see_the_register()
    if len(ranges) > 1 and shared:
        if empty:
            _fill_from_workers(first, last, today, batch, totals, len(ranges))
        else:
            _fan_out(ranges, today, batch, totals)
    elif empty:
        _fill_empty_table(first, last, today, batch, totals, read_ahead=shared)
    else:
        _recompute_range(first, last, today, batch, totals, read_ahead=shared)
    return totals.as_dict()


def _fill_empty_table(
    first: int, last: int, today: dt.date, batch: int, totals: Totals, *, read_ahead: bool
) -> None:
    """The first pass (a new register, or a table emptied on purpose), in one transaction with the table's
    indexes set aside (`filling_whole_table`). On SQLite readers see the empty table until it commits; on
    PostgreSQL they wait for it.

    Nothing is read back from the table while it fills: it was empty, and only this pass writes to it (without
    its indexes, each batch's read of what is stored would walk every row written so far). With `read_ahead` on
    PostgreSQL, the rows go in as one stream (`rows_written_in_turn`) and the events are read on a second
    connection (`timelines_of_ranges`): everyone's facts are read first, as the stream holds this connection."""
    ranges = _ranges(first, last, batch)
    one_stream = read_ahead and connection.vendor == "postgresql"
    with cycle_collector_off(), filling_whole_table(Obligation):
        _larger_sqlite_cache()
        started = time.perf_counter()
        everyone = facts_by_id(None, (first, last)) if one_stream else None
        with rows_written_in_turn(one_stream=one_stream) as write:
            for (low, high), timelines in zip(ranges, timelines_of_ranges(ranges, read_ahead)):
                if everyone is None:
                    facts = facts_by_id(None, (low, high))
                else:
                    facts = {pid: everyone[pid] for pid in range(low, high + 1) if pid in everyone}
                fetched = time.perf_counter()
                write(_rows_of_people(facts, timelines, today, totals))
                totals.fetch_seconds += fetched - started
                started = time.perf_counter()
                totals.recompute_seconds += started - fetched


def _ranges(first: int, last: int, batch: int) -> list[tuple[int, int]]:
    """[first, last] cut into ranges of `batch` consecutive ids (the last may be shorter)."""
    return [(low, min(low + batch - 1, last)) for low in range(first, last + 1, batch)]


def _larger_sqlite_cache() -> None:
    """A bigger page cache for this connection on SQLite: the pass reads large indexes and writes many pages, and
    SQLite's default (2 MB) makes it re-read the same pages from the operating system many times."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


def _fill_from_workers(
    first: int, last: int, today: dt.date, batch: int, totals: Totals, workers: int
) -> None:
    """The first pass shared out: `workers` processes read timelines and run the clock, a batch of people at a
    time, while this process writes what they send back into the table, as `_fill_empty_table` does (one
    writer, and the indexes built once, at the end: SQLite allows no other writer, and on PostgreSQL many
    would each keep the table's indexes and foreign keys up to date row by row). On PostgreSQL, setting the
    foreign keys aside locks the register the workers read, so there every batch is in before the table is
    written, through one COPY."""
    batches = _ranges(first, last, batch)
    # The processes are forked, all at the first batch, with no connection open, so that each opens its own;
    # only then does this process open its own to write.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with cycle_collector_off(), ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_rows_for_range, low, high, today) for low, high in batches]
        results = (future.result() for future in futures)
        if connection.vendor == "postgresql":
            results = list(results)
        with filling_whole_table(Obligation), rows_written_in_turn(one_stream=True) as write:
            for rows, part in results:
                started = time.perf_counter()
                write(rows)
                part.recompute_seconds += time.perf_counter() - started
                totals.add(part)
    totals.workers = workers


def _rows_for_range(low: int, high: int, today: dt.date) -> tuple[Rows, Totals]:
    """In a worker: the rows to store for everyone in [low, high], with the time spent reading and computing."""
    totals = Totals()
    with cycle_collector_off():
        started = time.perf_counter()
        facts, timelines = load_timelines(id_range=(low, high))
        fetched = time.perf_counter()
        rows = _rows_of_people(facts, timelines, today, totals)
        totals.fetch_seconds = fetched - started
        totals.recompute_seconds = time.perf_counter() - fetched
    return rows, totals


def id_ranges(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    """[first, last] cut into at most `parts` ranges of consecutive ids, each [low, high], in order."""
    parts = max(1, min(parts, last - first + 1))
    size, extra = divmod(last - first + 1, parts)
    ranges, low = [], first
    for n in range(parts):
        high = low + size - 1 + (1 if n < extra else 0)
        ranges.append((low, high))
        low = high + 1
    return ranges


def _others_see_the_register() -> bool:
    """Other connections (worker processes, or a second connection reading ahead) see the same database only when
    it is a file or a server, and only what is committed."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return not in_memory and not connection.in_atomic_block


def _fan_out(ranges: list[tuple[int, int]], today: dt.date, batch: int, totals: Totals) -> None:
    # The processes are forked with no connection open, so that each opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(ranges), mp_context=context) as pool:
        futures = [pool.submit(_recompute_part, low, high, today, batch) for low, high in ranges]
        for future in futures:
            totals.add(future.result())
    totals.workers = len(ranges)


def _recompute_part(low: int, high: int, today: dt.date, batch: int) -> Totals:
    """One worker process's share of the register."""
    totals = Totals()
    try:
        _recompute_range(low, high, today, batch, totals, read_ahead=True)
    finally:
        connections.close_all()
    return totals


def _recompute_range(
    first: int, last: int, today: dt.date, batch: int, totals: Totals, *, read_ahead: bool = False
) -> None:
    """Recompute [first, last] a batch at a time against what is stored, rewriting the people whose obligations
    changed."""
    with cycle_collector_off():
        _larger_sqlite_cache()
        ranges = _ranges(first, last, batch)
        started = time.perf_counter()
        for id_range, timelines in zip(ranges, timelines_of_ranges(ranges, read_ahead)):
            facts = facts_by_id(None, id_range)
            fetched = time.perf_counter()
            recompute_from(facts, timelines, today, id_range=id_range, totals=totals)
            totals.fetch_seconds += fetched - started
            started = time.perf_counter()
            totals.recompute_seconds += started - fetched
