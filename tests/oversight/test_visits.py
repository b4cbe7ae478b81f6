"""Commissioner oversight visits (s16.1, Appendix 4): recording one writes the clock's `oversight_visit` event,
a sit and see shorter than three hours needs a reason, correcting a visit keeps its event in step, and actions
from a visit are in their owner's My work."""

import datetime as dt

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.oversight.visits.models import OversightVisit, VisitAction
from opendsr.register import timeline
from opendsr.register.models import Location, Obligation, TimelineEvent


def admit(person, on=dt.date(2027, 1, 4)):
    timeline.record_event(
        person=person, type="admitted", date=on, data={"setting": "non_secure", "route": "civil"}
    )
    person.location = Location.INPATIENT
    person.save()
    return person


@pytest.fixture
def inpatient(make_person, team, case_manager):
    return admit(
        make_person(team=team, case_manager=case_manager, given_name="Ines", family_name="Inpatient")
    )


def visit_data(**overrides):
    data = {
        "visited_on_day": "22",
        "visited_on_month": "2",
        "visited_on_year": "2027",
        "visitors": "Sam Patel, commissioner",
        "place": "Oakwood Hospital, Ward 3",
        "length_hours": "3",
        "length_minutes": "15",
        "sit_and_see": "yes",
        "shorter_because": "",
        "environment": "Calm welcome; visiting times on display.",
        "safety": "Clean, medicines locked away.",
        "caring": "Staff knew Ines well.",
        "organised": "Calm at handover.",
        "anything_else": "",
    }
    data.update(overrides)
    return data


def new_url(person):
    return f"/work/people/{person.pk}/visits/new/"


def test_the_visit_form_asks_the_appendix_4_questions(login, case_manager, inpatient):
    page = login(case_manager).get(new_url(inpatient) + "?sit_and_see=yes").content.decode()
    for heading in (
        "The environment",
        "Is it safe?",
        "Is it caring and involving?",
        "Is it well organised and calm?",
        "Anything else",
    ):
        assert heading in page
    assert "How long did the visit last?" in page
    assert 'name="sit_and_see" type="radio" value="yes" checked' in page


def test_recording_a_sit_and_see_visit_writes_the_event_and_shows_the_notes(login, case_manager, inpatient):
    client = login(case_manager)
    response = client.post(new_url(inpatient), visit_data())
    visit = OversightVisit.objects.get(person=inpatient)
    assert response.status_code == 302 and response["Location"] == f"/work/visits/{visit.pk}/"
    event = TimelineEvent.objects.get(person=inpatient, type="oversight_visit")
    assert event.data == {"sit_and_see": True} and event.source == f"visit:{visit.pk}"
    assert event.date == dt.date(2027, 2, 22)
    # The clock's next visit runs from this one: 8 weeks for an adult.
    assert Obligation.objects.get(person=inpatient, kind="oversight_visit", is_open=True).due == dt.date(
        2027, 4, 19
    )
    page = client.get(response["Location"]).content.decode()
    assert "Sit-and-see visit on 22 February 2027" in page
    assert "The sit-and-see visit to Ines Inpatient on 22 February 2027 is recorded." in page
    assert "3 hours 15 minutes" in page
    assert "Staff knew Ines well." in page
    assert "Due 19 April 2027" in page
    assert AuditEvent.objects.filter(action="visit.recorded", person=inpatient).exists()


def test_a_short_sit_and_see_is_refused_without_a_reason_and_nothing_is_saved(login, case_manager, inpatient):
    response = login(case_manager).post(new_url(inpatient), visit_data(length_hours="1", length_minutes="30"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert (
        "A sit-and-see visit should last at least 3 hours (Appendix 4). This one lasted 1 hour 30 minutes"
        in page
    )
    assert 'href="#id_shorter_because"' in page
    assert "Calm welcome; visiting times on display." in page  # what was typed is kept
    assert not OversightVisit.objects.exists()
    assert not TimelineEvent.objects.filter(type="oversight_visit").exists()


def test_a_short_sit_and_see_with_a_reason_is_kept_and_flagged(login, case_manager, inpatient):
    client = login(case_manager)
    response = client.post(
        new_url(inpatient),
        visit_data(
            length_hours="2", length_minutes="0", shorter_because="A fire alarm ended the visit early."
        ),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Shorter than a sit and see should be" in page
    assert "A fire alarm ended the visit early." in page


def test_bad_input_names_each_field_and_saves_nothing(login, case_manager, inpatient):
    response = login(case_manager).post(
        new_url(inpatient),
        visit_data(
            visited_on_day="31", visited_on_month="2", visitors="", length_hours="", length_minutes=""
        ),
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Date of the visit must be a real date" in page
    assert "Enter who visited" in page
    assert not OversightVisit.objects.exists()


def test_a_visit_to_someone_not_in_hospital_is_refused(login, case_manager, person):
    response = login(case_manager).post(new_url(person), visit_data())
    page = response.content.decode()
    assert f"{person.full_name} was not in hospital on 22 February 2027" in page
    assert not OversightVisit.objects.exists()


def test_correcting_a_visit_keeps_its_event_in_step(login, case_manager, inpatient):
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data(sit_and_see="no"))
    visit = OversightVisit.objects.get()
    response = client.post(
        f"/work/visits/{visit.pk}/edit/", visit_data(visited_on_day="24", sit_and_see="yes")
    )
    assert response.status_code == 302
    standing = TimelineEvent.objects.filter(person=inpatient, type="oversight_visit", voided_at__isnull=True)
    assert [(e.date, e.data) for e in standing] == [(dt.date(2027, 2, 24), {"sit_and_see": True})]
    assert TimelineEvent.objects.filter(source=f"visit:{visit.pk}", voided_at__isnull=False).count() == 1
    visit.refresh_from_db()
    assert visit.history.count() == 2


def test_the_record_an_event_page_sends_oversight_visits_to_the_visit_form(login, case_manager, inpatient):
    client = login(case_manager)
    chooser = client.get(f"/work/people/{inpatient.pk}/events/new/").content.decode()
    assert 'value="oversight_visit"' not in chooser
    assert "A commissioner oversight visit, including a sit-and-see observation" in chooser
    response = client.get(f"/work/people/{inpatient.pk}/events/new/?type=oversight_visit")
    assert response["Location"] == new_url(inpatient)


def test_the_oversight_visit_due_in_my_work_links_to_the_visit_form(login, case_manager, inpatient):
    page = login(case_manager).get("/work/?show=caseload").content.decode()
    assert "Commissioner oversight visit" in page
    assert f'href="{new_url(inpatient)}">Record the visit' in page


# ------------------------------------------------------------------------------------------- actions


def test_an_action_from_a_visit_is_in_its_owners_my_work_and_not_someone_elses(
    login, make_user, case_manager, inpatient
):
    commissioner = make_user(
        Role.PROFESSIONAL, first_name="Cora", last_name="Commissioner", team=inpatient.team
    )
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data())
    visit = OversightVisit.objects.get()
    form = client.get(f"/work/visits/{visit.pk}/actions/new/").content.decode()
    assert "Cora Commissioner" in form
    response = client.post(
        f"/work/visits/{visit.pk}/actions/new/",
        {
            "text": "Fix the bathroom light",
            "owner": commissioner.pk,
            "due_day": "15",
            "due_month": "3",
            "due_year": "2027",
        },
    )
    assert response.status_code == 302
    action = VisitAction.objects.get()
    work = login(commissioner).get("/work/").content.decode()
    assert "Visit action: Fix the bathroom light" in work
    assert f"/work/visit-actions/{action.pk}/" in work
    assert "From the oversight visit on 22 February 2027 (owner: Cora Commissioner)" in work
    mine = login(case_manager).get("/work/?show=caseload").content.decode()
    assert "Fix the bathroom light" not in mine


def test_closing_an_action_takes_it_out_of_my_work(login, make_user, case_manager, inpatient):
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data())
    visit = OversightVisit.objects.get()
    client.post(
        f"/work/visits/{visit.pk}/actions/new/",
        {
            "text": "Fix the light",
            "owner": case_manager.pk,
            "due_day": "15",
            "due_month": "3",
            "due_year": "2027",
        },
    )
    action = VisitAction.objects.get()
    assert "Visit action: Fix the light" in client.get("/work/?show=caseload").content.decode()
    response = client.post(f"/work/visit-actions/{action.pk}/", {"status": "done", "outcome_note": "Fixed."})
    assert response.status_code == 302
    assert "Visit action: Fix the light" not in client.get("/work/?show=caseload").content.decode()
    assert "Done on 1 March 2027" in client.get(f"/work/visits/{visit.pk}/").content.decode()


def test_an_action_without_an_owner_or_date_is_refused(login, case_manager, inpatient):
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data())
    visit = OversightVisit.objects.get()
    page = client.post(f"/work/visits/{visit.pk}/actions/new/", {"text": "Something"}).content.decode()
    assert "<title>Error: " in page
    assert "Select who owns it" in page or "Select who owns the action" in page
    assert not VisitAction.objects.exists()


def test_an_action_owner_from_another_icb_is_refused(login, case_manager, inpatient, other_icb):
    from tests.factories import UserFactory

    stranger = UserFactory(role=Role.CASE_MANAGER, icb=other_icb)
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data())
    visit = OversightVisit.objects.get()
    page = client.post(
        f"/work/visits/{visit.pk}/actions/new/",
        {"text": "Something", "owner": stranger.pk, "due_day": "15", "due_month": "3", "due_year": "2027"},
    ).content.decode()
    assert "There is a problem" in page
    assert not VisitAction.objects.exists()


# ------------------------------------------------------------------------------------------- the schedule


def test_the_person_page_shows_the_next_visit_due_from_the_clock(login, case_manager, inpatient):
    page = login(case_manager).get(f"/people/{inpatient.pk}/").content.decode()
    assert "Oversight visits" in page
    assert "Next oversight visit" in page
    assert "Due 1 March 2027" in page  # 8 weeks after the admission on 4 January
    assert "No visit recorded" in page


def test_a_planned_cetr_without_a_sit_and_see_is_warned_of(login, case_manager, inpatient):
    Obligation.objects.create(
        person=inpatient,
        kind="sit_and_see",
        raised_on=dt.date(2027, 2, 20),
        due=dt.date(2027, 3, 20),
        basis="s16.1: a sit and see before the planned C(E)TR",
    )
    client = login(case_manager)
    person_page = client.get(f"/people/{inpatient.pk}/").content.decode()
    assert "No sit-and-see visit before the planned C(E)TR" in person_page
    assert "A C(E)TR is planned for 20 March 2027" in person_page
    assert f"{new_url(inpatient)}?sit_and_see=yes" in person_page
    schedule = client.get("/work/visits/?show=sit_and_see").content.decode()
    assert "Ines Inpatient" in schedule and "No sit-and-see visit yet" in schedule


def test_the_icb_schedule_lists_who_is_due_a_visit_soonest_first(login, lead, make_person, inpatient, today):
    admit(make_person(given_name="Lou", family_name="Later"), on=dt.date(2027, 2, 1))
    page = login(lead).get("/work/visits/").content.decode()
    assert "2 people" in page
    assert page.index("Ines Inpatient") < page.index("Lou Later")
    assert "29 March 2027" in page  # Lou: 8 weeks after 1 February


def test_the_icb_schedule_has_an_empty_state(login, lead):
    page = login(lead).get("/work/visits/").content.decode()
    assert "Nobody in hospital is due an oversight visit." in page


def test_the_schedule_does_not_show_another_icbs_people(login, lead, other_icb):
    from tests.factories import PersonFactory

    admit(PersonFactory(icb=other_icb, given_name="Far", family_name="Away"))
    page = login(lead).get("/work/visits/").content.decode()
    assert "Far Away" not in page


def test_a_sit_and_see_visit_after_a_planned_cetr_meets_the_sit_and_see(login, case_manager, inpatient):
    timeline.record_event(
        person=inpatient, type="cetr_planned", date=dt.date(2027, 2, 15), data={"planned_date": "2027-03-20"}
    )
    assert Obligation.objects.get(person=inpatient, kind="sit_and_see", is_open=True).due == dt.date(
        2027, 3, 20
    )
    client = login(case_manager)
    client.post(new_url(inpatient), visit_data())
    sit_and_see = Obligation.objects.get(person=inpatient, kind="sit_and_see")
    assert sit_and_see.met_on == dt.date(2027, 2, 22)
    page = client.get(f"/people/{inpatient.pk}/").content.decode()
    assert "No sit-and-see visit before the planned C(E)TR" not in page
    assert "sit-and-see visit on 22 February 2027, before the C(E)TR planned for 20 March 2027" in page


def test_the_sit_and_see_due_in_my_work_and_the_icb_view_links_to_a_sit_and_see_visit(
    login, lead, case_manager, inpatient
):
    timeline.record_event(
        person=inpatient, type="cetr_planned", date=dt.date(2027, 2, 15), data={"planned_date": "2027-03-20"}
    )
    link = f'href="{new_url(inpatient)}?sit_and_see=yes">Record the sit-and-see visit'
    work = login(case_manager).get("/work/?show=caseload").content.decode()
    assert "Sit-and-see visit before the planned C(E)TR" in work
    assert link in work
    assert link in login(lead).get("/work/icb/").content.decode()
