"""Passes over the whole register: writing the obligation table at once (the first pass over a new register, or
a table emptied on purpose), in one transaction with the table's secondary indexes set aside and built again
once at the end; and reading many rows with Python's cycle collector off."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def cycle_collector_off():
    """A pass that makes hundreds of thousands of short-lived objects (events, obligations, rows, tuples), all
    freed by reference counting: Python's cycle collector, left on, would walk every live one again and again
    as they are made (about half the time spent building timelines)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def filling_whole_table(model):
    """One transaction that fills an empty table: its secondary indexes (and on PostgreSQL its foreign keys)
    are set aside for the body and built again once each at the end, which costs less than keeping them up to
    date row by row. Should the body fail, the whole transaction, indexes and all, is rolled back."""
    table = model._meta.db_table
    with _writing_whole_table() as cursor:
        put_back = _set_aside(cursor, table)
        yield
        with _sorting_in_runs(cursor):
            for statement in put_back:
                cursor.execute(statement)
        if connection.vendor == "postgresql":
            # The planner's figures for the table describe it empty until autovacuum next looks: the pages that
            # read it would be planned for an empty table meanwhile. The columns its indexes hold, by which the
            # planner chooses them: in about half the time of the whole table's (autovacuum takes in the rest).
            quote = connection.ops.quote_name
            cursor.execute(f"ANALYZE {quote(table)} ({', '.join(quote(c) for c in _indexed_columns(model))})")


def _indexed_columns(model) -> list[str]:
    fields = dict.fromkeys(name for index in model._meta.indexes for name in index.fields)
    return [model._meta.get_field(name.lstrip("-")).column for name in fields]


@contextmanager
def _writing_whole_table():
    """One transaction that fills the obligation table. On SQLite, outside any other transaction, the foreign
    key lookups (one into the register and one into the bases for each row) are left out: every row is made
    from a person read in this pass and a basis just stored, and people are never deleted."""
    checks_off = connection.vendor == "sqlite" and not connection.in_atomic_block
    if checks_off:
        connection.disable_constraint_checking()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if checks_off:
                # Nor is each row's JSON checked: every value is written by `json.dumps`.
                cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                yield cursor
            finally:
                if checks_off:
                    cursor.execute("PRAGMA ignore_check_constraints = OFF")
    finally:
        if checks_off:
            connection.enable_constraint_checking()


def _set_aside(cursor, table: str) -> list[str]:
    """Drop the table's secondary indexes (and on PostgreSQL its foreign keys); return what recreates them."""
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        return [sql for _, sql in indexes]
    # Deferred checks still pending in this transaction are made now: PostgreSQL alters no table that has them.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares its foreign keys
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype = 'f'",
        [table],
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _ in keys:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [sql for _, sql in indexes] + [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}" for name, definition in keys
    ]


# SQLite's page cache while it builds the indexes again: 4 MB (a negative size is in KiB).
SQLITE_SORT_CACHE = -4096


@contextmanager
def _sorting_in_runs(cursor):
    """On SQLite, the indexes are built with a small page cache and helper threads. SQLite sorts an index's
    entries in runs as large as the page cache: with a large cache (the pass sets one) a 600,000-row index is one
    run, sorted by one thread; with a small one, runs that fit the processor's cache, sorted by helper threads
    as they fill and then merged. Measured on the whole register's obligations, the slowest index (by kind and
    due date) was built in about half the time."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    (cache_size,) = cursor.fetchone()
    cursor.execute(f"PRAGMA cache_size = {SQLITE_SORT_CACHE}")
    cursor.execute(f"PRAGMA threads = {min(os.cpu_count() or 1, 4)}")
    try:
        yield
    finally:
        cursor.execute("PRAGMA threads = 0")
        cursor.execute(f"PRAGMA cache_size = {cache_size}")
