"""The stored obligations: the same whether worked out for one person or for the whole register."""

import datetime as dt

from django.test import RequestFactory

from opendsr.oversight.panels import person_panels
from opendsr.register import obligations, timeline
from opendsr.register.models import Obligation


def stored(person):
    return sorted(
        Obligation.objects.filter(person=person).values_list("kind", "due", "met_on", "is_open"),
        key=lambda row: (row[0], row[1] or dt.date.max),
    )


def test_recomputing_the_register_gives_what_each_change_stored(make_person):
    child = make_person(date_of_birth=dt.date(2012, 1, 1))
    adult = make_person(date_of_birth=dt.date(1980, 1, 1), has_unpaid_carer=True)
    timeline.record_event(
        person=child, type="admitted", date=dt.date(2027, 1, 4), data={"setting": "secure", "route": "civil"}
    )
    timeline.record_event(person=adult, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "amber"})
    before = {p.pk: stored(p) for p in (child, adult)}
    Obligation.objects.all().delete()
    totals = obligations.recompute_all()
    assert totals["people_changed"] == 2
    assert {p.pk: stored(p) for p in (child, adult)} == before


def test_a_changed_fact_changes_what_is_due_once_refreshed(make_person):
    person = make_person(date_of_birth=dt.date(2008, 6, 1))  # 18 on admission: the adult pathway
    timeline.record_event(
        person=person,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "non_secure", "route": "civil"},
    )
    assert Obligation.objects.get(person=person, kind="post_admission_cetr").due == dt.date(2027, 2, 1)
    person.has_ehcp = True  # with an EHCP, the children and young people's pathway to 25 (Table 2)
    person.save()
    change = obligations.refresh_for(person)
    assert change.changed
    assert Obligation.objects.get(person=person, kind="post_admission_cetr").due == dt.date(2027, 1, 18)
    assert not obligations.refresh_for(person).changed


def test_a_voided_event_no_longer_counts(make_person):
    person = make_person()
    event = timeline.record_event(
        person=person, type="referral_received", date=dt.date(2027, 2, 1), data={"source": "self"}
    )
    assert Obligation.objects.filter(person=person, kind="acknowledge_referral", is_open=True).exists()
    timeline.void_event(event=event, reason="Duplicate")
    assert not Obligation.objects.filter(person=person).exists()


def test_the_person_page_panel_shows_met_due_and_overdue_with_citations(make_person, case_manager):
    person = make_person(date_of_birth=dt.date(2012, 1, 1), given_name="Pat", family_name="Panel")
    timeline.record_event(
        person=person,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "secure", "route": "civil"},
        by=case_manager,
    )
    timeline.record_event(
        person=person,
        type="cetr_held",
        date=dt.date(2027, 1, 12),
        data={"kind": "post_admission"},
        by=case_manager,
    )
    request = RequestFactory().get("/")
    request.user = case_manager
    html = "".join(person_panels(request, person))
    assert "Post-admission C(E)TR" in html and "Met on 12 January 2027" in html
    assert "Commissioner oversight visit" in html and "Overdue" in html  # due 15 February 2027
    assert "Table 2" in html and "s16.1" in html
    assert "Admitted to a mental health hospital" in html and "Carl Case" in html
    assert f"/work/people/{person.pk}/events/new/" in html
