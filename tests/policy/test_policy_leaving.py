"""Leaving the register: what was still owed ends that day, kept as a record; coming back starts afresh."""

from opendsr.policy import Status
from opendsr.policy.serialise import obligations_to_json
from tests.policy.timelines import clock, d, ev, only


def test_what_is_still_owed_ends_on_the_day_they_leave_and_what_was_met_stays_met():
    events = [
        ev("2027-02-01", "stratified", rating="red", ref="rating:1"),
        ev("2027-02-01", "outcome_communicated"),
        ev("2027-02-10", "left_register", ref="exit:1"),
    ]
    obligations = clock(events, "2027-03-01")
    review = only(obligations, "community_cetr")
    assert review.ended_on == d("2027-02-10") and review.ended_by_ref == "exit:1"
    assert review.met_on is None and not review.is_open
    assert review.status(d("2027-03-01")) is Status.ENDED  # not overdue: nothing is owed any more
    told = only(obligations, "communicate_outcome")
    assert told.met_on == d("2027-02-01") and told.ended_on is None
    assert all(not o.is_open for o in obligations)


def test_a_stay_reaching_six_months_after_they_left_is_not_owed():
    events = [
        ev("2026-06-01", "admitted", setting="non_secure", route="civil"),
        ev("2026-06-05", "cetr_held", kind="post_admission"),
        ev("2026-07-01", "left_register", ref="exit:1"),
    ]
    assert all(not o.is_open for o in clock(events, "2027-03-01"))


def test_a_new_referral_after_they_left_is_owed_as_usual():
    events = [
        ev("2026-11-02", "referral_received", source="family", ref="referral:1"),
        ev("2026-11-20", "left_register", ref="exit:1"),
        ev("2027-02-22", "referral_received", source="professional", ref="referral:2"),
    ]
    obligations = clock(events, "2027-03-01")
    first = [o for o in obligations if o.raised_by_ref == "referral:1"]
    second = [o for o in obligations if o.raised_by_ref == "referral:2"]
    assert first and all(o.ended_on == d("2026-11-20") for o in first)
    assert second and all(o.is_open and o.ended_on is None for o in second)


def test_the_contract_output_names_the_end_only_for_an_obligation_that_ended():
    events = [
        ev("2027-02-01", "stratified", rating="green"),
        ev("2027-02-10", "left_register"),
    ]
    [row] = obligations_to_json(clock(events, "2027-03-01"), d("2027-03-01"))["obligations"]
    assert row["status"] == "ended" and row["ended_on"] == "2027-02-10" and row["met_on"] is None
    [row] = obligations_to_json(clock(events[:1], "2027-03-01"), d("2027-03-01"))["obligations"]
    assert row["status"] == "overdue" and "ended_on" not in row
