"""The rules policy-clock contract version 2 added: the whole referral process, consent asked again of the
person, keyworker referral on admission, the independent C(E)TR after long-term segregation, the sit-and-see
visit before a planned C(E)TR, and the ICS oversight panel as a dated cycle that a panel review meets."""

import json

import pytest

from opendsr.policy.cli import main
from tests.policy.timelines import ADULT, CHILD, admitted, cetr, clock, d, ev, of_kind, only, open_of, status

# ------------------------------------------------------------------------------ the whole referral process


def test_the_referral_process_is_complete_when_the_outcome_of_the_first_rating_is_told():
    events = [
        ev("2027-02-01", "referral_received", source="self"),
        ev("2027-02-20", "stratified", rating="green"),
        ev("2027-02-22", "outcome_communicated"),
    ]
    process = only(clock(events, "2027-03-10"), "referral_process_complete")
    assert (process.due, process.met_on) == (d("2027-03-01"), d("2027-02-22"))


def test_an_outcome_told_before_the_rating_does_not_complete_the_referral():
    events = [
        ev("2027-02-01", "referral_received", source="family"),
        ev("2027-02-02", "outcome_communicated"),
        ev("2027-02-20", "stratified", rating="green"),
    ]
    process = only(clock(events, "2027-03-02"), "referral_process_complete")
    assert process.met_on is None
    assert status(process, "2027-03-02").value == "overdue"


# ----------------------------------------------------------------------------- consent from the person


def test_consent_given_by_a_parent_is_asked_of_the_person_from_their_16th_birthday():
    events = [ev("2026-01-10", "consent_given", given_by="other")]
    reconsent = only(clock(events, "2027-06-01", dob="2011-05-10"), "reconsent_self")
    assert reconsent.due == d("2027-05-10")
    assert status(reconsent, "2027-06-01").value == "overdue"


def test_the_person_consenting_themselves_on_or_after_the_birthday_meets_it():
    events = [
        ev("2026-01-10", "consent_given", given_by="other"),
        ev("2027-05-10", "consent_checked", given_by="person"),
    ]
    reconsent = only(clock(events, "2027-06-01", dob="2011-05-10"), "reconsent_self")
    assert reconsent.met_on == d("2027-05-10")


def test_the_icb_may_set_14_as_the_age_of_consent_to_the_register():
    events = [ev("2026-01-10", "consent_given", given_by="other")]
    reconsent = only(clock(events, "2026-06-01", dob="2012-03-01", self_consent_age=14), "reconsent_self")
    assert reconsent.due == d("2026-03-01")


def test_someone_born_on_29_february_reaches_the_age_on_1_march_in_a_common_year():
    events = [ev("2026-01-10", "consent_given", given_by="other")]
    reconsent = only(clock(events, "2028-06-01", dob="2012-02-29"), "reconsent_self")
    assert reconsent.due == d("2028-02-29")  # 2028 is a leap year
    reconsent = only(clock(events, "2027-06-01", dob="2012-02-29", self_consent_age=15), "reconsent_self")
    assert reconsent.due == d("2027-03-01")


def test_consent_the_person_gave_themselves_needs_no_asking_again():
    events = [
        ev("2026-01-10", "consent_given", given_by="other"),
        ev("2026-06-10", "consent_checked"),  # given_by person is the default
    ]
    assert of_kind(clock(events, "2027-06-01", dob="2011-05-10"), "reconsent_self") == []


def test_consent_withdrawn_before_the_birthday_or_after_it_unmet_asks_nothing():
    before = [ev("2026-01-10", "consent_given", given_by="other"), ev("2026-03-01", "consent_withdrawn")]
    assert of_kind(clock(before, "2027-06-01", dob="2011-05-10"), "reconsent_self") == []
    after = [ev("2026-01-10", "consent_given", given_by="other"), ev("2027-05-20", "consent_withdrawn")]
    assert of_kind(clock(after, "2027-06-01", dob="2011-05-10"), "reconsent_self") == []


def test_a_withdrawal_dated_after_today_does_not_cancel_it_before_the_birthday():
    events = [ev("2026-01-10", "consent_given", given_by="other"), ev("2027-04-01", "consent_withdrawn")]
    reconsent = only(clock(events, "2027-01-01", dob="2011-05-10"), "reconsent_self")
    assert reconsent.due == d("2027-05-10")


# --------------------------------------------------------------------------- keyworker on admission


def test_a_young_person_admitted_without_a_keyworker_referral_is_referred_by_the_admission_date():
    obligations = clock([admitted("2027-01-04"), ev("2027-02-01", "discharged")], "2027-03-01", dob=CHILD)
    keyworker = only(obligations, "keyworker_referral")
    assert (keyworker.due, keyworker.met_on) == (d("2027-01-04"), None)  # it outlasts the stay


def test_no_keyworker_referral_on_admission_when_referred_before_or_known_or_over_25():
    referred = [ev("2026-12-01", "keyworker_referred"), admitted("2027-01-04")]
    assert open_of(clock(referred, "2027-02-01", dob=CHILD), "keyworker_referral") == []
    assert (
        of_kind(
            clock([admitted("2027-01-04")], "2027-02-01", dob=CHILD, known_to_keyworker=True),
            "keyworker_referral",
        )
        == []
    )
    assert of_kind(clock([admitted("2027-01-04")], "2027-02-01", dob=ADULT), "keyworker_referral") == []


# ----------------------------------------------------------------------- long-term segregation (s14.4)


def test_segregation_lasting_48_hours_gives_an_independent_cetr_due_with_the_next_review():
    events = [admitted("2027-01-04"), ev("2027-01-06", "segregation_started")]
    assert of_kind(clock(events, "2027-01-07", dob=CHILD), "independent_cetr") == []  # not yet 48 hours
    independent = only(clock(events, "2027-01-08", dob=CHILD), "independent_cetr")
    assert independent.due == d("2027-01-18")  # the post-admission CETR's date (10 working days)


def test_segregation_ended_within_48_hours_gives_no_entitlement():
    events = [
        admitted("2027-01-04"),
        ev("2027-01-06", "segregation_started"),
        ev("2027-01-07", "segregation_ended"),
    ]
    obligations = clock(events, "2027-03-01", dob=CHILD)
    assert of_kind(obligations, "independent_cetr") == []
    assert of_kind(obligations, "oversight_panel_review") == []


def test_only_an_independent_cetr_meets_the_entitlement_and_only_once_a_stay():
    events = [
        admitted("2027-01-04"),
        ev("2027-01-06", "segregation_started"),
        cetr("2027-01-12", "post_admission"),
        ev("2027-02-01", "segregation_ended"),
        ev("2027-02-10", "segregation_started"),
        cetr("2027-03-01", "independent"),
    ]
    independent = only(clock(events, "2027-04-01", dob=CHILD), "independent_cetr")
    assert (independent.raised_on, independent.met_on) == (d("2027-01-06"), d("2027-03-01"))


def test_segregation_puts_the_person_before_the_panel_until_it_ends():
    events = [admitted("2027-01-04"), ev("2027-01-06", "segregation_started")]
    panel = only(clock(events, "2027-01-20", dob=CHILD), "oversight_panel_review")
    assert (panel.raised_on, panel.due) == (d("2027-01-08"), d("2027-04-08"))
    assert panel.reasons == ("In long-term segregation for 48 hours or more (s14.4, s18)",)
    reviewed = [*events, ev("2027-02-01", "oversight_panel_reviewed")]
    again = open_of(clock(reviewed, "2027-02-02", dob=CHILD), "oversight_panel_review")
    assert [(o.raised_on, o.due) for o in again] == [(d("2027-02-01"), d("2027-05-01"))]
    ended = [*events, ev("2027-01-25", "segregation_ended"), ev("2027-02-01", "oversight_panel_reviewed")]
    assert open_of(clock(ended, "2027-02-02", dob=CHILD), "oversight_panel_review") == []


# ----------------------------------------------------------------------------- sit and see (s16.1)


def test_a_cetr_planned_for_an_inpatient_needs_a_sit_and_see_visit_before_it():
    events = [admitted("2027-01-04"), ev("2027-04-01", "cetr_planned", planned_date="2027-05-20")]
    sit = only(clock(events, "2027-05-10"), "sit_and_see")
    assert (sit.due, sit.met_on) == (d("2027-05-20"), None)
    plain = [*events, ev("2027-05-01", "oversight_visit", sit_and_see=False)]
    assert only(clock(plain, "2027-05-10"), "sit_and_see").met_on is None
    seen = [*events, ev("2027-05-01", "oversight_visit", sit_and_see=True)]
    assert only(clock(seen, "2027-05-10"), "sit_and_see").met_on == d("2027-05-01")


def test_a_sit_and_see_still_owed_ends_with_the_stay_and_none_is_owed_in_the_community():
    events = [
        admitted("2027-01-04"),
        ev("2027-04-01", "cetr_planned", planned_date="2027-05-20"),
        ev("2027-04-10", "discharged"),
        ev("2027-06-01", "cetr_planned", planned_date="2027-07-01"),
    ]
    assert of_kind(clock(events, "2027-06-10"), "sit_and_see") == []


# --------------------------------------------------------------------------- the ICS oversight panel (s18)


def test_a_panel_review_meets_the_review_and_a_one_off_trigger_does_not_come_back():
    events = [ev("2027-01-10", "safeguarding_referral"), ev("2027-02-15", "oversight_panel_reviewed")]
    panel = only(clock(events, "2027-06-01"), "oversight_panel_review")
    assert (panel.due, panel.met_on) == (d("2027-04-10"), d("2027-02-15"))


def test_a_trigger_on_the_day_of_the_panel_counts_before_it():
    events = [ev("2027-02-15", "oversight_panel_reviewed"), ev("2027-02-15", "safeguarding_referral")]
    panel = only(clock(events, "2027-06-01"), "oversight_panel_review")
    assert panel.met_on == d("2027-02-15")


def test_a_panel_review_before_any_trigger_meets_nothing():
    events = [
        ev("2027-01-10", "oversight_panel_reviewed"),
        ev("2027-02-01", "escalation_requested", by="advocate"),
    ]
    panel = only(clock(events, "2027-03-01"), "oversight_panel_review")
    assert (panel.raised_on, panel.due, panel.met_on) == (d("2027-02-01"), d("2027-05-01"), None)
    assert panel.reasons == ("Escalation to the panel asked for by an advocate (s18)",)


def test_an_unresolved_complaint_keeps_the_person_before_the_panel():
    events = [ev("2027-01-10", "complaint_made"), ev("2027-02-15", "oversight_panel_reviewed")]
    again = open_of(clock(events, "2027-03-01"), "oversight_panel_review")
    assert [o.due for o in again] == [d("2027-05-15")]
    resolved = [*events[:1], ev("2027-02-01", "complaint_resolved"), events[1]]
    assert open_of(clock(resolved, "2027-03-01"), "oversight_panel_review") == []


def test_an_inadequate_ward_lasts_until_the_person_moves():
    events = [
        admitted("2026-11-02"),
        cetr("2026-11-20", "post_admission"),
        ev("2027-01-10", "ward_rated_inadequate"),
        ev("2027-02-01", "transferred"),
        ev("2027-02-15", "oversight_panel_reviewed"),
    ]
    panel = of_kind(clock(events, "2027-03-01"), "oversight_panel_review")
    assert [(o.raised_on, o.met_on) for o in panel] == [(d("2027-01-10"), d("2027-02-15"))]
    not_in_hospital = [ev("2027-01-10", "ward_rated_inadequate")]
    assert of_kind(clock(not_in_hospital, "2027-03-01"), "oversight_panel_review") == []


def test_the_second_decline_and_each_after_it_are_triggers():
    events = [
        ev("2027-01-10", "cetr_declined"),
        ev("2027-02-10", "cetr_declined"),
        ev("2027-03-01", "oversight_panel_reviewed"),
        ev("2027-04-01", "cetr_declined"),
    ]
    panel = of_kind(clock(events, "2027-05-01"), "oversight_panel_review")
    assert [(o.due, o.met_on) for o in panel] == [(d("2027-05-10"), d("2027-03-01")), (d("2027-07-01"), None)]


# ----------------------------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("events", "person", "named"),
    [
        (
            [
                {"date": "2027-01-04", "type": "admitted", "setting": "secure", "route": "civil"},
                {"date": "2027-02-04", "type": "admitted", "setting": "secure", "route": "civil"},
            ],
            {},
            "events[1]: admitted while already an inpatient",
        ),
        ([{"date": "2027-01-04", "type": "discharged"}], {}, "events[0]: discharged while not an inpatient"),
        (
            [{"date": "2027-01-04", "type": "consent_given", "given_by": "neighbour"}],
            {},
            "events[0].given_by",
        ),
        ([{"date": "2027-01-04", "type": "escalation_requested", "by": "mayor"}], {}, "events[0].by"),
        ([{"date": "2027-01-04", "type": "escalation_requested"}], {}, "events[0].by: missing"),
        ([{"date": "2027-01-04", "type": "cetr_planned"}], {}, "events[0].planned_date: missing"),
        (
            [{"date": "2027-01-04", "type": "cetr_planned", "planned_date": "soon"}],
            {},
            "events[0].planned_date",
        ),
        ([], {"self_consent_age": "16"}, "person.self_consent_age"),
        ([], {"self_consent_age": True}, "person.self_consent_age"),
    ],
)
def test_malformed_version_2_input_exits_2_with_one_line_naming_it(tmp_path, capsys, events, person, named):
    path = tmp_path / "scenario.json"
    scenario = {"today": "2027-03-01", "person": {"date_of_birth": "2000-01-01", **person}, "events": events}
    path.write_text(json.dumps(scenario), encoding="utf-8")
    assert main(["obligations", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert named in err and len(err.strip().splitlines()) == 1


def test_a_discharge_and_admission_on_one_date_are_a_readmission_not_an_error(tmp_path, capsys):
    path = tmp_path / "scenario.json"
    scenario = {
        "today": "2027-03-01",
        "person": {"date_of_birth": "2000-01-01"},
        "events": [
            {"date": "2027-01-04", "type": "admitted", "setting": "secure", "route": "civil"},
            {"date": "2027-02-01", "type": "discharged"},
            {"date": "2027-02-01", "type": "admitted", "setting": "non_secure", "route": "civil"},
        ],
    }
    path.write_text(json.dumps(scenario), encoding="utf-8")
    assert main(["obligations", str(path)]) == 0
    kinds = [(o["kind"], o["due"]) for o in json.loads(capsys.readouterr().out)["obligations"]]
    assert ("post_admission_cetr", "2027-03-01") in kinds


def test_dates_decide_a_readmission_on_the_day_of_discharge_whatever_the_file_order():
    for events in (
        [admitted("2027-01-04"), ev("2027-02-01", "discharged"), admitted("2027-02-01", "secure")],
        [admitted("2027-01-04"), admitted("2027-02-01", "secure"), ev("2027-02-01", "discharged")],
    ):
        obligations = clock(events, "2027-02-10")
        assert [o.due for o in open_of(obligations, "post_admission_cetr")] == [d("2027-03-01")]


def test_an_admission_and_discharge_on_one_day_is_a_stay_of_no_days():
    events = [ev("2027-01-04", "discharged"), admitted("2027-01-04"), cetr("2027-01-04", "community")]
    obligations = clock(events, "2027-01-10")
    assert of_kind(obligations, "post_admission_cetr") == []  # the review that day was after the stay
    assert of_kind(obligations, "oversight_visit") == []


def test_left_register_is_opendsrs_own_event_and_not_part_of_a_scenario(tmp_path, capsys):
    path = tmp_path / "scenario.json"
    scenario = {
        "today": "2027-03-01",
        "person": {"date_of_birth": "2000-01-01"},
        "events": [{"date": "2027-01-04", "type": "left_register"}],
    }
    path.write_text(json.dumps(scenario), encoding="utf-8")
    assert main(["obligations", str(path)]) == 2
    assert "events[0]: unknown event type 'left_register'" in capsys.readouterr().err
