"""Toolkit Part 1, s3, s5: referrals are acknowledged within 5 working days and stratified within 4 weeks."""

from opendsr.policy import Status
from tests.policy.timelines import clock, d, ev, only, status


def test_self_referral_on_monday_before_easter_2027_is_acknowledged_by_wednesday_31_march():
    obligations = clock([ev("2027-03-22", "referral_received", source="self")], "2027-03-30")
    acknowledge = only(obligations, "acknowledge_referral")
    assert acknowledge.due == d("2027-03-31")
    assert status(acknowledge, "2027-03-30") is Status.DUE
    assert only(obligations, "stratify_referral").due == d("2027-04-19")


def test_acknowledgement_is_due_on_the_due_date_and_overdue_the_day_after():
    obligations = clock([ev("2027-03-22", "referral_received", source="family")], "2027-03-30")
    acknowledge = only(obligations, "acknowledge_referral")
    assert status(acknowledge, "2027-03-30") is Status.DUE
    assert status(acknowledge, "2027-03-31") is Status.DUE
    assert status(acknowledge, "2027-04-01") is Status.OVERDUE


def test_acknowledgement_after_the_due_date_still_meets_it():
    obligations = clock(
        [
            ev("2027-03-22", "referral_received", source="professional"),
            ev("2027-04-05", "referral_acknowledged"),
        ],
        "2027-04-10",
    )
    acknowledge = only(obligations, "acknowledge_referral")
    assert acknowledge.met_on == d("2027-04-05")
    assert status(acknowledge, "2027-04-10") is Status.MET


def test_an_acknowledgement_before_the_referral_does_not_meet_it():
    obligations = clock(
        [ev("2027-01-04", "referral_acknowledged"), ev("2027-01-05", "referral_received", source="self")],
        "2027-01-06",
    )
    assert only(obligations, "acknowledge_referral").met_on is None


def test_stratification_within_4_weeks_meets_the_referral():
    obligations = clock(
        [
            ev("2027-01-04", "referral_received", source="cetr_request", ref="referral:1"),
            ev("2027-01-20", "stratified", rating="green", ref="rating:7"),
        ],
        "2027-03-01",
    )
    stratify = only(obligations, "stratify_referral")
    assert stratify.due == d("2027-02-01")
    assert stratify.met_on == d("2027-01-20")
    assert stratify.raised_by_ref == "referral:1"
    assert stratify.met_by_ref == "rating:7"


def test_referral_received_on_a_saturday_counts_from_monday():
    obligations = clock([ev("2027-01-09", "referral_received", source="self")], "2027-01-09")
    assert only(obligations, "acknowledge_referral").due == d("2027-01-15")
