"""The local area emergency protocol (LAEP) meeting (s14.1, Appendix 8) as the people who call one record it:
the meeting, the questions, the options and preference list, out-of-area approval, the outcome and the plan.
It is on the person's timeline as `laep_held`, and it never counts as a C(E)TR."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.accounts.models import AuditEvent, Role
from opendsr.oversight.services import record_timeline_event
from opendsr.register.models import Obligation, TimelineEvent
from opendsr.reviews.models import Laep
from opendsr.reviews.services.laep import record_laep, update_laep

pytestmark = pytest.mark.django_db


def laep_values(**changes):
    values = {
        "held_on": dt.date(2027, 2, 22),
        "called_by": "Ola Bright, community nurse",
        "chair": "Chris Commissioner, NHS Test ICB",
        "attended": ["person", "family", "community_nurse", "commissioner"],
        "attendees": "Their mother; Ola Bright; Chris Commissioner",
        "answers": {
            "views": "They want to stay at home; their mother is exhausted.",
            "reason_for_admission": "Two nights of self-injury",
        },
        "options_considered": ["home", "local_non_inpatient", "local_inpatient"],
        "options_notes": "Extra night staff at home could work this week.",
        "preference_1": "home",
        "preference_2": "local_non_inpatient",
        "preference_3": "",
        "outcome": "admission_avoided",
        "updated_plan": "Waking night staff for two weeks; crisis team visits daily.",
        "lead_professional": "Ola Bright",
    }
    values.update(changes)
    return values


def _live(person):
    return list(
        TimelineEvent.objects.filter(person=person, type="laep_held", voided_at__isnull=True).values_list(
            "date", "source"
        )
    )


def test_a_laep_is_on_the_timeline_and_a_new_date_replaces_it(person, case_manager):
    laep = record_laep(person=person, by=case_manager, **laep_values())
    assert _live(person) == [(dt.date(2027, 2, 22), f"laep:{laep.pk}")]
    assert laep.answers == {
        "views": "They want to stay at home; their mother is exhausted.",
        "reason_for_admission": "Two nights of self-injury",
    }
    update_laep(laep=laep, by=case_manager, **laep_values(held_on=dt.date(2027, 2, 21)))
    assert _live(person) == [(dt.date(2027, 2, 21), f"laep:{laep.pk}")]
    assert laep.history.count() == 2
    assert AuditEvent.objects.filter(action="laep.changed", person=person).exists()


def test_admitted_after_a_laep_a_post_admission_cetr_is_still_due(make_person, case_manager):
    adult = make_person(date_of_birth=dt.date(1990, 6, 1))
    record_laep(person=adult, by=case_manager, **laep_values(outcome="admitted"))
    record_timeline_event(
        person=adult,
        by=case_manager,
        type="admitted",
        date=dt.date(2027, 2, 23),
        data={"setting": "non_secure", "route": "civil"},
    )
    due = Obligation.objects.get(person=adult, kind="post_admission_cetr")
    assert due.is_open and due.due == dt.date(2027, 3, 23)  # 20 working days: the LAEP did not meet it


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"preference_2": "out_of_area"}, "out_of_area_approved_by"),
        ({"preference_1": "local_inpatient", "preference_2": ""}, "why_not_home"),
        ({"attended": ["family", "commissioner"]}, "how_person_was_heard"),
        ({"preference_2": "home"}, "preference_2"),
        ({"preference_1": "out_of_area"}, "preference_1"),  # not among the options considered
        ({"answers": {}}, "answers"),
        ({"outcome": "other"}, "outcome_details"),
        ({"held_on": dt.date(2027, 3, 2)}, "held_on"),
    ],
)
def test_what_appendix_8_asks_for_is_checked_and_nothing_is_saved_half_way(
    person, case_manager, changes, field
):
    with pytest.raises(ValidationError) as refused:
        record_laep(person=person, by=case_manager, **laep_values(**changes))
    assert field in refused.value.message_dict
    assert not Laep.objects.exists()
    assert _live(person) == []


def test_an_out_of_area_placement_is_kept_with_the_commissioners_time_limited_approval(person, case_manager):
    laep = record_laep(
        person=person,
        by=case_manager,
        **laep_values(
            options_considered=["home", "local_inpatient", "out_of_area"],
            preference_1="home",
            preference_2="local_inpatient",
            preference_3="out_of_area",
            out_of_area_approved_by="Chris Commissioner",
            out_of_area_approved_on=dt.date(2027, 2, 22),
            out_of_area_reason="No local bed with the specialist support needed",
            out_of_area_until=dt.date(2027, 4, 22),
        ),
    )
    assert (laep.preferences, laep.out_of_area_until) == (
        ["home", "local_inpatient", "out_of_area"],
        dt.date(2027, 4, 22),
    )


# ------------------------------------------------------------------------------------------------- pages


def form_data(**changes):
    data = {
        "held_on_day": "22",
        "held_on_month": "2",
        "held_on_year": "2027",
        "called_by": "Ola Bright, community nurse",
        "chair": "Chris Commissioner",
        "attended": ["person", "family", "commissioner"],
        "answer_views": "They want to stay at home.",
        "answer_reason_for_admission": "Two nights of self-injury",
        "options_considered": ["home", "local_inpatient"],
        "preference_1": "home",
        "preference_2": "local_inpatient",
        "outcome": "admission_avoided",
        "updated_plan": "Waking night staff for two weeks.",
        "lead_professional": "Ola Bright",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_case_manager_records_a_laep_and_finds_it_on_the_person_page(person, case_manager, login):
    client = login(case_manager)
    record_page = client.get(f"/work/people/{person.pk}/events/new/?type=laep_held")
    assert record_page.status_code == 302 and record_page.url == f"/reviews/people/{person.pk}/laeps/new/"

    posted = client.post(f"/reviews/people/{person.pk}/laeps/new/", form_data())
    laep = Laep.objects.get(person=person)
    assert posted.status_code == 302 and posted.url == f"/reviews/laeps/{laep.pk}/"
    page = client.get(posted.url).content.decode()
    assert "They want to stay at home." in page and "Ola Bright" in page
    assert "Support at home, with the help they need there" in page
    assert f"/reviews/laeps/{laep.pk}/" in client.get(f"/people/{person.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="laep.viewed", person=person).exists()


def test_a_laep_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(person, case_manager, login):
    client = login(case_manager)
    response = client.post(
        f"/reviews/people/{person.pk}/laeps/new/",
        form_data(attended=["family"], preference_1="local_inpatient", preference_2="", chair=None),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "nhsuk-error-summary" in html
    assert "Enter who chaired the meeting" in html
    assert "They want to stay at home." in html  # kept
    assert not Laep.objects.exists()
    # With the form's own fields right, the service's checks are shown the same way.
    response = client.post(
        f"/reviews/people/{person.pk}/laeps/new/",
        form_data(attended=["family"], preference_1="local_inpatient", preference_2=""),
    )
    html = response.content.decode()
    assert "as they did not take part" in html
    assert "Say why support at home cannot work now" in html
    assert not Laep.objects.exists()


def test_a_form_with_no_question_answered_points_at_the_first_question(person, case_manager, login):
    client = login(case_manager)
    html = client.post(
        f"/reviews/people/{person.pk}/laeps/new/",
        form_data(answer_views="", answer_reason_for_admission=""),
    ).content.decode()
    assert 'href="#id_answer_understanding_me"' in html
    assert "Record the answer to at least one of the questions" in html


def test_a_panel_member_cannot_open_a_laep(person, case_manager, make_user, login):
    laep = record_laep(person=person, by=case_manager, **laep_values())
    panel_member = make_user(Role.PANEL_MEMBER)
    assert login(panel_member).get(f"/reviews/laeps/{laep.pk}/").status_code in (403, 404)
