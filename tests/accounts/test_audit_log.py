"""Given a DSR lead, when they search the audit log, then they find who did what to whose record, and when."""

import csv
import datetime as dt
import html
import io

import pytest
import time_machine
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import AuditEvent, Role
from tests.factories import PersonFactory, UserFactory


def _on(day: dt.date):
    """Write audit rows as if on `day` (rows cannot be changed once written)."""
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(10, 30), tzinfo=timezone.get_current_timezone()), tick=False
    )


@pytest.fixture
def trail(icb, other_icb, make_user, make_person):
    viewer = make_user(Role.CASE_MANAGER, first_name="Vera", last_name="Viewer", email="vera@test.example")
    editor = make_user(Role.PROFESSIONAL, first_name="Ed", last_name="Editor", email="ed@test.example")
    ruth = make_person(given_name="Ruth", family_name="Quarry", nhs_number="9990001234")
    omar = make_person(given_name="Omar", family_name="Beck", nhs_number="9990005678")
    with _on(dt.date(2027, 1, 4)):
        audit.record(viewer, "person.viewed", person=ruth, summary="Viewed the record")
    with _on(dt.date(2027, 2, 1)):
        audit.record(editor, "person.changed", person=ruth, summary="Changed the address")
    with _on(dt.date(2027, 2, 20)):
        audit.record(viewer, "person.viewed", person=omar, summary="Viewed the record")
    stranger = UserFactory(icb=other_icb, email="stranger@other.example")
    elsewhere = PersonFactory(icb=other_icb, given_name="Ruth", family_name="Quarry")
    audit.record(stranger, "person.viewed", person=elsewhere)
    return {"viewer": viewer, "editor": editor, "ruth": ruth, "omar": omar}


def _rows(body: str) -> int:
    return body.count('<tr class="nhsuk-table__row">') - 1  # less the header row


def test_the_log_shows_only_this_icb_newest_first(login, lead, trail):
    body = login(lead).get("/audit/").content.decode()
    assert "3 entries" in body
    assert "stranger@other.example" not in body
    assert body.index("Omar Beck") < body.index("Changed the address") < body.index("4 January 2027")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"action": "person.changed"}, ["Changed the address"]),
        ({"person": "999 000 1234"}, ["Viewed the record", "Changed the address"]),
        ({"person": "ruth quarry"}, ["Viewed the record", "Changed the address"]),
        ({"user": "Ed Editor"}, ["Changed the address"]),
        ({"user": "vera@test.example"}, ["Viewed the record", "Viewed the record"]),
        (
            {
                "date_from_day": "1",
                "date_from_month": "2",
                "date_from_year": "2027",
                "date_to_day": "1",
                "date_to_month": "2",
                "date_to_year": "2027",
            },
            ["Changed the address"],
        ),
    ],
)
def test_each_filter_narrows_the_log(login, lead, trail, filters, expected):
    body = login(lead).get("/audit/", filters).content.decode()
    assert _rows(body) == len(expected)
    for summary in expected:
        assert summary in body


def test_a_backwards_date_range_is_explained(login, lead, trail):
    body = (
        login(lead)
        .get(
            "/audit/",
            {
                "date_from_day": "2",
                "date_from_month": "2",
                "date_from_year": "2027",
                "date_to_day": "1",
                "date_to_month": "2",
                "date_to_year": "2027",
            },
        )
        .content.decode()
    )
    assert "<title>Error: Audit log" in body
    assert "The &#39;to&#39; date must be the same as or after the &#39;from&#39; date" in body


def test_paging_keeps_the_filters(login, lead, make_person):
    person = make_person()
    for _ in range(55):
        audit.record(lead, "person.viewed", person=person)
    audit.record(lead, "person.changed", person=person)
    client = login(lead)
    first = client.get("/audit/", {"action": "person.viewed"}).content.decode()
    assert "55 entries" in first
    assert "action=person.viewed&amp;page=2" in first
    second = client.get("/audit/", {"action": "person.viewed", "page": "2"}).content.decode()
    assert _rows(second) == 5


def test_the_export_has_the_filtered_rows_and_is_itself_audited(login, lead, trail):
    response = login(lead).get("/audit/export.csv", {"person": "9990001234"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Who", "Action", "Summary", "Person", "NHS number", "Page"]
    assert [r[3] for r in rows[1:]] == ["Changed the address", "Viewed the record"]
    assert {r[5] for r in rows[1:]} == {"999 000 1234"}
    assert [r[1] for r in rows[1:]] == ["Ed Editor", "Vera Viewer"]
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.user == lead
    assert exported.summary == "Exported 2 audit entries (CSV file)"


def test_only_roles_with_the_audit_action_see_the_log(login, case_manager):
    client = login(case_manager)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def test_a_formula_in_a_summary_is_neutralised_in_the_export(login, lead, make_person):
    audit.record(lead, "note.added", person=make_person(), summary='=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(login(lead).get("/audit/export.csv").content.decode("utf-8-sig"))))
    assert rows[1][3].startswith("'=")


def _said(body: str) -> str:
    return html.unescape(body)


def test_who_is_shown_by_name_not_by_email(login, lead, trail):
    body = _said(login(lead).get("/audit/").content.decode())
    assert '<td class="nhsuk-table__cell">Vera Viewer</td>' in body
    assert '<td class="nhsuk-table__cell">Ed Editor</td>' in body
    assert "vera@test.example" not in body and "ed@test.example" not in body


def test_an_entry_without_a_user_is_shown_as_opendsr(login, lead, person):
    audit.record(None, "reminders.sent", person=person, summary="Sent the daily reminders")
    body = _said(login(lead).get("/audit/", {"action": "reminders.sent"}).content.decode())
    assert '<td class="nhsuk-table__cell">OpenDSR</td>' in body


@pytest.mark.parametrize(
    ("filters", "sentence"),
    [
        ({}, "Showing all entries."),
        (
            {
                "person": "999 000 1234",
                "user": "Ed Editor",
                "date_from_day": "1",
                "date_from_month": "2",
                "date_from_year": "2027",
                "date_to_day": "28",
                "date_to_month": "2",
                "date_to_year": "2027",
            },
            "Showing all entries about Ruth Quarry's record by Ed Editor in February 2027.",
        ),
        (
            {"action": "person.viewed", "user": "vera"},
            "Showing “person viewed” entries by Vera Viewer.",
        ),
        ({"user": "e"}, "Showing all entries by people matching “e”."),
        (
            {"date_from_day": "4", "date_from_month": "1", "date_from_year": "2027"},
            "Showing all entries from 4 January 2027.",
        ),
        (
            {
                "date_from_day": "4",
                "date_from_month": "1",
                "date_from_year": "2027",
                "date_to_day": "4",
                "date_to_month": "1",
                "date_to_year": "2027",
            },
            "Showing all entries on 4 January 2027.",
        ),
    ],
)
def test_the_search_is_described_in_words(login, lead, trail, filters, sentence):
    assert sentence in _said(login(lead).get("/audit/", filters).content.decode())
