"""The agenda's sections read from the records as well as the clock: inpatients whose discharge is due, people to
ask again about consent, and people who withdrew consent and so are proposed to leave the register."""

import datetime as dt
import re

from django.urls import reverse

from opendsr.inpatients.services.admission import record_admission
from opendsr.register.services.consent import record_consent, record_consent_refused, withdraw_consent
from opendsr.register.timeline import record_event
from tests.conftest import TODAY
from tests.inpatients.helpers import admission_answers
from tests.meetings.conftest import rate


def text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def settled(person, lead):
    """Rated green in January and told: nothing overdue of its own."""
    rate(person, lead, "green", dt.date(2027, 1, 4))
    record_event(person=person, type="outcome_communicated", date=dt.date(2027, 1, 5))


def agenda(login, lead, meeting) -> str:
    return text(login(lead).get(reverse("meetings:detail", args=[meeting.pk])))


def section_text(page: str, title: str) -> str:
    """The page from a section's heading up to the next numbered section."""
    start = page.index(title)
    rest = page[start + len(title) :]
    following = re.search(r" \d+\. [A-Z]", rest)
    return rest[: following.start()] if following else rest


def test_an_inpatient_whose_discharge_is_due_is_in_the_inpatient_section(
    login, lead, meeting, make_person, team
):
    soon = make_person(given_name="Dev", family_name="Discharge", team=team)
    settled(soon, lead)
    record_admission(
        person=soon, by=lead, **admission_answers(expected_discharge_on=TODAY + dt.timedelta(days=10))
    )
    later = make_person(given_name="Lou", family_name="Later", team=team)
    settled(later, lead)
    record_admission(person=later, by=lead, **admission_answers(expected_discharge_on=dt.date(2027, 9, 1)))
    page = agenda(login, lead, meeting)
    inpatients = section_text(page, "Inpatients with reviews or discharge due")
    assert "Dev Discharge" in inpatients
    assert "Discharge expected on 11 March 2027" in inpatients
    assert "Discharge expected on 1 September 2027" not in page


def test_a_delayed_discharge_already_past_its_date_says_so(login, lead, meeting, make_person, team):
    stuck = make_person(given_name="Sam", family_name="Stuck", team=team)
    settled(stuck, lead)
    record_admission(
        person=stuck,
        by=lead,
        **admission_answers(
            expected_discharge_on=dt.date(2027, 2, 20),
            delayed_discharge=True,
            delay_barriers=["housing"],
            delay_notes="No home found yet.",
        ),
    )
    inpatients = section_text(agenda(login, lead, meeting), "Inpatients with reviews or discharge due")
    assert "Sam Stuck" in inpatients
    assert "Discharge was expected on 20 February 2027 (delayed)" in inpatients


def test_someone_to_ask_again_about_consent_is_in_the_consent_section(
    login, lead, meeting, make_person, team
):
    asked = make_person(given_name="Ava", family_name="Asked", team=team)
    record_consent_refused(
        person=asked,
        by=lead,
        reasons="Not now",
        alternative_offered="A desktop review",
        refused_on=dt.date(2027, 1, 4),
        revisit_on=TODAY + dt.timedelta(days=7),
    )
    not_yet = make_person(given_name="Nia", family_name="Notyet", team=team)
    record_consent_refused(
        person=not_yet,
        by=lead,
        reasons="Not now",
        refused_on=dt.date(2027, 1, 4),
        revisit_on=dt.date(2027, 12, 1),
    )
    page = agenda(login, lead, meeting)
    consent = section_text(page, "Consent needing a check")
    assert "Ava Asked" in consent
    assert "Consent not given on 4 January 2027: ask again by 8 March 2027" in consent
    assert "Nia Notyet" not in page


def test_withdrawn_consent_puts_them_among_those_proposed_to_leave(login, lead, meeting, make_person, team):
    withdrew = make_person(given_name="Wren", family_name="Withdrew", team=team)
    record_consent(
        person=withdrew, by=lead, scope=["inclusion"], given_by="person", given_on=dt.date(2027, 1, 4)
    )
    settled(withdrew, lead)
    withdraw_consent(person=withdrew, by=lead, withdrawn_on=dt.date(2027, 2, 15), notes="Asked to be removed")
    stays = make_person(given_name="Gus", family_name="Given", team=team)
    record_consent(
        person=stays, by=lead, scope=["inclusion"], given_by="person", given_on=dt.date(2027, 1, 4)
    )
    settled(stays, lead)
    page = agenda(login, lead, meeting)
    leaving = section_text(page, "People proposed to leave the register")
    assert "Wren Withdrew" in leaving
    assert "Consent to be on the register withdrawn on 15 February 2027" in leaving
    assert "Gus Given" not in leaving
