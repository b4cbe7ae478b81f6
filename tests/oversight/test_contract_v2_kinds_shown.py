"""The clock's kinds from contract version 2 (the whole referral process, consent from the person, the independent
C(E)TR after segregation, the sit-and-see before a planned C(E)TR), raised by the records that write their events,
show with what they are, when they are due and their citation in the case manager's My work, on the person's
page and in the ICB view."""

import datetime as dt
import re

import pytest

from opendsr.policy.rules.admission import INDEPENDENT_BASIS, SIT_AND_SEE_BASIS
from opendsr.policy.rules.consent import RECONSENT_BASIS
from opendsr.policy.rules.referral import PROCESS_BASIS
from opendsr.register import timeline
from opendsr.register.models import Obligation
from opendsr.register.services.consent import record_consent
from opendsr.web.labels import KIND_LABELS


def text(response) -> str:
    assert response.status_code == 200
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&").strip()
    )


def _referred(person, by):
    timeline.record_event(
        person=person, type="referral_received", date=dt.date(2027, 2, 1), data={"source": "self"}
    )


def _parent_consented(person, by):
    person.date_of_birth = dt.date(2011, 3, 20)  # 16 on 20 March 2027
    person.save()
    record_consent(
        person=person,
        by=by,
        scope=["inclusion"],
        given_by="parental_responsibility",
        given_on=dt.date(2025, 6, 1),
    )


def _admitted(person):
    timeline.record_event(
        person=person,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "non_secure", "route": "civil"},
    )


def _segregated(person, by):
    _admitted(person)
    timeline.record_event(person=person, type="segregation_started", date=dt.date(2027, 2, 24), data={})


def _cetr_planned(person, by):
    _admitted(person)
    timeline.record_event(
        person=person, type="cetr_planned", date=dt.date(2027, 2, 15), data={"planned_date": "2027-03-20"}
    )


@pytest.mark.parametrize(
    ("kind", "happen", "basis"),
    [
        ("referral_process_complete", _referred, PROCESS_BASIS),
        ("reconsent_self", _parent_consented, RECONSENT_BASIS),
        ("independent_cetr", _segregated, INDEPENDENT_BASIS),
        ("sit_and_see", _cetr_planned, SIT_AND_SEE_BASIS),
    ],
)
def test_a_new_kind_shows_in_my_work_on_the_person_page_and_in_the_icb_view_with_its_citation(
    kind, happen, basis, make_person, team, case_manager, lead, login
):
    person = make_person(team=team, case_manager=case_manager, given_name="Vera", family_name="Version")
    happen(person, case_manager)
    stored = Obligation.objects.get(person=person, kind=kind, is_open=True)
    label = KIND_LABELS[kind]
    due = f"{stored.due.day} {stored.due:%B %Y}"
    citation = " ".join(basis.split())
    for page in (
        text(login(case_manager).get("/work/", {"show": "all"})),
        text(login(case_manager).get(f"/people/{person.pk}/")),
        text(login(lead).get("/work/icb/", {"show": "all"})),
    ):
        assert label in page and due in page and citation in page
    assert "Vera Version" in text(login(lead).get("/work/icb/", {"show": "all"}))
