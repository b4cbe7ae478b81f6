"""The "Record an event" pages: choose what happened, then its details; errors keep what was typed."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.models import Location, Obligation
from tests.factories import PersonFactory


def url(person, query=""):
    return f"/work/people/{person.pk}/events/new/{query}"


def test_the_choice_of_what_happened_lists_plain_names(login, case_manager, person):
    page = login(case_manager).get(url(person)).content.decode()
    assert "Admitted to a mental health hospital" in page
    assert "Moved to another hospital or security level" in page
    assert "Local area emergency protocol (LAEP) meeting" in page


def test_continuing_without_a_choice_shows_an_error(login, case_manager, person):
    response = login(case_manager).get(url(person, "?choose=1"))
    page = response.content.decode()
    assert "<title>Error: What happened?" in page
    assert "Select what happened" in page


def test_recording_an_admission_through_the_form(login, case_manager, person, today):
    client = login(case_manager)
    form = client.get(url(person, "?type=admitted")).content.decode()
    assert "What kind of hospital or ward?" in form
    assert 'name="date_day"' in form  # the names the browser posts are the ones the form reads
    response = client.post(
        url(person),
        {
            "type": "admitted",
            "date_day": "4",
            "date_month": "1",
            "date_year": "2027",
            "setting": "secure",
            "route": "criminal_justice",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.location == Location.INPATIENT
    assert Obligation.objects.get(person=person, kind="post_admission_cetr").due == dt.date(2027, 2, 1)


def test_a_future_date_is_refused_and_what_was_typed_is_kept(login, case_manager, person):
    response = login(case_manager).post(
        url(person),
        {"type": "admitted", "date_day": "4", "date_month": "4", "date_year": "2027", "setting": "secure"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Date of admission must be today or in the past" in page
    assert "Select how they were admitted" in page
    assert 'value="2027"' in page and 'value="secure" checked' in page
    assert not person.timeline.exists()


def test_a_discharge_for_someone_not_in_hospital_shows_in_the_error_summary(login, case_manager, person):
    response = login(case_manager).post(
        url(person), {"type": "discharged", "date_day": "1", "date_month": "2", "date_year": "2027"}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"You can only record a discharge while {person.full_name} is an inpatient" in page


def test_a_discharge_sends_the_user_on_to_decide_a_new_rating(login, case_manager, person):
    client = login(case_manager)
    client.post(
        url(person),
        {
            "type": "admitted",
            "date_day": "4",
            "date_month": "1",
            "date_year": "2027",
            "setting": "secure",
            "route": "civil",
        },
    )
    response = client.post(
        url(person),
        {"type": "discharged", "date_day": "1", "date_month": "2", "date_year": "2027"},
        follow=True,
    )
    assert "decide their new rating" in response.content.decode()


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
