"""Writing the whole obligation table at once (the first pass over a new register, or a table emptied on
purpose): in one transaction, with the table's secondary indexes set aside and built again once at the end."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def writing_whole_table():
    """One transaction that fills the obligation table. On SQLite, outside any other transaction, the foreign
    key lookups (one into the register and one into the bases for each row) are left out: every row is made
    from a person read in this pass and a basis just stored, and people are never deleted."""
    checks_off = connection.vendor == "sqlite" and not connection.in_atomic_block
    if checks_off:
        connection.disable_constraint_checking()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            yield cursor
    finally:
        if checks_off:
            connection.enable_constraint_checking()


def set_aside(cursor, table: str) -> list[str]:
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
