"""s2.4: consent to inclusion on the DSR is checked at least annually."""

from opendsr.policy import Status
from tests.policy.timelines import clock, d, ev, of_kind, only, status


def test_consent_given_is_rechecked_12_months_later():
    obligations = clock([ev("2026-03-01", "consent_given")], "2027-03-02")
    recheck = only(obligations, "recheck_consent")
    assert recheck.due == d("2027-03-01")
    assert status(recheck, "2027-03-01") is Status.DUE
    assert status(recheck, "2027-03-02") is Status.OVERDUE


def test_a_check_restarts_the_year():
    obligations = clock(
        [ev("2026-03-01", "consent_given"), ev("2027-02-15", "consent_checked")], "2027-03-02"
    )
    assert only(obligations, "recheck_consent").due == d("2028-02-15")


def test_consent_given_on_29_february_is_rechecked_on_28_february():
    obligations = clock([ev("2028-02-29", "consent_given")], "2028-03-01")
    assert only(obligations, "recheck_consent").due == d("2029-02-28")


def test_withdrawn_consent_needs_no_recheck():
    obligations = clock(
        [ev("2026-03-01", "consent_given"), ev("2026-09-01", "consent_withdrawn")], "2027-03-02"
    )
    assert of_kind(obligations, "recheck_consent") == []


def test_withdrawal_on_the_same_day_after_consent_cancels_it():
    obligations = clock(
        [ev("2026-03-01", "consent_given", seq=0), ev("2026-03-01", "consent_withdrawn", seq=1)], "2027-03-02"
    )
    assert of_kind(obligations, "recheck_consent") == []


def test_consent_given_again_after_withdrawal_restarts_the_year():
    obligations = clock(
        [
            ev("2025-03-01", "consent_given"),
            ev("2025-09-01", "consent_withdrawn"),
            ev("2026-01-10", "consent_given"),
        ],
        "2026-02-01",
    )
    assert only(obligations, "recheck_consent").due == d("2027-01-10")


def test_no_consent_recorded_needs_no_recheck():
    assert clock([], "2027-01-01") == []
