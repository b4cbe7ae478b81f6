"""An old register with no consent column imports cleanly (docs/adr/0009): its people are on the register as it
had them, marked imported, and each has their consent to record, shown on the import's page and under "Consent
needing a check" on the DSR meeting's agenda until it is recorded. Being on the register already, their rating
moves on without asking consent first; someone referred is never rated onto it without (s2.4)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from opendsr.accounts.models import Role
from opendsr.imports.models import ImportStatus
from opendsr.meetings import agenda
from opendsr.meetings.models import DsrMeeting
from opendsr.meetings.services.meeting import save_standing_meeting
from opendsr.register.models import Person, RegisterStatus, TimelineEvent
from opendsr.register.services.rating import record_rating
from tests.conftest import TODAY
from tests.factories import give_consent
from tests.imports import sheets
from tests.imports.test_services import imported

NO_CONSENT_COLUMN = ["NHS number", "First name", "Last name", "DOB", "RAG", "Date added", "Diagnosis"]


@pytest.fixture
def lead(make_user):
    return make_user(Role.DSR_LEAD)


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def needing_consent(icb, lead) -> dict[str, list[str]]:
    """Who the DSR meeting's agenda lists under "Consent needing a check" (first or among their sections), with
    their reasons."""
    standing = save_standing_meeting(
        icb=icb, by=lead, name="Test DSR meeting", terms_of_reference="Reds and ambers.", every_weeks=2
    )
    meeting = DsrMeeting.objects.create(standing=standing, icb=icb, date=TODAY, chair=lead)
    built = agenda.build(meeting, Person.objects.filter(icb=icb), lead, TODAY)
    return {
        entry.person.given_name: entry.reasons
        for section in built.sections
        for entry in section.entries
        if section.key == "consent" or agenda.SECTIONS["consent"] in entry.also
    }


def test_a_sheet_with_no_consent_column_imports_its_people_onto_the_register_with_consent_to_record(
    icb, lead, login
):
    numbers = sheets.numbers(710_000)
    ada, ben = next(numbers), next(numbers)
    register_import = imported(
        icb,
        lead,
        [
            [ada, "Ada", "Ashdown", "1/1/1980", "amber", "01/09/2026", "LD"],
            [ben, "Ben", "Brookfield", "2/2/1990", "red", "01/10/2026", "Autism"],
        ],
        headers=NO_CONSENT_COLUMN,
    )
    assert register_import.status == ImportStatus.DONE
    assert register_import.summary["no_consent"] == 2
    people = Person.objects.filter(nhs_number__in=[ada, ben])
    assert {(p.status, p.current_rating) for p in people} == {
        (RegisterStatus.ACTIVE, "amber"),
        (RegisterStatus.ACTIVE, "red"),
    }
    stratified = TimelineEvent.objects.filter(person__in=people, type="stratified")
    assert all(event.data.get("imported") for event in stratified) and stratified.count() == 2

    client = login(lead)
    page = text(client.get(reverse("imports:detail", args=[register_import.pk])))
    assert "2 of the people added have no date consent was given in the spreadsheet" in page
    assert "Find everyone on the register with no consent recorded" in page
    consent = needing_consent(icb, lead)
    assert set(consent) == {"Ada", "Ben"}
    assert (
        "Imported from dsr.csv with no date consent was given: record their consent, or a best interests decision"
        in consent["Ada"]
    )

    # Already on the register, their rating moves on; once consent is recorded, the agenda lets them go.
    ada_person = people.get(nhs_number=ada)
    record_rating(person=ada_person, by=lead, rating="red", decided_on=TODAY, rationale="Crisis at home")
    ada_person.refresh_from_db()
    assert ada_person.current_rating == "red"
    give_consent(ada_person, lead, dt.date(2027, 2, 1))
    assert set(needing_consent(icb, lead)) == {"Ben"}


def test_an_imported_consent_date_leaves_nothing_to_record(icb, lead, login):
    number = next(sheets.numbers(720_000))
    register_import = imported(
        icb,
        lead,
        [[number, "Cal", "Carrow", "1/1/1980", "green", "01/04/2026", "01/04/2026", "", "LD"]],
    )
    assert register_import.summary["no_consent"] == 0
    page = text(login(lead).get(reverse("imports:detail", args=[register_import.pk])))
    assert "no date consent was given" not in page
