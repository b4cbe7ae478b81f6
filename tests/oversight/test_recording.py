"""Recording what happened to a person: the event, the person's new situation and what falls due from it."""

import datetime as dt

import pytest

from opendsr.accounts.models import AuditEvent
from opendsr.oversight import services
from opendsr.register.models import Location, Obligation, Rating


def open_obligations(person):
    return {o.kind: o for o in Obligation.objects.filter(person=person, is_open=True)}


@pytest.fixture
def child(make_person, team):
    # 15 on 4 January 2027: the children and young people's pathway.
    return make_person(team=team, date_of_birth=dt.date(2011, 3, 14), current_rating=Rating.RED)


def admit(person, user, on=dt.date(2027, 1, 4), **data):
    return services.record_timeline_event(
        person=person,
        by=user,
        type="admitted",
        date=on,
        data={"setting": "non_secure", "route": "civil", **data},
    )


def test_admission_makes_the_person_a_blue_inpatient_with_a_post_admission_cetr_due(child, case_manager):
    admit(child, case_manager)
    child.refresh_from_db()
    assert child.location == Location.INPATIENT
    assert child.current_rating == Rating.BLUE
    due = open_obligations(child)
    # Table 2: a CETR within 10 working days of admission for a child with no community CETR before.
    assert due["post_admission_cetr"].due == dt.date(2027, 1, 18)
    assert due["oversight_visit"].due == dt.date(2027, 2, 15)
    assert AuditEvent.objects.filter(person=child, action="timeline.event_recorded").count() == 1


def test_an_adult_admission_gives_20_working_days(make_person, case_manager):
    adult = make_person(date_of_birth=dt.date(1990, 5, 1))
    admit(adult, case_manager)
    assert open_obligations(adult)["post_admission_cetr"].due == dt.date(2027, 2, 1)


def test_a_cetr_held_meets_the_post_admission_cetr(child, case_manager):
    admit(child, case_manager)
    services.record_timeline_event(
        person=child,
        by=case_manager,
        type="cetr_held",
        date=dt.date(2027, 1, 14),
        data={"kind": "post_admission"},
    )
    met = Obligation.objects.get(person=child, kind="post_admission_cetr")
    assert met.met_on == dt.date(2027, 1, 14)
    assert not met.is_open
    assert open_obligations(child)["cetr_report"].due == dt.date(2027, 1, 28)


def test_discharge_ends_the_admission_obligations_and_clears_blue(child, case_manager):
    admit(child, case_manager)
    services.record_timeline_event(
        person=child, by=case_manager, type="discharged", date=dt.date(2027, 1, 20)
    )
    child.refresh_from_db()
    assert child.location == Location.COMMUNITY
    assert child.current_rating == ""
    still_open = open_obligations(child)
    assert "post_admission_cetr" not in still_open
    assert "oversight_visit" not in still_open


def test_a_discharge_is_refused_when_the_person_is_not_in_hospital(child, case_manager):
    with pytest.raises(services.EventError, match="only record a discharge while"):
        services.record_timeline_event(
            person=child, by=case_manager, type="discharged", date=dt.date(2027, 1, 20)
        )
    assert not child.timeline.exists()


def test_a_discharge_before_the_admission_is_refused(child, case_manager):
    admit(child, case_manager)
    with pytest.raises(services.EventError, match="on or after the admission on 4 January 2027"):
        services.record_timeline_event(
            person=child, by=case_manager, type="discharged", date=dt.date(2027, 1, 2)
        )


def test_a_second_admission_while_in_hospital_is_refused(child, case_manager):
    admit(child, case_manager)
    with pytest.raises(services.EventError, match="already an inpatient"):
        admit(child, case_manager, on=dt.date(2027, 1, 10))
    assert child.timeline.count() == 1


def test_voiding_a_mistaken_admission_puts_the_person_back_and_removes_what_it_raised(child, case_manager):
    event = admit(child, case_manager)
    services.void_timeline_event(event=event, by=case_manager, reason="Wrong person")
    child.refresh_from_db()
    event.refresh_from_db()
    assert event.voided_at is not None and event.voided_reason == "Wrong person"
    assert child.location == Location.COMMUNITY
    assert "post_admission_cetr" not in open_obligations(child)
    assert child.timeline.count() == 1  # kept, struck through, never deleted
    assert AuditEvent.objects.filter(person=child, action="timeline.event_voided").exists()


def test_an_event_another_record_owns_cannot_be_voided_here(child, case_manager):
    from opendsr.register import timeline

    event = timeline.record_event(
        person=child,
        type="referral_received",
        date=dt.date(2027, 1, 4),
        data={"source": "family"},
        source="referral:1",
    )
    with pytest.raises(services.EventError, match="belongs to another record"):
        services.void_timeline_event(event=event, by=case_manager, reason="Mistake")
