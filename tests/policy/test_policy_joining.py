"""Joining the register: a rating puts someone on it only with consent standing on the day of the decision, given
by them or for them, or a recorded best interests decision (001 s2.4, s2.4.1); re-rating someone already on it
adds no one (s4, Table 1)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opendsr.policy.joining import ON_REGISTER_RATINGS, is_latest, rating_effect
from tests.policy.timelines import d

RATINGS = ["red", "amber", "green", "blue", "not_eligible"]
DECIDED_ON = d("2027-03-01")


def effect(rating="amber", decided_on=DECIDED_ON, rated_on=None, on_register=False, consent=False):
    return rating_effect(
        rating=rating,
        decided_on=decided_on,
        rated_on=rated_on,
        on_register=on_register,
        consent_in_force=consent,
    )


@pytest.mark.parametrize("rating", ["red", "amber", "green", "blue"])
def test_a_referred_person_rated_onto_the_register_without_consent_is_refused(rating):
    refused = effect(rating)
    assert refused.adds_to_register and refused.needs_consent


def test_consent_or_a_best_interests_decision_standing_on_the_day_lets_the_rating_add_them():
    # The register counts a best interests decision as consent given for them (s2.4.1).
    added = effect("red", consent=True)
    assert added.becomes_their_rating and added.adds_to_register and not added.needs_consent


def test_not_eligible_adds_no_one_and_needs_no_consent():
    assert effect("not_eligible") == effect("not_eligible", consent=True)
    assert not effect("not_eligible").becomes_their_rating and not effect("not_eligible").needs_consent


def test_re_rating_someone_already_on_the_register_does_not_ask_for_consent_again():
    rerated = effect("red", rated_on=d("2027-01-10"), on_register=True)
    assert rerated.becomes_their_rating and not rerated.adds_to_register and not rerated.needs_consent


def test_someone_who_left_the_register_needs_consent_again_to_come_back():
    assert effect("amber", rated_on=d("2026-06-01"), on_register=False).needs_consent


def test_a_decision_recorded_late_and_dated_before_their_rating_now_changes_nothing_and_asks_nothing():
    late = effect("red", decided_on=d("2027-01-05"), rated_on=d("2027-02-01"))
    assert not late.becomes_their_rating and not late.adds_to_register and not late.needs_consent


def test_a_decision_on_the_same_day_as_their_rating_now_is_the_latest():
    assert is_latest(d("2027-02-01"), d("2027-02-01"))
    assert is_latest(d("2027-02-01"), None)
    assert not is_latest(d("2027-01-31"), d("2027-02-01"))


days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@given(
    rating=st.sampled_from(RATINGS),
    decided_on=days,
    rated_on=st.none() | days,
    on_register=st.booleans(),
)
def test_a_rating_is_refused_exactly_when_it_would_add_someone_with_no_consent_standing(
    rating, decided_on, rated_on, on_register
):
    without = effect(rating, decided_on, rated_on, on_register, consent=False)
    with_consent = effect(rating, decided_on, rated_on, on_register, consent=True)
    would_add = rating in ON_REGISTER_RATINGS and is_latest(decided_on, rated_on) and not on_register
    assert without.needs_consent == would_add
    # Consent only ever lifts the refusal: what the rating does is otherwise the same.
    assert not with_consent.needs_consent
    assert (with_consent.becomes_their_rating, with_consent.adds_to_register) == (
        without.becomes_their_rating,
        without.adds_to_register,
    )
    if on_register:
        assert not without.adds_to_register and not without.needs_consent


def test_consent_is_looked_up_only_for_a_rating_that_would_add_someone():
    asked = []

    def consent():
        asked.append(True)
        return True

    effect("amber", on_register=True, consent=consent)  # re-rating someone on the register
    effect("not_eligible", consent=consent)
    effect("red", decided_on=d("2027-01-01"), rated_on=d("2027-02-01"), consent=consent)  # recorded late
    assert asked == []
    assert not effect("red", consent=consent).needs_consent and asked == [True]
