"""Writes to the inpatient record: each keeps the person, the timeline and the clock in step, and refuses what
cannot be right without saving anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.inpatients import queries, services
from opendsr.inpatients.models import Admission, DischargePlanItem, MentalHealthActStatus, RestrictiveEpisode
from opendsr.oversight.services import record_timeline_event
from opendsr.policy.restricted_patients import RESTRICTED_SECTIONS
from opendsr.register.models import Obligation
from opendsr.register.services.rating import record_rating
from tests.inpatients.helpers import ADMITTED_ON, admission_answers

pytestmark = pytest.mark.django_db


def live(person, type_):
    return list(person.timeline.filter(type=type_, voided_at__isnull=True))


def admit(person, by, **changes):
    return services.record_admission(person=person, by=by, **admission_answers(**changes))


def test_an_admission_makes_them_blue_writes_admitted_and_starts_a_12_point_plan(person, case_manager):
    record_rating(
        person=person, by=case_manager, rating="red", decided_on=dt.date(2027, 1, 10), rationale="Risk"
    )
    admission = admit(person, case_manager, route="criminal_justice")
    person.refresh_from_db()
    assert (person.location, person.current_rating, person.rating_decided_on) == (
        "inpatient",
        "blue",
        ADMITTED_ON,
    )
    [event] = live(person, "admitted")
    assert event.source == f"admission:{admission.pk}"
    assert event.data == {"setting": "non_secure", "route": "criminal_justice"}
    assert (admission.on_register_before, admission.rating_before) == (True, "red")
    assert admission.provider_ods_code == "RX4"
    assert admission.mha_since == ADMITTED_ON
    assert [i.point for i in admission.plan_items.all()][:3] == ["1", "2", "3"]
    assert admission.plan_items.count() == 18
    assert Obligation.objects.filter(person=person, kind="post_admission_cetr", is_open=True).exists()


def test_a_community_cetr_in_the_six_months_before_is_read_from_the_timeline(person, case_manager):
    record_timeline_event(
        person=person,
        by=case_manager,
        type="cetr_held",
        date=dt.date(2026, 11, 1),
        data={"kind": "community"},
    )
    admission = admit(person, case_manager, review_before="neither")
    assert admission.review_before == "cetr"


def test_a_bare_admission_on_the_timeline_is_taken_over_and_counted_once(person, case_manager):
    bare = record_timeline_event(
        person=person,
        by=case_manager,
        type="admitted",
        date=dt.date(2027, 1, 20),
        data={"setting": "secure", "route": "civil"},
    )
    assert queries.unrecorded_admission(person) == bare
    admission = admit(person, case_manager, admitted_on=dt.date(2027, 1, 20), setting="secure")
    [event] = live(person, "admitted")
    assert event.source == f"admission:{admission.pk}"
    bare.refresh_from_db()
    assert bare.voided_reason == "Recorded in full on the inpatient record"
    assert queries.unrecorded_admission(person) is None


def test_bad_admission_answers_are_all_reported_and_nothing_is_saved(person, case_manager):
    with pytest.raises(ValidationError) as refused:
        admit(
            person,
            case_manager,
            hospital="",
            provider_ods_code="R X4!",
            mha_status="other",
            delayed_discharge=True,
            expected_discharge_on=dt.date(2027, 1, 1),
        )
    problems = refused.value.message_dict
    assert problems["hospital"] == ["Enter the name of the hospital"]
    assert "ODS code" in problems["provider_ods_code"][0]
    assert problems["mha_other"] == ["Enter which section of the Mental Health Act"]
    assert problems["delay_barriers"] == ["Select what is delaying the discharge"]
    assert "expected discharge date" in problems["expected_discharge_on"][0]
    assert not Admission.objects.exists() and not person.timeline.exists()
    person.refresh_from_db()
    assert person.location == "community"


def test_a_second_admission_while_in_hospital_is_refused(person, case_manager):
    admit(person, case_manager)
    with pytest.raises(ValidationError, match="already in hospital"):
        admit(person, case_manager)
    assert Admission.objects.count() == 1


def test_a_restricted_section_makes_them_a_restricted_patient(person, case_manager):
    admit(person, case_manager, mha_status="s37_41")
    person.refresh_from_db()
    assert person.moj_restricted


def test_the_sections_the_inpatient_record_offers_with_restrictions_are_the_policys_restricted_ones():
    with_restrictions = {
        status.value for status in MentalHealthActStatus if "with restrictions" in status.label
    }
    assert with_restrictions == RESTRICTED_SECTIONS


def test_a_move_keeps_one_admission_with_where_they_were(person, case_manager):
    admission = admit(person, case_manager)
    moved = services.record_transfer(
        admission=admission,
        by=case_manager,
        moved_on=dt.date(2027, 2, 10),
        hospital="Castlegate Hospital",
        provider="Northdale Forensic Services",
        ward="Kestrel ward",
        setting="secure",
    )
    admission.refresh_from_db()
    assert (admission.hospital, admission.setting) == ("Castlegate Hospital", "secure")
    assert (moved.from_hospital, moved.from_setting) == ("Fenwick House", "non_secure")
    [event] = live(person, "transferred")
    assert event.data == {"setting": "secure"} and event.source == f"transfer:{moved.pk}"
    assert Admission.objects.count() == 1
    assert Obligation.objects.get(person=person, kind="transfer_cetr").due == dt.date(2027, 3, 24)


def test_a_move_before_the_admission_is_refused(person, case_manager):
    admission = admit(person, case_manager)
    with pytest.raises(ValidationError) as refused:
        services.record_transfer(
            admission=admission,
            by=case_manager,
            moved_on=dt.date(2027, 1, 10),
            hospital="Castlegate Hospital",
            provider="Northdale Forensic Services",
            setting="secure",
        )
    assert "of admission" in refused.value.message_dict["moved_on"][0]
    assert not live(person, "transferred")


def test_an_inadequate_ward_writes_ward_rated_inadequate(person, case_manager):
    admission = admit(person, case_manager)
    rating = services.record_ward_rating(
        admission=admission, by=case_manager, rated_on=dt.date(2027, 2, 15), ward="Willow ward"
    )
    [event] = live(person, "ward_rated_inadequate")
    assert event.source == f"ward-rating:{rating.pk}" and event.date == dt.date(2027, 2, 15)


def test_long_term_segregation_writes_started_and_ended_and_seclusion_writes_nothing(person, case_manager):
    admission = admit(person, case_manager)
    seclusion = services.record_episode(
        admission=admission,
        by=case_manager,
        kind="seclusion",
        started_on=dt.date(2027, 2, 3),
        reported_by="Ward",
    )
    assert seclusion.pk and not live(person, "segregation_started")
    lts = services.record_episode(
        admission=admission,
        by=case_manager,
        kind="lts",
        started_on=dt.date(2027, 2, 20),
        reported_by="Ward manager",
    )
    [started] = live(person, "segregation_started")
    assert (started.date, started.source) == (dt.date(2027, 2, 20), f"segregation:{lts.pk}")
    assert not live(person, "segregation_ended")
    services.update_episode(
        episode=lts,
        by=case_manager,
        started_on=dt.date(2027, 2, 20),
        ended_on=dt.date(2027, 2, 23),
        reported_by="Ward manager",
    )
    assert [e.date for e in live(person, "segregation_started")] == [dt.date(2027, 2, 20)]
    assert [e.date for e in live(person, "segregation_ended")] == [dt.date(2027, 2, 23)]


def test_overlapping_long_term_segregation_and_an_end_before_the_start_are_refused(person, case_manager):
    admission = admit(person, case_manager)
    services.record_episode(
        admission=admission, by=case_manager, kind="lts", started_on=dt.date(2027, 2, 20), reported_by="Ward"
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.record_episode(
            admission=admission,
            by=case_manager,
            kind="lts",
            started_on=dt.date(2027, 2, 25),
            reported_by="Ward",
        )
    with pytest.raises(ValidationError) as refused:
        services.record_episode(
            admission=admission,
            by=case_manager,
            kind="seclusion",
            started_on=dt.date(2027, 2, 25),
            ended_on=dt.date(2027, 2, 24),
            reported_by="Ward",
        )
    assert "ended" in refused.value.message_dict["ended_on"][0]
    assert RestrictiveEpisode.objects.count() == 1


def test_a_plan_point_in_progress_needs_an_owner(person, case_manager):
    admission = admit(person, case_manager)
    item = admission.plan_items.get(point="7")
    with pytest.raises(ValidationError) as refused:
        services.update_plan_item(item=item, by=case_manager, status="in_progress", owner="")
    assert refused.value.message_dict["owner"] == ["Enter who owns this point"]
    services.update_plan_item(
        item=item, by=case_manager, status="in_progress", owner="Housing", target_on=dt.date(2027, 5, 1)
    )
    item.refresh_from_db()
    assert (item.status, item.owner, item.target_on) == ("in_progress", "Housing", dt.date(2027, 5, 1))
    assert item.history.count() == 2
    assert queries.discharge_plan_for(person).in_progress == 1


def test_ministry_of_justice_contact_only_for_restricted_patients(person, case_manager):
    admission = admit(person, case_manager)
    with pytest.raises(ValidationError, match="not a restricted patient"):
        services.record_moj_contact(
            admission=admission,
            by=case_manager,
            contacted_on=dt.date(2027, 2, 5),
            contact="MHCS",
            information_sent="Outcome",
        )
    admission = services.update_admission(
        admission=admission, by=case_manager, **admission_answers(mha_status="s47_49")
    )
    contact = services.record_moj_contact(
        admission=admission,
        by=case_manager,
        contacted_on=dt.date(2027, 2, 5),
        contact="MHCS",
        information_sent="Outcome of the CTR",
    )
    [event] = live(person, "moj_contacted")
    assert event.source == f"moj:{contact.pk}"


def test_correcting_the_admission_date_rewrites_the_admitted_event(person, case_manager):
    admission = admit(person, case_manager)
    services.update_admission(
        admission=admission, by=case_manager, **admission_answers(admitted_on=dt.date(2027, 1, 28))
    )
    assert [e.date for e in live(person, "admitted")] == [dt.date(2027, 1, 28)]


def test_discharge_returns_them_to_the_community_unrated_and_ends_segregation(person, case_manager):
    admission = admit(person, case_manager)
    services.record_episode(
        admission=admission, by=case_manager, kind="lts", started_on=dt.date(2027, 2, 20), reported_by="Ward"
    )
    services.record_discharge(
        admission=admission,
        by=case_manager,
        discharged_on=dt.date(2027, 2, 26),
        discharged_to="supported_living",
        post_discharge_plan="Support from the community team; post-discharge CETR in 4 weeks.",
        follow_up_until=dt.date(2027, 8, 26),
    )
    person.refresh_from_db()
    assert (person.location, person.current_rating) == ("community", "")
    [event] = live(person, "discharged")
    assert event.source == f"discharge:{admission.pk}"
    assert [e.date for e in live(person, "segregation_ended")] == [dt.date(2027, 2, 26)]
    assert DischargePlanItem.objects.get(admission=admission, point="12").status == "done"
    with pytest.raises(ValidationError, match="was discharged"):
        services.record_transfer(
            admission=admission,
            by=case_manager,
            moved_on=dt.date(2027, 2, 27),
            hospital="X",
            provider="Y",
            setting="secure",
        )


def test_a_discharge_needs_a_plan_and_a_review_period_after_it(person, case_manager):
    admission = admit(person, case_manager)
    with pytest.raises(ValidationError) as refused:
        services.record_discharge(
            admission=admission,
            by=case_manager,
            discharged_on=dt.date(2027, 2, 26),
            discharged_to="other",
            post_discharge_plan="",
            follow_up_until=dt.date(2027, 2, 1),
        )
    problems = refused.value.message_dict
    assert set(problems) == {"discharge_details", "post_discharge_plan", "follow_up_until"}
    person.refresh_from_db()
    assert person.location == "inpatient" and not live(person, "discharged")


def test_correcting_a_restricted_section_to_another_ends_them_being_a_restricted_patient(
    person, case_manager
):
    admission = admit(person, case_manager, mha_status="s37_41")
    services.update_admission(admission=admission, by=case_manager, **admission_answers(mha_status="s3"))
    person.refresh_from_db()
    assert not person.moj_restricted
    with pytest.raises(ValidationError, match="not a restricted patient"):
        services.record_moj_contact(
            admission=admission,
            by=case_manager,
            contacted_on=dt.date(2027, 2, 5),
            contact="MHCS",
            information_sent="Outcome",
        )


def test_a_restricted_patient_ticked_on_the_person_stays_one_when_an_unrestricted_admission_is_corrected(
    person, case_manager
):
    person.moj_restricted = True
    person.save()
    admission = admit(person, case_manager, mha_status="s3")
    services.update_admission(
        admission=admission, by=case_manager, **admission_answers(ward="Rowan ward", mha_status="s2")
    )
    person.refresh_from_db()
    assert person.moj_restricted
