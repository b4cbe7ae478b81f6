"""The database's own guard on the audit trail: triggers that refuse UPDATE and DELETE on its table, so that no
client (a queryset `update()`, a script, a SQL console) can change or remove a line once written.

PostgreSQL's TRUNCATE (used only to empty a whole database, as `manage.py flush` does) fires no row triggers.
SQLite has no TRUNCATE, so `flush` lifts its triggers for the flush and puts them back afterwards.
"""

from __future__ import annotations

TABLE = "accounts_auditevent"
MESSAGE = "Audit events are append-only: they cannot be changed or deleted"

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION opendsr_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION opendsr_refuse_audit_change()
    """,
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS opendsr_refuse_audit_change()",
]

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{operation.lower()} BEFORE {operation} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for operation in ("UPDATE", "DELETE")
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{operation}" for operation in ("update", "delete")]

STATEMENTS = {
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
}


def install(connection) -> None:
    """Add the triggers (no-op on a database other than PostgreSQL or SQLite)."""
    _run(connection, STATEMENTS.get(connection.vendor, ((), ()))[0])


def remove(connection) -> None:
    _run(connection, STATEMENTS.get(connection.vendor, ((), ()))[1])


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
