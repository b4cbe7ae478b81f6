"""s4 and Table 1: what each RAG rating decision sets in motion."""

from opendsr.policy import Status
from tests.policy.timelines import admitted, cetr, clock, d, ev, of_kind, only, status

YOUNG_ADULT = "2008-05-01"  # 18 in January 2027


def test_red_rating_of_a_young_adult_needs_a_community_cetr_and_keyworker_referral_the_same_day():
    obligations = clock([ev("2027-01-10", "stratified", rating="red")], "2027-01-12", dob=YOUNG_ADULT)
    community = only(obligations, "community_cetr")
    assert community.due == d("2027-01-10")
    assert status(community, "2027-01-12") is Status.OVERDUE
    assert only(obligations, "keyworker_referral").due == d("2027-01-10")
    assert only(obligations, "communicate_outcome").due == d("2027-01-11")
    assert of_kind(obligations, "mdt_or_cetr") == []


def test_outcome_communicated_the_next_day_is_on_time():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="green"), ev("2027-01-11", "outcome_communicated")],
        "2027-01-12",
    )
    communicate = only(obligations, "communicate_outcome")
    assert communicate.met_on == d("2027-01-11")
    assert [o.kind.value for o in obligations] == ["communicate_outcome"]


def test_one_communication_meets_every_decision_on_or_before_it():
    obligations = clock(
        [
            ev("2027-01-10", "stratified", rating="green"),
            ev("2027-02-10", "stratified", rating="not_eligible"),
            ev("2027-02-11", "outcome_communicated"),
        ],
        "2027-03-01",
    )
    assert [o.met_on for o in of_kind(obligations, "communicate_outcome")] == [d("2027-02-11")] * 2


def test_community_cetr_is_met_by_any_cetr_on_or_after_the_rating():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="red"), cetr("2027-01-10", kind="community")], "2027-01-12"
    )
    assert only(obligations, "community_cetr").met_on == d("2027-01-10")


def test_community_cetr_before_the_rating_does_not_meet_it():
    obligations = clock(
        [cetr("2027-01-05", kind="community"), ev("2027-01-10", "stratified", rating="red")], "2027-01-12"
    )
    assert only(obligations, "community_cetr").met_on is None


def test_admission_after_a_red_rating_meets_the_community_cetr_and_the_admission_rules_apply():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="red"), admitted("2027-01-14")], "2027-01-20", dob=YOUNG_ADULT
    )
    assert only(obligations, "community_cetr").met_on == d("2027-01-14")
    assert only(obligations, "post_admission_cetr").due == d("2027-02-11")


def test_red_rating_while_an_inpatient_raises_no_community_cetr():
    obligations = clock([admitted("2027-01-04"), ev("2027-01-10", "stratified", rating="red")], "2027-01-12")
    assert of_kind(obligations, "community_cetr") == []


def test_red_rating_after_discharge_needs_a_community_cetr():
    obligations = clock(
        [
            admitted("2026-06-01"),
            ev("2026-12-01", "discharged"),
            ev("2027-01-10", "stratified", rating="red"),
        ],
        "2027-01-12",
    )
    assert only(obligations, "community_cetr").due == d("2027-01-10")


def test_keyworker_referral_is_for_people_aged_25_or_under_on_the_rating_date():
    born = "2001-06-01"
    at_25 = clock([ev("2027-05-31", "stratified", rating="amber")], "2027-06-02", dob=born)
    at_26 = clock([ev("2027-06-01", "stratified", rating="amber")], "2027-06-02", dob=born)
    assert only(at_25, "keyworker_referral").due == d("2027-05-31")
    assert of_kind(at_26, "keyworker_referral") == []


def test_no_keyworker_referral_for_someone_known_to_the_keyworker_service():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="red")], "2027-01-12", dob=YOUNG_ADULT, known_to_keyworker=True
    )
    assert of_kind(obligations, "keyworker_referral") == []


def test_keyworker_referral_is_met_by_a_referral_on_or_after_the_rating():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="amber"), ev("2027-01-15", "keyworker_referred")],
        "2027-01-20",
        dob=YOUNG_ADULT,
    )
    assert only(obligations, "keyworker_referral").met_on == d("2027-01-15")


def test_amber_needs_a_multi_agency_meeting_or_cetr_with_no_timescale():
    obligations = clock([ev("2027-01-10", "stratified", rating="amber")], "2030-01-01")
    meeting = only(obligations, "mdt_or_cetr")
    assert meeting.due is None
    assert status(meeting, "2030-01-01") is Status.DUE
    assert of_kind(obligations, "community_cetr") == []


def test_amber_is_met_by_a_meeting_or_by_a_cetr():
    by_meeting = clock(
        [ev("2027-01-10", "stratified", rating="amber"), ev("2027-01-20", "mdt_held")], "2027-02-01"
    )
    by_review = clock(
        [ev("2027-01-10", "stratified", rating="amber"), cetr("2027-01-25", "community")], "2027-02-01"
    )
    assert only(by_meeting, "mdt_or_cetr").met_on == d("2027-01-20")
    assert only(by_review, "mdt_or_cetr").met_on == d("2027-01-25")


def test_a_laep_is_not_a_cetr_and_does_not_meet_the_community_cetr():
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="red"), ev("2027-01-11", "laep_held")], "2027-01-12"
    )
    assert only(obligations, "community_cetr").met_on is None


def test_carer_contingency_for_red_or_amber_with_an_unpaid_carer():
    events = [ev("2027-01-10", "stratified", rating="amber"), ev("2027-02-01", "carer_contingency_discussed")]
    with_carer = clock(events, "2027-03-01", has_unpaid_carer=True)
    without = clock(events, "2027-03-01")
    assert only(with_carer, "carer_contingency").met_on == d("2027-02-01")
    assert only(with_carer, "carer_contingency").due is None
    assert of_kind(without, "carer_contingency") == []


def test_green_and_not_eligible_only_need_the_outcome_communicated():
    obligations = clock(
        [
            ev("2027-01-10", "stratified", rating="green"),
            ev("2027-01-11", "stratified", rating="not_eligible"),
        ],
        "2027-01-12",
        dob=YOUNG_ADULT,
        has_unpaid_carer=True,
    )
    assert {o.kind.value for o in obligations} == {"communicate_outcome"}
