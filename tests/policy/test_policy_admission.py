"""Table 2, s14.2 to s14.7 and Appendix 10: C(E)TRs while a person is in hospital."""

from opendsr.policy import Status
from tests.policy.timelines import CHILD, admitted, cetr, clock, d, ev, of_kind, only, open_of, status

TURNS_18_ON_14_MARCH_2027 = "2009-03-14"


# Post-admission and six-week reviews


def test_cyp_admitted_without_a_community_cetr_is_due_a_cetr_within_10_working_days():
    obligations = clock([admitted("2027-01-04")], "2027-01-20", dob=CHILD)
    review = only(obligations, "post_admission_cetr")
    assert review.due == d("2027-01-18")
    assert status(review, "2027-01-20") is Status.OVERDUE
    assert review.basis.startswith("Table 2")


def test_cyp_admitted_on_good_friday_2027_is_due_a_cetr_on_12_april():
    obligations = clock([admitted("2027-03-26")], "2027-03-26", dob=CHILD)
    assert only(obligations, "post_admission_cetr").due == d("2027-04-12")


def test_cyp_admitted_on_the_thursday_before_easter_2027_is_due_on_12_april_too():
    obligations = clock([admitted("2027-03-25")], "2027-03-26", dob=CHILD)
    assert only(obligations, "post_admission_cetr").due == d("2027-04-12")


def test_adult_admitted_without_a_community_ctr_is_due_a_ctr_within_20_working_days():
    obligations = clock([admitted("2027-01-04")], "2027-01-20")
    assert only(obligations, "post_admission_cetr").due == d("2027-02-01")


def test_post_admission_review_status_the_day_before_of_and_after_the_due_date():
    review = only(clock([admitted("2027-01-04")], "2027-01-04", dob=CHILD), "post_admission_cetr")
    assert status(review, "2027-01-17") is Status.DUE
    assert status(review, "2027-01-18") is Status.DUE
    assert status(review, "2027-01-19") is Status.OVERDUE


def test_admitted_the_day_before_the_18th_birthday_keeps_the_cyp_timescale():
    before = clock([admitted("2027-03-12")], "2027-03-12", dob=TURNS_18_ON_14_MARCH_2027)
    on_the_day = clock([admitted("2027-03-15")], "2027-03-15", dob=TURNS_18_ON_14_MARCH_2027)
    assert only(before, "post_admission_cetr").due == d("2027-03-30")  # 10 working days, over Easter
    assert only(on_the_day, "post_admission_cetr").due == d("2027-04-14")  # 20 working days


def test_a_young_adult_with_an_ehcp_is_on_the_cyp_pathway_until_25():
    obligations = clock([admitted("2027-01-04")], "2027-01-04", dob="2004-01-01", has_ehcp=True)
    assert only(obligations, "post_admission_cetr").due == d("2027-01-18")


def test_adult_admitted_after_a_community_cetr_is_due_a_review_6_weeks_after_admission():
    obligations = clock(
        [cetr("2027-02-10", "community"), ev("2027-02-20", "cetr_report_sent"), admitted("2027-03-01")],
        "2027-03-05",
    )
    assert only(obligations, "six_week_cetr").due == d("2027-04-12")
    assert of_kind(obligations, "post_admission_cetr") == []


def test_a_community_cetr_exactly_6_months_before_admission_counts():
    obligations = clock([cetr("2026-09-01", "community"), admitted("2027-03-01")], "2027-03-05")
    assert only(obligations, "six_week_cetr").due == d("2027-04-12")


def test_a_community_cetr_more_than_6_months_before_admission_does_not_count():
    obligations = clock([cetr("2026-08-31", "community"), admitted("2027-03-01")], "2027-03-05")
    assert of_kind(obligations, "six_week_cetr") == []
    assert only(obligations, "post_admission_cetr").due == d("2027-03-31")  # 20 working days, over Easter


def test_a_laep_before_admission_is_not_a_community_cetr():
    obligations = clock([ev("2027-02-25", "laep_held"), admitted("2027-03-01")], "2027-03-05", dob=CHILD)
    assert of_kind(obligations, "six_week_cetr") == []
    assert only(obligations, "post_admission_cetr").due == d("2027-03-15")


def test_only_a_community_cetr_counts_as_held_before_admission():
    obligations = clock([cetr("2027-02-10", "requested"), admitted("2027-03-01")], "2027-03-05")
    assert of_kind(obligations, "six_week_cetr") == []


def test_a_community_cetr_on_the_day_of_admission_is_during_the_stay_and_meets_the_post_admission_review():
    # Dates decide, not the order events were recorded in (contract version 2): the person is an inpatient
    # from the admission date, so a review that day is held during the stay, not in the 6 months before it.
    for events in (
        [cetr("2027-03-01", "community"), admitted("2027-03-01")],
        [admitted("2027-03-01"), cetr("2027-03-01", "community")],
    ):
        obligations = clock(events, "2027-03-05")
        assert of_kind(obligations, "six_week_cetr") == []
        assert only(obligations, "post_admission_cetr").met_on == d("2027-03-01")


def test_criminal_justice_route_always_has_a_post_admission_review_even_after_a_community_ctr():
    obligations = clock(
        [cetr("2027-02-10", "community"), admitted("2027-03-01", setting="secure", route="criminal_justice")],
        "2027-03-05",
    )
    assert of_kind(obligations, "six_week_cetr") == []
    review = only(obligations, "post_admission_cetr")
    assert review.due == d("2027-03-31")
    assert "criminal justice" in review.basis


def test_a_review_on_or_after_admission_meets_the_post_admission_review():
    obligations = clock(
        [admitted("2027-01-04"), cetr("2027-01-04", "post_admission")], "2027-01-20", dob=CHILD
    )
    assert only(obligations, "post_admission_cetr").met_on == d("2027-01-04")


# Discharge


def test_discharge_ends_open_admission_obligations():
    obligations = clock([admitted("2027-01-04"), ev("2027-01-10", "discharged")], "2027-02-01", dob=CHILD)
    assert of_kind(obligations, "post_admission_cetr") == []
    assert of_kind(obligations, "oversight_visit") == []


def test_met_obligations_of_a_past_admission_stay_as_a_record_and_the_report_outlasts_discharge():
    obligations = clock(
        [admitted("2027-01-04"), cetr("2027-01-08", "post_admission"), ev("2027-01-12", "discharged")],
        "2027-02-01",
    )
    assert only(obligations, "post_admission_cetr").met_on == d("2027-01-08")
    assert open_of(obligations, "repeat_cetr") == []
    report = only(obligations, "cetr_report")
    assert report.due == d("2027-01-22")
    assert status(report, "2027-02-01") is Status.OVERDUE


def test_a_review_after_discharge_does_not_meet_the_ended_admission():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-01-10", "discharged"), cetr("2027-01-12", "post_discharge")],
        "2027-02-01",
    )
    assert of_kind(obligations, "post_admission_cetr") == []


def test_a_second_admission_has_its_own_post_admission_review():
    obligations = clock(
        [
            admitted("2026-01-05"),
            cetr("2026-01-15", "post_admission"),
            ev("2026-03-01", "discharged"),
            admitted("2027-01-04"),
        ],
        "2027-01-05",
    )
    reviews = of_kind(obligations, "post_admission_cetr")
    assert [(o.due, o.met_on) for o in reviews] == [
        (d("2026-02-02"), d("2026-01-15")),
        (d("2027-02-01"), None),
    ]


def test_admitted_again_while_an_inpatient_starts_a_new_admission():
    obligations = clock([admitted("2027-01-04"), admitted("2027-02-01")], "2027-02-02", dob=CHILD)
    assert [o.due for o in of_kind(obligations, "post_admission_cetr")] == [d("2027-02-15")]


def test_a_discharge_when_not_an_inpatient_changes_nothing():
    obligations = clock([ev("2027-01-02", "discharged"), admitted("2027-01-04")], "2027-01-05", dob=CHILD)
    assert only(obligations, "post_admission_cetr").due == d("2027-01-18")


# Repeat reviews


def test_adult_in_secure_services_has_a_repeat_ctr_12_months_after_the_last():
    obligations = clock(
        [admitted("2026-01-05", setting="secure"), cetr("2026-01-30", "post_admission")], "2026-06-01"
    )
    assert only(obligations, "repeat_cetr").due == d("2027-01-30")
    assert only(obligations, "post_admission_cetr").met_on == d("2026-01-30")


def test_adult_in_non_secure_services_has_a_repeat_ctr_6_months_after_the_last():
    obligations = clock([admitted("2026-01-05"), cetr("2026-01-30", "post_admission")], "2026-06-01")
    assert only(obligations, "repeat_cetr").due == d("2026-07-30")


def test_cyp_has_a_repeat_cetr_3_months_after_the_last_clamped_to_the_month_end():
    obligations = clock(
        [admitted("2026-08-20"), cetr("2026-08-31", "post_admission")], "2026-09-01", dob=CHILD
    )
    assert only(obligations, "repeat_cetr").due == d("2026-11-30")


def test_each_review_meets_the_repeat_raised_by_the_one_before():
    obligations = clock(
        [admitted("2026-01-05"), cetr("2026-01-20", "post_admission"), cetr("2026-06-01")], "2026-06-02"
    )
    repeats = of_kind(obligations, "repeat_cetr")
    assert [(o.due, o.met_on) for o in repeats] == [
        (d("2026-07-20"), d("2026-06-01")),
        (d("2026-12-01"), None),
    ]


def test_the_pathway_of_a_repeat_review_is_judged_on_the_date_of_the_last_review():
    events = [admitted("2027-01-04"), cetr("2027-03-13", "post_admission")]
    assert only(clock(events, "2027-03-20", dob=TURNS_18_ON_14_MARCH_2027), "repeat_cetr").due == d(
        "2027-06-13"
    )
    events = [admitted("2027-01-04"), cetr("2027-03-14", "post_admission")]
    assert only(clock(events, "2027-03-20", dob=TURNS_18_ON_14_MARCH_2027), "repeat_cetr").due == d(
        "2027-09-14"
    )


def test_a_transfer_to_secure_services_makes_the_next_repeat_12_monthly():
    obligations = clock(
        [
            admitted("2026-01-05"),
            cetr("2026-01-20", "post_admission"),
            ev("2026-03-01", "transferred", setting="secure"),
            cetr("2026-04-01", "transfer"),
        ],
        "2026-04-02",
    )
    assert [o.due for o in open_of(obligations, "repeat_cetr")] == [d("2027-04-01")]
    assert only(obligations, "transfer_cetr").met_on == d("2026-04-01")


def test_a_transfer_without_a_setting_keeps_the_setting():
    obligations = clock(
        [admitted("2026-01-05", setting="secure"), ev("2026-03-01", "transferred"), cetr("2026-04-01")],
        "2026-04-02",
    )
    assert open_of(obligations, "repeat_cetr")[0].due == d("2027-04-01")


def test_a_review_before_admission_raises_no_repeat_review():
    obligations = clock([cetr("2027-02-10", "community"), admitted("2027-03-01")], "2027-03-05")
    assert of_kind(obligations, "repeat_cetr") == []


def test_a_late_repeat_review_still_meets_it():
    obligations = clock(
        [admitted("2026-01-05"), cetr("2026-01-20", "post_admission"), cetr("2026-09-01")], "2026-09-02"
    )
    assert of_kind(obligations, "repeat_cetr")[0].met_on == d("2026-09-01")


# Transfers


def test_a_transfer_needs_a_review_within_6_weeks():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-02-01", "transferred", setting="secure")], "2027-02-02"
    )
    transfer = only(obligations, "transfer_cetr")
    assert transfer.due == d("2027-03-15")
    assert status(transfer, "2027-03-15") is Status.DUE
    assert status(transfer, "2027-03-16") is Status.OVERDUE


def test_a_review_before_the_transfer_does_not_meet_it():
    obligations = clock(
        [admitted("2027-01-04"), cetr("2027-01-10", "post_admission"), ev("2027-02-01", "transferred")],
        "2027-02-02",
    )
    assert only(obligations, "transfer_cetr").met_on is None


def test_a_transfer_when_not_an_inpatient_raises_nothing():
    obligations = clock([ev("2027-02-01", "transferred", setting="secure")], "2027-02-02")
    assert obligations == []


# Diagnosis given, or removal proposed, in hospital


def test_a_diagnosis_in_hospital_follows_the_post_admission_timescales():
    child = clock(
        [admitted("2027-01-04"), ev("2027-02-01", "diagnosed_in_hospital")], "2027-02-02", dob=CHILD
    )
    adult = clock([admitted("2027-01-04"), ev("2027-02-01", "diagnosed_in_hospital")], "2027-02-02")
    assert only(child, "diagnosis_cetr").due == d("2027-02-15")
    assert only(adult, "diagnosis_cetr").due == d("2027-03-01")


def test_a_diagnosis_when_not_an_inpatient_raises_nothing():
    obligations = clock([ev("2027-02-01", "diagnosed_in_hospital")], "2027-02-02")
    assert of_kind(obligations, "diagnosis_cetr") == []


def test_a_diagnosis_review_ends_with_the_stay():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-02-01", "diagnosed_in_hospital"), ev("2027-02-05", "discharged")],
        "2027-02-06",
    )
    assert of_kind(obligations, "diagnosis_cetr") == []


def test_removing_a_diagnosis_needs_a_review_by_the_day_before_the_change():
    obligations = clock(
        [
            admitted("2027-01-04"),
            ev("2027-02-01", "diagnosis_removal_proposed", change_date="2027-03-01"),
        ],
        "2027-02-02",
    )
    removal = only(obligations, "diagnosis_removal_cetr")
    assert removal.due == d("2027-02-28")


def test_removing_a_diagnosis_is_met_by_a_review_on_or_after_the_proposal_even_after_discharge():
    obligations = clock(
        [
            admitted("2027-01-04"),
            cetr("2027-01-20", "post_admission"),
            ev("2027-02-01", "diagnosis_removal_proposed", change_date="2027-03-01"),
            ev("2027-02-10", "discharged"),
            cetr("2027-02-20", "diagnosis_removal"),
        ],
        "2027-03-02",
    )
    assert only(obligations, "diagnosis_removal_cetr").met_on == d("2027-02-20")


# Restricted patients


def test_a_restricted_patient_needs_the_moj_told_the_outcome_within_a_week():
    obligations = clock(
        [
            admitted("2027-01-04", setting="secure", route="criminal_justice"),
            cetr("2027-01-20", "post_admission"),
        ],
        "2027-01-28",
        moj_restricted=True,
    )
    contact = only(obligations, "moj_contact")
    assert contact.due == d("2027-01-27")
    assert status(contact, "2027-01-28") is Status.OVERDUE


def test_the_moj_contact_is_met_by_contact_on_or_after_the_review():
    obligations = clock(
        [admitted("2027-01-04", setting="secure"), cetr("2027-01-20"), ev("2027-01-22", "moj_contacted")],
        "2027-01-28",
        moj_restricted=True,
    )
    assert only(obligations, "moj_contact").met_on == d("2027-01-22")


def test_no_moj_contact_for_a_patient_who_is_not_restricted():
    obligations = clock([admitted("2027-01-04", setting="secure"), cetr("2027-01-20")], "2027-01-28")
    assert of_kind(obligations, "moj_contact") == []


def test_no_moj_contact_for_a_review_in_the_community():
    obligations = clock([cetr("2027-01-20", "community")], "2027-01-28", moj_restricted=True)
    assert of_kind(obligations, "moj_contact") == []


def test_events_after_today_are_taken_as_recorded():
    obligations = clock(
        [admitted("2027-01-04"), cetr("2027-01-15", "post_admission")], "2027-01-05", dob=CHILD
    )
    assert only(obligations, "post_admission_cetr").met_on == d("2027-01-15")
