"""The choices the database keeps are the policy core's own values, so a record always means what the clock
reads it as."""

from opendsr import policy
from opendsr.referrals.models import Source
from opendsr.register.models import Rating
from opendsr.reviews.models import ReviewKind


def test_every_review_kind_the_clock_knows_can_be_recorded_and_no_other():
    assert ReviewKind.values == [kind.value for kind in policy.ReviewKind]
    assert ReviewKind("post_admission").label == "Post-admission C(E)TR"


def test_a_referral_source_is_one_the_clock_knows():
    assert sorted(Source.values) == sorted(source.value for source in policy.ReferralSource)


def test_the_register_ratings_are_the_stratification_ratings_and_blue_for_an_inpatient():
    stratified = {rating.value for rating in policy.Rating} - {policy.Rating.NOT_ELIGIBLE.value}
    assert set(Rating.values) == stratified | {"blue"}
