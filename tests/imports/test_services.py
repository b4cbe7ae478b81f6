"""Importing people: what the preview finds, all or nothing, the events an import writes (docs/adr/0009),
importing again, and undoing an import."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.accounts.models import AuditEvent, Role
from opendsr.imports import queries, reading, services
from opendsr.imports.models import ImportStatus
from opendsr.register.models import Obligation, Person, RegisterStatus, TimelineEvent
from opendsr.register.services import update_person
from tests.imports import sheets

HEADERS = [
    "NHS number",
    "First name",
    "Last name",
    "DOB",
    "RAG",
    "Date added",
    "Consent date",
    "Date of last CETR",
    "Diagnosis",
]


@pytest.fixture
def lead(make_user):
    return make_user(Role.DSR_LEAD)


def uploaded(icb, lead, rows, headers=HEADERS, kind="csv"):
    content = sheets.as_csv(rows, headers) if kind == "csv" else sheets.as_xlsx(rows, headers)
    sheet = reading.read(content, f"dsr.{kind}")
    return services.upload(icb=icb, by=lead, sheet=sheet, file_name=f"dsr.{kind}")


def imported(icb, lead, rows, **options):
    register_import = uploaded(icb, lead, rows, **options)
    register_import = services.start(register_import=register_import, by=lead, excluded=[], decisions={})
    return services.run(register_import.pk)


def open_kinds(person):
    return sorted(Obligation.objects.filter(person=person, is_open=True).values_list("kind", flat=True))


def test_an_old_red_rating_with_a_later_cetr_leaves_only_the_consent_check_open_and_no_panel_review(
    icb, lead
):
    number = next(sheets.numbers())
    register_import = imported(
        icb,
        lead,
        [[number, "Ada", "Lovelace", "1/1/1980", "RED", "01/04/2025", "01/06/2026", "15/01/2026", "LD"]],
    )
    person = Person.objects.get(nhs_number=number)
    assert person.current_rating == "red" and person.status == RegisterStatus.ACTIVE
    events = TimelineEvent.objects.filter(person=person).order_by("date", "id")
    assert [(e.type, e.date, e.data.get("imported"), e.source) for e in events] == [
        ("stratified", dt.date(2025, 4, 1), True, f"import:{register_import.pk}"),
        ("outcome_communicated", dt.date(2025, 4, 1), True, f"import:{register_import.pk}"),
        ("cetr_held", dt.date(2026, 1, 15), True, f"import:{register_import.pk}"),
        ("cetr_report_sent", dt.date(2026, 1, 15), True, f"import:{register_import.pk}"),
        ("consent_given", dt.date(2026, 6, 1), True, f"import:{register_import.pk}"),
    ]
    assert open_kinds(person) == ["recheck_consent"]
    assert Obligation.objects.get(person=person, kind="recheck_consent").due == dt.date(2027, 6, 1)


def test_a_red_rating_with_no_cetr_since_is_still_owed_one(icb, lead):
    number = next(sheets.numbers())
    imported(
        icb, lead, [[number, "Ada", "Lovelace", "1/1/1980", "red", "01/04/2025", "", "01/01/2024", "LD"]]
    )
    person = Person.objects.get(nhs_number=number)
    assert open_kinds(person) == ["community_cetr"]
    assert Obligation.objects.get(person=person, kind="community_cetr").due == dt.date(2025, 4, 1)


def test_an_undated_rating_is_taken_as_confirmed_at_the_last_cetr(icb, lead):
    number = next(sheets.numbers())
    imported(icb, lead, [[number, "Ada", "Lovelace", "1/1/1980", "red", "", "", "15/01/2026", "LD"]])
    person = Person.objects.get(nhs_number=number)
    assert person.rating_decided_on == dt.date(2026, 1, 15)
    assert "taken as confirmed at the C(E)TR on 15 January 2026" in person.rating_decisions.get().rationale
    assert open_kinds(person) == []


def test_blue_is_an_inpatient_rating_with_no_clock_event(icb, lead):
    number = next(sheets.numbers())
    register_import = imported(icb, lead, [[number, "Bo", "Blue", "1/1/1980", "Blue", "", "", "", "autism"]])
    person = Person.objects.get(nhs_number=number)
    assert (person.current_rating, person.location, person.diagnosis) == ("blue", "inpatient", "autistic")
    assert not TimelineEvent.objects.filter(person=person).exists()
    assert register_import.summary["blue"] == 1


def test_any_rejected_row_stops_the_import_until_it_is_left_out(icb, lead):
    rows = sheets.clean_rows(6)
    rows[3][4] = "Purple"  # row 5
    register_import = uploaded(icb, lead, rows, headers=sheets.MESSY_HEADERS)
    plan = queries.plan(register_import)
    assert [(row.number, row.reason) for row in plan.rejected] == [
        (5, "the rating 'Purple' is not red, amber, green or blue")
    ]
    with pytest.raises(ValidationError) as refused:
        services.start(register_import=register_import, by=lead, excluded=[], decisions={})
    assert "choose to leave out the rejected rows" in refused.value.message_dict["exclude"][0]
    assert not Person.objects.exists()

    register_import = services.start(register_import=register_import, by=lead, excluded=[5], decisions={})
    register_import = services.run(register_import.pk)
    assert register_import.status == ImportStatus.DONE
    assert Person.objects.count() == 5
    assert [line["outcome"] for line in register_import.report if line["row"] == 5] == [
        "Rejected and left out"
    ]


def test_a_possible_match_by_name_and_date_of_birth_waits_for_a_decision(icb, lead, make_person):
    make_person(given_name="Ada", family_name="Lovelace", date_of_birth=dt.date(1980, 1, 1), nhs_number="")
    numbers = sheets.numbers()
    rows = [
        [next(numbers), "ada", "LOVELACE", "01/01/1980", "", "", "", "", "LD"],
        [next(numbers), "Grace", "Hopper", "02/02/1982", "", "", "", "", "LD"],
    ]
    register_import = uploaded(icb, lead, rows)
    plan = queries.plan(register_import)
    assert [(m.row.number, m.person.full_name) for m in plan.possible] == [(2, "Ada Lovelace")]
    with pytest.raises(ValidationError) as refused:
        services.start(register_import=register_import, by=lead, excluded=[], decisions={})
    assert "row 2" in refused.value.message_dict["decisions"][0]
    register_import = services.start(
        register_import=register_import, by=lead, excluded=[], decisions={"2": "skip"}
    )
    register_import = services.run(register_import.pk)
    assert Person.objects.filter(family_name__iexact="lovelace").count() == 1
    assert Person.objects.filter(family_name="Hopper").count() == 1


def test_importing_the_same_xlsx_again_adds_nobody(icb, lead):
    rows = sheets.clean_rows(8)
    imported(icb, lead, rows, headers=sheets.MESSY_HEADERS, kind="xlsx")
    again = imported(icb, lead, rows, headers=sheets.MESSY_HEADERS, kind="xlsx")
    assert again.summary["added"] == 0 and again.summary["already"] == 8
    assert Person.objects.count() == 8


def test_undo_takes_the_people_off_voids_their_events_and_lets_the_file_be_imported_again(icb, lead):
    rows = sheets.clean_rows(4)
    register_import = imported(icb, lead, rows, headers=sheets.MESSY_HEADERS)
    people = list(Person.objects.all())

    services.undo(register_import=register_import, by=lead)

    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.UNDONE
    for person in people:
        person.refresh_from_db()
        assert person.status == RegisterStatus.LEFT
        assert person.exits.get().notes == "Import undone"
        assert not TimelineEvent.objects.filter(person=person, voided_at__isnull=True).exists()
        assert not Obligation.objects.filter(person=person, is_open=True).exists()
        assert person.history.count() == 2  # kept, with what it was before
    assert set(TimelineEvent.objects.filter(person__in=people).values_list("voided_reason", flat=True)) == {
        "import undone"
    }
    assert AuditEvent.objects.filter(action="register.import_undone").exists()

    again = imported(icb, lead, rows, headers=sheets.MESSY_HEADERS)
    assert again.summary["added"] == 4


def test_undo_is_refused_once_someone_has_changed_a_person_it_added(icb, lead):
    register_import = imported(icb, lead, sheets.clean_rows(3), headers=sheets.MESSY_HEADERS)
    changed = Person.objects.order_by("pk").first()
    update_person(person=changed, by=lead, postcode="LS2 9JT")

    with pytest.raises(ValidationError) as refused:
        services.undo(register_import=register_import, by=lead)

    assert f"{changed.full_name}: their details were changed" in refused.value.messages[0]
    assert Person.objects.filter(status=RegisterStatus.ACTIVE).count() == 3
