"""Recording through the API goes through the same services as the pages: the clock recomputes what is owed,
the policy's date rules apply, and bad input is refused with a clear message, never a server error."""

import datetime as dt

from opendsr.accounts.models import AuditEvent
from opendsr.api.models import Scope
from opendsr.policy import Kind
from opendsr.referrals.models import Referral
from opendsr.register.models import Obligation, Person, TimelineEvent
from opendsr.register.timeline import record_event

RATED = dt.date(2027, 1, 10)


def _rated_amber(person):
    record_event(person=person, type="stratified", date=RATED, data={"rating": "amber"})
    return Obligation.objects.get(person=person, kind=Kind.MDT_OR_CETR)


def test_recording_a_meeting_meets_what_the_clock_asked_for(db, lead, person, api_as):
    owed = _rated_amber(person)
    assert owed.is_open and owed.met_on is None
    api = api_as(lead)
    before = {o["kind"]: o for o in api.get(f"/people/{person.pk}/obligations").json()}
    assert before[Kind.MDT_OR_CETR]["met_on"] is None

    response = api.post(
        f"/people/{person.pk}/events", {"type": "mdt_held", "date": "2027-02-01", "notes": "Met"}
    )
    assert response.status_code == 201
    assert response.json()["label"] and response.json()["notes"] == "Met"
    after = {o["kind"]: o for o in api.get(f"/people/{person.pk}/obligations").json()}
    assert after[Kind.MDT_OR_CETR]["met_on"] == "2027-02-01"
    assert after[Kind.MDT_OR_CETR]["status"] == "met"
    event = TimelineEvent.objects.get(person=person, type="mdt_held")
    assert event.recorded_by == lead
    assert AuditEvent.objects.filter(action="timeline.event_recorded", person=person, user=lead).exists()
    assert [e["type"] for e in api.get(f"/people/{person.pk}/events").json()] == ["stratified", "mdt_held"]


def test_dates_follow_the_policys_rules(db, lead, person, api_as):
    api = api_as(lead)
    future = api.post(f"/people/{person.pk}/events", {"type": "mdt_held", "date": "2027-03-02"})
    assert future.status_code == 422
    assert "must be today or in the past" in future.json()["detail"][0]["msg"]
    unborn = api.post(f"/people/{person.pk}/events", {"type": "mdt_held", "date": "1990-01-01"})
    assert unborn.status_code == 422 and "date of birth" in unborn.json()["detail"][0]["msg"]
    impossible = api.post(f"/people/{person.pk}/events", {"type": "mdt_held", "date": "2027-02-30"})
    assert impossible.status_code == 422
    assert not TimelineEvent.objects.filter(person=person).exists()


def test_bad_input_is_refused_clearly(db, lead, person, api_as):
    api = api_as(lead)
    for body in (
        {"type": "stratified", "date": "2027-02-01"},  # a rating is a record of its own
        {"type": "mdt_held"},
        {"type": "mdt_held", "date": "2027-02-01", "notes": "x" * 2001},
        {"type": "mdt_held", "date": "2027-02-01", "notes": "a\x00b"},
        {"type": "diagnosis_removal_proposed", "date": "2027-02-01"},
    ):
        response = api.post(f"/people/{person.pk}/events", body)
        assert response.status_code == 422, body
        assert response.json()["detail"], body
    not_json = api.client.post(
        f"/api/v1/people/{person.pk}/events",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.secret}"},
    )
    assert not_json.status_code in (400, 422)
    assert not TimelineEvent.objects.filter(person=person).exists()


def test_a_referral_for_someone_on_the_register_raises_what_the_clock_asks(db, lead, person, api_as):
    api = api_as(lead, [Scope.RECORD_REFERRALS, Scope.READ])
    response = api.post(
        "/referrals",
        {
            "person_id": person.pk,
            "received_on": "2027-02-20",
            "source": "self",
            "channel": "email",
            "reason": "Their placement is at risk of breaking down",
            "referrer_email": "someone@example.org",
        },
    )
    assert response.status_code == 201
    referral = Referral.objects.get(pk=response.json()["id"])
    assert referral.person == person and referral.recorded_by == lead
    assert TimelineEvent.objects.filter(person=person, type="referral_received", source=referral.source_ref)
    assert Obligation.objects.filter(person=person).exists()  # the clock ran


def test_a_referral_for_someone_new_adds_them(db, lead, api_as):
    api = api_as(lead, [Scope.RECORD_REFERRALS])
    body = {
        "person": {
            "given_name": "Sam",
            "family_name": "Newperson",
            "date_of_birth": "2004-05-06",
            "diagnosis": "autistic",
        },
        "received_on": "2027-02-20",
        "source": "self",
        "channel": "phone",
        "reason": "Needs support",
    }
    response = api.post("/referrals", body)
    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["person_id"])
    assert person.full_name == "Sam Newperson" and person.icb == lead.icb
    again = api.post("/referrals", body)  # the same person again: a possible duplicate
    assert again.status_code == 422 and "may already be on the register" in str(again.json()["detail"])


def test_a_referral_is_refused_clearly(db, lead, person, api_as):
    api = api_as(lead, [Scope.RECORD_REFERRALS])
    good = {"received_on": "2027-02-20", "source": "self", "channel": "phone", "reason": "Needs support"}
    both_or_neither = api.post("/referrals", good)
    assert both_or_neither.status_code == 422 and "person_id" in both_or_neither.json()["detail"]
    future = api.post("/referrals", {**good, "person_id": person.pk, "received_on": "2027-03-05"})
    assert future.status_code == 422 and "today or in the past" in str(future.json()["detail"])
    bad_email = api.post("/referrals", {**good, "person_id": person.pk, "referrer_email": "not an email"})
    assert bad_email.status_code == 422
    assert not Referral.objects.exists()


def test_obligations_by_queue(db, lead, make_person, api_as, today):
    overdue, later = make_person(), make_person()
    Obligation.objects.create(
        person=overdue,
        kind="keyworker_referral",
        raised_on=today,
        due=today - dt.timedelta(days=3),
        basis="s4",
    )
    Obligation.objects.create(
        person=later, kind="community_cetr", raised_on=today, due=today + dt.timedelta(days=60), basis="s4"
    )
    api = api_as(lead)
    assert [o["person_id"] for o in api.get("/obligations", {"queue": "overdue"}).json()["results"]] == [
        overdue.pk
    ]
    assert api.get("/obligations", {"queue": "overdue"}).json()["results"][0]["status"] == "overdue"
    assert [o["person_id"] for o in api.get("/obligations", {"queue": "later"}).json()["results"]] == [
        later.pk
    ]
    assert api.get("/obligations").json()["count"] == 2
    assert api.get("/obligations", {"queue": "soon"}).status_code == 422
    listed = AuditEvent.objects.filter(action="people.listed", user=lead).order_by("pk").last()
    assert listed.detail["people"] == sorted([overdue.pk, later.pk])
