"""The "Record an event" pages: choose what happened, then its details; errors keep what was typed."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.models import Obligation
from tests.factories import PersonFactory


def url(person, query=""):
    return f"/work/people/{person.pk}/events/new/{query}"


def test_the_choice_of_what_happened_lists_plain_names(login, case_manager, person):
    page = login(case_manager).get(url(person)).content.decode()
    assert "Multi-agency meeting" in page
    # Admissions, moves and discharges are recorded on the inpatient record, linked from here.
    assert "Admitted to a mental health hospital" not in page
    assert "An admission to hospital, a move to another hospital or ward, or a discharge" in page
    assert f"/people/{person.pk}/inpatient/" in page
    # A LAEP meeting is recorded in full on its own form, linked from here.
    assert "A local area emergency protocol (LAEP) meeting" in page
    assert f"/reviews/people/{person.pk}/laeps/new/" in page


def test_continuing_without_a_choice_shows_an_error(login, case_manager, person):
    response = login(case_manager).get(url(person, "?choose=1"))
    page = response.content.decode()
    assert "<title>Error: What happened?" in page
    assert "Select what happened" in page


def test_an_admission_is_recorded_on_the_inpatient_record_not_here(login, case_manager, person):
    client = login(case_manager)
    response = client.get(url(person, "?type=admitted"))
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/inpatient/admit/"
    posted = client.post(
        url(person),
        {"type": "admitted", "date_day": "4", "date_month": "1", "date_year": "2027", "setting": "secure"},
    )
    assert posted.status_code == 302 and posted.url == f"/people/{person.pk}/inpatient/admit/"
    assert not person.timeline.exists()
    form = client.get(response.url).content.decode()
    assert "Record an admission to hospital" in form


def test_a_future_date_is_refused_and_what_was_typed_is_kept(login, case_manager, person):
    response = login(case_manager).post(
        url(person), {"type": "mdt_held", "date_day": "4", "date_month": "4", "date_year": "2027"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Date of the meeting must be today or in the past" in page
    assert 'value="2027"' in page
    assert not person.timeline.exists()


def test_a_move_or_a_discharge_goes_to_the_inpatient_record_for_an_admission_still_to_record(
    login, case_manager, person
):
    from opendsr.oversight.services import record_timeline_event

    record_timeline_event(
        person=person,
        by=case_manager,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "secure", "route": "civil"},
    )
    client = login(case_manager)
    for chosen in ("transferred", "discharged"):
        response = client.get(url(person, f"?type={chosen}"))
        assert response.url == f"/people/{person.pk}/inpatient/"
    page = client.get(f"/people/{person.pk}/inpatient/").content.decode()
    assert "admitted to hospital on 4 January 2027 (secure)" in page
    assert "Add the admission details" in page


def test_a_person_in_another_icb_is_not_found(login, case_manager, other_icb):
    stranger = PersonFactory(icb=other_icb)
    assert login(case_manager).get(url(stranger)).status_code == 404


def test_a_role_that_cannot_record_events_is_refused(login, make_user, person):
    panel = make_user(Role.OVERSIGHT_PANEL)
    client = login(panel)
    assert client.get(url(person)).status_code == 404  # not on the oversight panel list: not theirs to see
    Obligation.objects.create(
        person=person, kind="oversight_panel_review", raised_on=dt.date(2027, 2, 1), basis="s2.4.3"
    )
    assert client.get(url(person)).status_code == 403  # on the list, but recording events is not their role


def test_voiding_from_the_timeline(login, case_manager, person):
    client = login(case_manager)
    client.post(
        url(person),
        {"type": "mdt_held", "date_day": "1", "date_month": "2", "date_year": "2027"},
    )
    event = person.timeline.get()
    void_url = f"/work/people/{person.pk}/events/{event.pk}/void/"
    assert "Void" in client.get(f"/work/people/{person.pk}/timeline/").content.decode()
    assert "Enter why you are voiding this event" in client.post(void_url, {"reason": ""}).content.decode()
    client.post(void_url, {"reason": "Recorded on the wrong person"})
    page = client.get(f"/work/people/{person.pk}/timeline/").content.decode()
    assert "<s>Multi-agency meeting</s>" in page
    assert "Reason: Recorded on the wrong person" in page
