"""Once written, a line of the audit trail cannot be changed or removed: not by a model, not by a queryset, and
not by SQL (a database trigger refuses UPDATE and DELETE, on SQLite and on PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from opendsr.accounts import audit
from opendsr.accounts.models import AuditEvent, AuditTrailIsAppendOnly


@pytest.fixture
def event(lead, person):
    return audit.record(lead, "person.viewed", person=person, summary="Viewed the record")


def _unchanged(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.summary, stored.action, stored.at) == (event.summary, event.action, event.at)


@pytest.mark.parametrize(
    "change",
    [
        lambda e: AuditEvent.objects.filter(pk=e.pk).update(summary="Nothing to see"),
        lambda e: AuditEvent.objects.update(summary="Nothing to see"),
        lambda e: AuditEvent.objects.filter(pk=e.pk).delete(),
        lambda e: AuditEvent.objects.all().delete(),
        lambda e: AuditEvent.objects.bulk_update([e], ["summary"]),
        lambda e: e.delete(),
    ],
    ids=["filter-update", "manager-update", "filter-delete", "all-delete", "bulk-update", "instance-delete"],
)
def test_the_orm_refuses_to_change_or_remove_an_audit_row(event, change):
    with pytest.raises(AuditTrailIsAppendOnly):
        change(event)
    _unchanged(event)


def test_saving_an_existing_audit_row_is_refused(event):
    loaded = AuditEvent.objects.get(pk=event.pk)
    loaded.summary = "Nothing to see"
    with pytest.raises(AuditTrailIsAppendOnly):
        loaded.save()
    _unchanged(event)


def test_writing_over_an_audit_row_by_its_id_is_refused(event, lead):
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent(pk=event.pk, user=lead, action="nothing.happened").save()
    _unchanged(event)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_auditevent SET summary = 'Nothing to see' WHERE id = %s",
        "DELETE FROM accounts_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_to_change_or_remove_an_audit_row(event, sql):
    """Runs against whichever database the suite uses: SQLite by default, PostgreSQL under `make test-postgres`."""
    assert connection.vendor in ("sqlite", "postgresql")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    _unchanged(event)


def test_a_new_row_can_still_be_written(event, lead):
    audit.record(lead, "person.changed", summary="Changed the address")
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_still_works_and_leaves_the_guard_in_place(lead, person):
    audit.record(lead, "person.viewed", person=person)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    event = audit.record(None, "system.started")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM accounts_auditevent WHERE id = %s", [event.pk])
