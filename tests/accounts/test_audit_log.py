"""Given a DSR lead, when they search the audit log, then they find who did what to whose record, and when."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import AuditEvent, Role
from tests.factories import PersonFactory, UserFactory


def _at(event, day: dt.date):
    moment = dt.datetime.combine(day, dt.time(10, 30), tzinfo=timezone.get_current_timezone())
    AuditEvent.objects.filter(pk=event.pk).update(at=moment)


@pytest.fixture
def trail(icb, other_icb, make_user, make_person):
    viewer = make_user(Role.CASE_MANAGER, first_name="Vera", last_name="Viewer", email="vera@test.example")
    editor = make_user(Role.PROFESSIONAL, first_name="Ed", last_name="Editor", email="ed@test.example")
    ruth = make_person(given_name="Ruth", family_name="Quarry", nhs_number="9990001234")
    omar = make_person(given_name="Omar", family_name="Beck", nhs_number="9990005678")
    _at(audit.record(viewer, "person.viewed", person=ruth, summary="Viewed the record"), dt.date(2027, 1, 4))
    _at(
        audit.record(editor, "person.changed", person=ruth, summary="Changed the address"),
        dt.date(2027, 2, 1),
    )
    _at(audit.record(viewer, "person.viewed", person=omar, summary="Viewed the record"), dt.date(2027, 2, 20))
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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Who", "Action", "Summary", "Person", "NHS number", "Page"]
    assert [r[3] for r in rows[1:]] == ["Changed the address", "Viewed the record"]
    assert {r[5] for r in rows[1:]} == {"999 000 1234"}
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.user == lead
    assert exported.summary == "Exported 2 audit entries"


def test_only_roles_with_the_audit_action_see_the_log(login, case_manager):
    client = login(case_manager)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def test_a_formula_in_a_summary_is_neutralised_in_the_export(login, lead, make_person):
    audit.record(lead, "note.added", person=make_person(), summary='=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(login(lead).get("/audit/export.csv").content.decode())))
    assert rows[1][3].startswith("'=")
