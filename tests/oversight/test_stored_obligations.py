"""The stored obligations: the same whether worked out for one person or for the whole register."""

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import RequestFactory

from opendsr.oversight.panels import person_panels
from opendsr.register import bulk_read, obligations, recompute, timeline
from opendsr.register.models import Obligation


def stored(person):
    return sorted(
        Obligation.objects.filter(person=person).values_list("kind", "due", "met_on", "is_open"),
        key=lambda row: (row[0], row[1] or dt.date.max),
    )


def test_recomputing_the_register_gives_what_each_change_stored(make_person):
    child = make_person(date_of_birth=dt.date(2012, 1, 1))
    adult = make_person(date_of_birth=dt.date(1980, 1, 1), has_unpaid_carer=True)
    timeline.record_event(
        person=child, type="admitted", date=dt.date(2027, 1, 4), data={"setting": "secure", "route": "civil"}
    )
    timeline.record_event(person=adult, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "amber"})
    before = {p.pk: stored(p) for p in (child, adult)}
    Obligation.objects.all().delete()
    totals = recompute.recompute_all()
    assert totals["people_changed"] == 2
    assert {p.pk: stored(p) for p in (child, adult)} == before


def test_the_whole_register_pass_takes_events_on_one_date_in_the_order_they_were_recorded(make_person):
    # Three acknowledgements of one referral on the same day: the obligation is met by the one recorded first,
    # whether worked out for the person or for the whole register (which on SQLite reads each person's events
    # as one array from the database, in no particular order).
    person = make_person(date_of_birth=dt.date(1990, 5, 1))
    timeline.record_event(
        person=person, type="referral_received", date=dt.date(2027, 1, 4), data={"source": "family"}
    )
    for source in ("letter:first", "letter:second", ""):
        timeline.record_event(
            person=person, type="referral_acknowledged", date=dt.date(2027, 1, 6), source=source
        )
    columns = ("kind", "raised_by", "met_by", "met_on")
    before = sorted(Obligation.objects.filter(person=person).values_list(*columns))
    assert ("acknowledge_referral", before[0][1], "letter:first", dt.date(2027, 1, 6)) in before
    Obligation.objects.all().delete()
    recompute.recompute_all()
    assert sorted(Obligation.objects.filter(person=person).values_list(*columns)) == before


def test_filling_the_empty_table_stores_every_row_whatever_the_rows_a_statement(make_person, monkeypatch):
    # SQLite takes many rows an INSERT: three a statement here, so that the people's rows span several statements
    # and the last is a short one. Every column must come back as each change stored it.
    monkeypatch.setattr(obligations, "SQLITE_ROWS_A_STATEMENT", 3)
    people = [
        make_person(date_of_birth=dt.date(1970 + n, 3, 1), has_unpaid_carer=n % 2 == 0) for n in range(4)
    ]
    for n, person in enumerate(people):
        timeline.record_event(
            person=person, type="stratified", date=dt.date(2027, 1, 4 + n), data={"rating": "red"}
        )
    # Rows with all their columns among the others: a panel review has its reasons, and the obligations of
    # someone who left the register end there.
    escalated, left = people[0], people[1]
    timeline.record_event(
        person=escalated, type="escalation_requested", date=dt.date(2027, 1, 20), data={"by": "family"}
    )
    timeline.record_event(person=left, type="left_register", date=dt.date(2027, 1, 25))
    columns = ("person_id", "kind", "raised_on", "due", "met_on", "is_open", "basis_ref__text", "reasons")
    columns += ("raised_by", "met_by", "ended_on")
    before = sorted(Obligation.objects.values_list(*columns), key=repr)
    assert len(before) > 3 * 2
    assert Obligation.objects.filter(person=escalated).exclude(reasons=[]).exists()
    assert Obligation.objects.filter(person=left, ended_on=dt.date(2027, 1, 25)).exists()
    Obligation.objects.all().delete()
    recompute.recompute_all()
    assert sorted(Obligation.objects.values_list(*columns), key=repr) == before


def test_filling_the_empty_table_never_reads_it_back(make_person):
    # Without its indexes, a read of what is stored for each batch would walk every row written so far.
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        person = make_person(date_of_birth=dt.date(1980 + n, 1, 1))
        timeline.record_event(
            person=person, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"}
        )
    Obligation.objects.all().delete()
    table = Obligation._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        recompute.recompute_all(batch=1)
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
    assert len(reads) == 1  # only whether the table is empty, once, before the pass
    assert Obligation.objects.filter(kind="community_cetr").count() == 3


def test_filling_the_empty_table_leaves_its_indexes_as_they_were(make_person):
    person = make_person(date_of_birth=dt.date(1990, 5, 1))
    timeline.record_event(person=person, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"})
    table = Obligation._meta.db_table
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, table)
    Obligation.objects.all().delete()
    recompute.recompute_all()
    with connection.cursor() as cursor:
        assert connection.introspection.get_constraints(cursor, table) == indexes
    assert Obligation.objects.filter(person=person, kind="community_cetr", is_open=True).exists()


@pytest.mark.django_db(transaction=True)
def test_a_first_pass_that_fails_part_way_leaves_the_table_as_it_was(make_person, monkeypatch):
    # Outside any transaction, as the nightly task and the command run it: on PostgreSQL the rows then go in as
    # one COPY, with the events read ahead on a second connection.
    people = [make_person(date_of_birth=dt.date(1970 + n, 3, 1)) for n in range(6)]
    for person in people:
        timeline.record_event(
            person=person, type="stratified", date=dt.date(2027, 1, 4), data={"rating": "red"}
        )
    table = Obligation._meta.db_table
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, table)
    before = sorted(Obligation.objects.values_list("person_id", "kind", "due", "met_on"))
    Obligation.objects.all().delete()
    rows_of_people = recompute.rows_of_people
    batches = []

    def failing_part_way(facts, timelines, today):
        batches.append(facts)
        if len(batches) == 3:
            raise RuntimeError("the clock failed")
        return rows_of_people(facts, timelines, today)

    monkeypatch.setattr(recompute, "rows_of_people", failing_part_way)
    with pytest.raises(RuntimeError, match="the clock failed"):
        recompute.recompute_all(batch=2)  # two batches written before the third fails
    assert len(batches) == 3
    assert not Obligation.objects.exists()
    with connection.cursor() as cursor:
        assert connection.introspection.get_constraints(cursor, table) == indexes

    monkeypatch.setattr(recompute, "rows_of_people", rows_of_people)
    recompute.recompute_all(batch=2)
    assert sorted(Obligation.objects.values_list("person_id", "kind", "due", "met_on")) == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache and sorting threads")
def test_filling_the_empty_table_gives_the_connection_back_with_its_own_page_cache(make_person):
    # The indexes are built again with a small page cache and helper threads (SQLite sorts in runs as large as
    # the cache); the connection then keeps the cache the pass set for itself, and no helper threads.
    def settings():
        with connection.cursor() as cursor:
            return [cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "threads")]

    person = make_person(date_of_birth=dt.date(1990, 5, 1))
    timeline.record_event(person=person, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"})
    Obligation.objects.all().delete()
    recompute.recompute_all()
    assert settings() == [-recompute.SQLITE_CACHE_KIB, 0]
    assert Obligation.objects.filter(person=person, kind="community_cetr", is_open=True).exists()


def test_a_changed_fact_changes_what_is_due_once_refreshed(make_person):
    person = make_person(date_of_birth=dt.date(2008, 6, 1))  # 18 on admission: the adult pathway
    timeline.record_event(
        person=person,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "non_secure", "route": "civil"},
    )
    assert Obligation.objects.get(person=person, kind="post_admission_cetr").due == dt.date(2027, 2, 1)
    person.has_ehcp = True  # with an EHCP, the children and young people's pathway to 25 (Table 2)
    person.save()
    change = obligations.refresh_for(person)
    assert change.changed
    assert Obligation.objects.get(person=person, kind="post_admission_cetr").due == dt.date(2027, 1, 18)
    assert not obligations.refresh_for(person).changed


def test_a_voided_event_no_longer_counts(make_person):
    person = make_person()
    event = timeline.record_event(
        person=person, type="referral_received", date=dt.date(2027, 2, 1), data={"source": "self"}
    )
    assert Obligation.objects.filter(person=person, kind="acknowledge_referral", is_open=True).exists()
    timeline.void_event(event=event, reason="Duplicate")
    assert not Obligation.objects.filter(person=person).exists()


def test_the_person_page_panel_shows_met_due_and_overdue_with_citations(make_person, case_manager):
    person = make_person(date_of_birth=dt.date(2012, 1, 1), given_name="Pat", family_name="Panel")
    timeline.record_event(
        person=person,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "secure", "route": "civil"},
        by=case_manager,
    )
    timeline.record_event(
        person=person,
        type="cetr_held",
        date=dt.date(2027, 1, 12),
        data={"kind": "post_admission"},
        by=case_manager,
    )
    request = RequestFactory().get("/")
    request.user = case_manager
    html = "".join(person_panels(request, person))
    assert "Post-admission C(E)TR" in html and "Met on 12 January 2027" in html
    assert "Commissioner oversight visit" in html and "Overdue" in html  # due 15 February 2027
    assert "Table 2" in html and "s16.1" in html
    assert "Admitted to a mental health hospital" in html and "Carl Case" in html
    assert f"/work/people/{person.pk}/events/new/" in html


# ------------------------------------------------------------------------------------------- with workers

ROOT = Path(__file__).resolve().parents[2]
STORED_COLUMNS = (
    "person_id, kind, raised_on, due, met_on, is_open, "
    "(SELECT text FROM register_obligationbasis b WHERE b.id = basis_id), reasons, raised_by, met_by"
)


class OtherProcesses:
    """The test database as other processes reach it: a file copy of the in-memory SQLite database, or the
    PostgreSQL test database by its URL (the test's rows are committed, so other connections see them)."""

    def __init__(self, tmp_path):
        self.env = {
            **os.environ,
            "OPENDSR_TESTING": "1",
            "OPENDSR_TODAY": "2027-03-01",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DATABASE_URL", None)
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = tmp_path / "register.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(self.path)) as copy:
                connection.connection.backup(copy)
            self.env["OPENDSR_SQLITE"] = str(self.path)
        else:
            self.path = None
            user, password = quote(settings["USER"] or ""), quote(settings["PASSWORD"] or "")
            self.env["DATABASE_URL"] = (
                f"postgres://{user}:{password}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
                f"/{settings['NAME']}"
            )

    def sql(self, statement: str) -> list[tuple]:
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(statement)
                return cursor.fetchall() if cursor.description else []
        with closing(sqlite3.connect(self.path)) as database, database:
            return database.execute(statement).fetchall()

    def recompute(self, *args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "opendsr.cli", "recompute", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads the next batch ahead")
@pytest.mark.django_db(transaction=True)
def test_reading_the_next_batch_ahead_gives_each_batch_its_own_timelines(make_person):
    # Committed, so that the second connection that reads ahead sees them.
    people = [make_person(date_of_birth=dt.date(1980 + n, 1, 1)) for n in range(5)]
    for n, person in enumerate(people):
        for day in range(n + 1):
            timeline.record_event(
                person=person, type="stratified", date=dt.date(2027, 1, 4 + day), data={"rating": "amber"}
            )
    ids = [p.pk for p in people]
    ranges = [(low, min(low + 1, ids[-1])) for low in range(ids[0], ids[-1] + 1, 2)]
    read_ahead = list(bulk_read.timelines_of_ranges(ranges, read_ahead=True))
    assert read_ahead == list(bulk_read.timelines_of_ranges(ranges, read_ahead=False))
    assert [sorted(batch) for batch in read_ahead] == [ids[0:2], ids[2:4], ids[4:5]]
    assert [len(read_ahead[2][ids[4]])] == [5]
    assert read_ahead[0][ids[0]][0].data["rating"] == "amber"


@pytest.mark.django_db(transaction=True)
def test_recomputing_with_two_workers_stores_what_one_worker_stores(make_person, tmp_path):
    for n in range(9):
        person = make_person(date_of_birth=dt.date(2010 - 5 * n, 3, 1), has_unpaid_carer=n % 2 == 0)
        received = dt.date(2026, 1, 5) + dt.timedelta(days=20 * n)
        timeline.record_event(person=person, type="referral_received", date=received, data={"source": "self"})
        rating = ["red", "amber", "green"][n % 3]
        rated = received + dt.timedelta(days=10)
        timeline.record_event(person=person, type="stratified", date=rated, data={"rating": rating})
        if n % 3 == 0:
            timeline.record_event(
                person=person,
                type="admitted",
                date=rated + dt.timedelta(days=30),
                data={"setting": "secure" if n % 2 else "non_secure", "route": "civil"},
            )
    elsewhere = OtherProcesses(tmp_path)
    query = f"SELECT {STORED_COLUMNS} FROM register_obligation ORDER BY {STORED_COLUMNS}"
    as_each_change_stored = elsewhere.sql(query)

    stored = {}
    for workers in (1, 2):
        elsewhere.sql("DELETE FROM register_obligation")
        # As in a new register, no basis is stored yet: later batches bring bases the earlier ones did not.
        elsewhere.sql("DELETE FROM register_obligationbasis")
        # Two people a batch: the workers share out several batches, and the writer takes them in turn.
        said = elsewhere.recompute("--workers", str(workers), "--batch", "2")
        assert "Recomputed 9 people in" in said and "9 changed" in said
        assert ("(2 processes)" if workers == 2 else "(1 process)") in said
        stored[workers] = elsewhere.sql(query)

    assert len({row[0] for row in as_each_change_stored}) == 9
    assert stored[2] == stored[1] == as_each_change_stored

    # On a register already up to date, the workers compare and rewrite nothing.
    said = elsewhere.recompute("--workers", "2", "--batch", "2")
    assert "9 people" in said and "0 changed" in said and "(2 processes)" in said
    assert elsewhere.sql(query) == as_each_change_stored
