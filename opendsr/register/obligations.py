"""The bridge between the register and the policy clock.

Every due, overdue and met date in OpenDSR is computed by `opendsr.policy.obligations_for`; this module only
gathers people's facts and timelines from the database, runs the clock, and stores what it returns in the
`Obligation` table so that pages can query it. Status that changes only with the date is worked out at query
time from the stored due date (see `status_of`).

Two paths, one rule:
- `refresh_for(person)` after any change to one person (in the same transaction as the change);
- `recompute.recompute_all()` for the whole register (nightly, and after a change to the policy core): people
  are read in batches by id range, and only the people whose obligations changed are rewritten. Both store rows
  made here (`add_signatures`, `add_found`, `insert_rows`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from opendsr.accounts.models import SELF_CONSENT_AGE_DEFAULT, Organisation
from opendsr.policy import Event, EventType, PersonFacts, Status, obligations_for, status_on
from opendsr.policy.rows import PLAIN_ROW, ROW, add_row, add_rows, rows_for_people
from opendsr.register.models import Obligation, ObligationBasis, Person, TimelineEvent
from opendsr.web.today import today as get_today

FACT_FIELDS = (
    "id",
    "date_of_birth",
    "has_ehcp",
    "in_cyp_tier4",
    "moj_restricted",
    "has_unpaid_carer",
    "known_to_keyworker",
    "icb__self_consent_age",  # the ICB's age rule (s2.4; 003)
)
# The columns that make one stored obligation different from another (also the comparison key).
SIGNATURE = (
    "kind",
    "raised_on",
    "due",
    "met_on",
    "basis_ref__text",
    "reasons",
    "raised_by",
    "met_by",
    "ended_on",
)
EVENT_TYPES = {t.value: t for t in EventType}
BASIS_LENGTH = ObligationBasis._meta.get_field("text").max_length


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
        self_consent_age=row[7] or SELF_CONSENT_AGE_DEFAULT,
    )


def facts_of(person: Person) -> PersonFacts:
    """One person's facts, with their ICB's self-consent age."""
    return PersonFacts(
        date_of_birth=person.date_of_birth,
        has_ehcp=person.has_ehcp,
        in_cyp_tier4=person.in_cyp_tier4,
        moj_restricted=person.moj_restricted,
        has_unpaid_carer=person.has_unpaid_carer,
        known_to_keyworker=person.known_to_keyworker,
        self_consent_age=Organisation.objects.filter(pk=person.icb_id)
        .values_list("self_consent_age", flat=True)
        .first()
        or SELF_CONSENT_AGE_DEFAULT,
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
        o.basis[:BASIS_LENGTH],
        tuple(o.reasons or ()),
        o.raised_by_ref or "",
        o.met_by_ref or "",
        o.ended_on,
    )


def stored_signature(row) -> tuple:
    kind, raised_on, due, met_on, basis, reasons, raised_by, met_by, ended_on = row
    return (kind, raised_on, due, met_on, basis, tuple(_data(reasons) or ()), raised_by, met_by, ended_on)


def signature_order(s: tuple) -> tuple:
    return (s[0], s[1], s[2] or dt.date.max, s[3] or dt.date.max, s[4], s[5], s[6], s[7], s[8] or dt.date.max)


def compute(facts: PersonFacts, events: list[Event], today: dt.date, *, ordered: bool = True) -> list[tuple]:
    """What the clock says for one person, as stored signatures (in a stable order, for comparing)."""
    signatures = [signature_of(o) for o in obligations_for(facts, events, today)]
    return sorted(signatures, key=signature_order) if ordered else signatures


# ------------------------------------------------------------------------------------------- one person


# An event's reference, as the obligations it raises or meets name it: the record behind it (its `source`, such
# as "rating:12"), else the event itself. Written by the database, for one person and for the whole register.
EVENT_REF = Coalesce(NullIf("source", Value("")), Concat(Value("event:"), Cast("id", CharField())))


def events_of(person_id: int) -> list[Event]:
    rows = (
        TimelineEvent.objects.filter(person_id=person_id, voided_at__isnull=True)
        .annotate(ref=EVENT_REF)
        .order_by("date", "id")
        .values_list("date", "type", "data", "ref")
    )
    return [
        Event(date=date, type=EVENT_TYPES[type_], data=data or {}, seq=seq, ref=ref)
        for seq, (date, type_, data, ref) in enumerate(rows)
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
    today = today or get_today()
    facts = facts_of(person)
    new = compute(facts, events_of(person.pk), today)
    old = sorted(
        (stored_signature(r) for r in Obligation.objects.filter(person_id=person.pk).values_list(*SIGNATURE)),
        key=signature_order,
    )
    if old == new:
        return Change(person.pk, 0, 0)
    Obligation.objects.filter(person_id=person.pk).delete()
    rows = Rows.new()
    add_signatures(rows, person.pk, new)
    insert_rows(rows)
    return Change(person.pk, len(set(new) - set(old)), len(set(old) - set(new)))


# ------------------------------------------------------------------------------------------- the register


def raw_rows(queryset):
    """The rows of a values_list queryset straight from the database cursor, without the ORM's per-row
    conversions: the JSON column is decoded by `_data`, dates come back as dates on SQLite (Django registers
    the converter) and on PostgreSQL."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20000):
            yield from rows


# The person, then the row the clock's obligations are laid out in (`opendsr.policy.rows`), the basis as the id
# of its text: `_FULL` for every column, `_PLAIN` for almost every obligation (no reasons, not ended).
_FULL = ("person_id", *("basis_id" if value == "basis" else value for value in ROW))
_PLAIN = ("person_id", *("basis_id" if value == "basis" else value for value in PLAIN_ROW))
_BASIS = _FULL.index("basis_id")
assert _PLAIN.index("basis_id") == _BASIS


class Rows(NamedTuple):
    """Rows to add to the table, laid end to end, values of each shape in one list: `plain` in the order of
    `_PLAIN`, `full` in the order of `_FULL`. Dates as ISO text, `is_open` as 1 or 0, and the basis in words
    until `insert_rows` stores it as the id of its text. Made without a tuple a row in between (the
    whole-register pass makes 600,000 rows); the database fills a plain row's reasons ("[]") and end (none)."""

    plain: list
    full: list

    @classmethod
    def new(cls) -> Rows:
        return cls([], [])

    def __bool__(self) -> bool:
        return bool(self.plain or self.full)


class _IsoDates(dict):
    """Dates as ISO text, each worked out once (Django's adapter is a Python call per value)."""

    def __missing__(self, day):
        text = self[day] = day.isoformat()
        return text


_ISO = _IsoDates({None: None})


def add_signatures(rows: Rows, person_id: int, signatures: list[tuple]) -> None:
    """Add rows for stored signatures (`compute`) to `rows`."""
    for signature in signatures:
        add_row(rows.plain, rows.full, _ISO, person_id, *signature)


def add_found(rows: Rows, person_id: int, found: list) -> None:
    """Add rows for the clock's obligations to `rows`, as `add_signatures(rows, person_id, compute(...))`
    would but without the signatures in between (someone with nothing stored yet)."""
    add_rows(rows.plain, rows.full, person_id, found, _ISO, BASIS_LENGTH)


def rows_of_people(facts: dict, timelines: dict, today: dt.date) -> tuple[Rows, int, int]:
    """Everyone's rows, with how many people have any obligation and how many obligations there are (the
    whole-register pass into an empty table: `rows_for_people`)."""
    plain, full, people, obligations = rows_for_people(facts, timelines, today, _ISO, BASIS_LENGTH)
    return Rows(plain, full), people, obligations


# Rows a statement on SQLite: one INSERT with many rows costs a third less than the same rows one statement each
# (`executemany`), and stays under SQLite's limit of 32,766 values a statement.
SQLITE_ROWS_A_STATEMENT = 2000


def insert_rows(rows: Rows) -> int:
    """Insert `rows`, storing each basis as the id of its text (in the rows too): with COPY on PostgreSQL, and a
    few thousand rows a statement on SQLite (bulk_create's per-object work is most of the cost of a full
    recompute otherwise). Returns the number of rows."""
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        with _CopyStream() as stream:
            return stream.write(rows)
    connection.ensure_connection()
    # Straight to the DB-API connection, with SQLite's own placeholders: Django's cursor would first look for
    # its own in each statement (22,000 of them), about 0.2 s over the whole register.
    database = connection.connection
    added = 0
    for values, columns in ((rows.plain, _PLAIN), (rows.full, _FULL)):
        width = len(columns)
        bases = values[_BASIS::width]
        _bases_as_ids(values, width, bases, ObligationBasis.objects.text_ids(set(bases)))
        step = SQLITE_ROWS_A_STATEMENT * width
        for start in range(0, len(values), step):
            chunk = values[start : start + step]
            database.execute(_sqlite_insert(columns, len(chunk) // width), chunk)
        added += len(bases)
    return added


@lru_cache(maxsize=8)
def _sqlite_insert(columns: tuple[str, ...], rows: int) -> str:
    """An INSERT of `rows` rows (SQLite keeps the statement prepared while its text is the same)."""
    one_row = f"({', '.join(['?'] * len(columns))})"
    return f"INSERT INTO {_table_and_columns(columns)} VALUES {', '.join([one_row] * rows)}"


def _table_and_columns(columns: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    return f"{quote(Obligation._meta.db_table)} ({', '.join(quote(c) for c in columns)})"


def _bases_as_ids(values: list, width: int, bases: list[str], basis_ids: dict[str, int]) -> None:
    values[_BASIS::width] = [basis_ids[text] for text in bases]


@contextmanager
def rows_written_in_turn(*, one_stream: bool) -> Iterator[Callable[[Rows], int]]:
    """A function that inserts each batch of rows, in turn (`insert_rows`). With `one_stream`, on
    PostgreSQL, the batches go into one COPY that stays open until the block ends: the server takes in each
    batch while the next is computed, instead of the caller waiting for it at the end of each. The connection
    is busy with the COPY meanwhile, so the caller reads nothing through it."""
    if not one_stream or connection.vendor != "postgresql":
        yield insert_rows
        return
    with _CopyStream() as stream:
        yield stream.write


class _CopyStream:
    """Rows into the table through COPY, PostgreSQL's bulk load (one stream instead of a round trip per row),
    kept open from one batch to the next for the plain rows; the few full ones are kept and go in through a
    COPY of their own at the end. A basis not stored yet closes the COPY, is stored, and opens another. Should
    the block fail, the COPY is abandoned and nothing more is written."""

    def __enter__(self) -> _CopyStream:
        self.basis_ids: dict[str, int] = {}
        self.copying = None  # the COPY context, while one is open
        self.columns: tuple[str, ...] = ()  # its columns
        self.full: list = []  # full rows, for the end
        self.cursor = connection.cursor()
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None and self.full:
                self._copy(self.full, _FULL)
            self._end_copy(kind, error, trace)
        finally:
            self.cursor.close()

    def write(self, rows: Rows) -> int:
        self._copy(rows.plain, _PLAIN)
        self.full += rows.full
        return len(rows.plain) // len(_PLAIN) + len(rows.full) // len(_FULL)

    def _copy(self, values: list, columns: tuple[str, ...]) -> None:
        width = len(columns)
        bases = values[_BASIS::width]
        if missing := set(bases) - self.basis_ids.keys():
            self._end_copy()
            self.basis_ids.update(ObligationBasis.objects.text_ids(missing))
        _bases_as_ids(values, width, bases, self.basis_ids)
        if self.copying is not None and self.columns != columns:
            self._end_copy()
        if self.copying is None:
            self.copying = self.cursor.cursor.copy(f"COPY {_table_and_columns(columns)} FROM STDIN")
            self.copy = self.copying.__enter__()
            self.columns = columns
        write_row = self.copy.write_row
        for row in zip(*[iter(values)] * width):
            write_row(row)

    def _end_copy(self, kind=None, error=None, trace=None) -> None:
        if self.copying is not None:
            copying, self.copying = self.copying, None
            copying.__exit__(kind, error, trace)
