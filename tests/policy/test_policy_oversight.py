"""s16.1 commissioner oversight visits, s16.6 C(E)TR reports, s18 the ICS oversight panel."""

from opendsr.policy import Status
from tests.policy.timelines import CHILD, admitted, cetr, clock, d, ev, of_kind, only, open_of, status

# Oversight visits


def test_a_child_in_hospital_has_an_oversight_visit_every_6_weeks():
    obligations = clock([admitted("2027-01-04")], "2027-01-20", dob=CHILD)
    assert only(obligations, "oversight_visit").due == d("2027-02-15")


def test_an_adult_in_hospital_has_an_oversight_visit_at_least_every_8_weeks():
    obligations = clock([admitted("2027-03-01")], "2027-03-05")
    visit = only(obligations, "oversight_visit")
    assert visit.due == d("2027-04-26")
    assert status(visit, "2027-04-26") is Status.DUE
    assert status(visit, "2027-04-27") is Status.OVERDUE


def test_each_visit_meets_the_last_and_sets_the_next():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-02-10", "oversight_visit", sit_and_see=True)],
        "2027-02-11",
        dob=CHILD,
    )
    visits = of_kind(obligations, "oversight_visit")
    assert [(o.due, o.met_on) for o in visits] == [
        (d("2027-02-15"), d("2027-02-10")),
        (d("2027-03-24"), None),
    ]


def test_a_visit_after_the_18th_birthday_sets_the_next_one_8_weeks_on():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-03-15", "oversight_visit")], "2027-03-16", dob="2009-03-14"
    )
    assert open_of(obligations, "oversight_visit")[0].due == d("2027-05-10")


def test_discharge_ends_the_oversight_visits():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-02-10", "oversight_visit"), ev("2027-03-01", "discharged")],
        "2027-06-01",
    )
    assert open_of(obligations, "oversight_visit") == []


def test_a_visit_when_not_an_inpatient_raises_nothing():
    assert clock([ev("2027-02-10", "oversight_visit")], "2027-02-11") == []


# C(E)TR reports


def test_a_review_report_is_due_within_10_working_days_over_christmas():
    obligations = clock([cetr("2026-12-18", "community")], "2027-01-07")
    report = only(obligations, "cetr_report")
    assert report.due == d("2027-01-06")
    assert status(report, "2027-01-07") is Status.OVERDUE


def test_a_report_sent_on_or_after_the_review_meets_it():
    obligations = clock([cetr("2027-02-10", "community"), ev("2027-02-20", "cetr_report_sent")], "2027-03-05")
    report = only(obligations, "cetr_report")
    assert (report.due, report.met_on) == (d("2027-02-24"), d("2027-02-20"))


# The ICS oversight panel


def test_declining_a_cetr_twice_goes_to_the_oversight_panel():
    once = clock([ev("2027-01-10", "cetr_declined")], "2027-03-01")
    twice = clock([ev("2027-01-10", "cetr_declined"), ev("2027-02-10", "cetr_declined")], "2027-03-01")
    assert of_kind(once, "oversight_panel_review") == []
    panel = only(twice, "oversight_panel_review")
    assert panel.raised_on == d("2027-02-10")
    assert panel.due == d("2027-05-10")
    assert panel.reasons == ("Declined a C(E)TR twice or more (s2.4.3)",)
    assert status(panel, "2027-05-10") is Status.DUE
    assert status(panel, "2027-05-11") is Status.OVERDUE


def test_declining_three_times_is_still_one_panel_review():
    events = [ev(f"2027-0{m}-10", "cetr_declined") for m in (1, 2, 3)]
    assert len(of_kind(clock(events, "2027-04-01"), "oversight_panel_review")) == 1


def test_a_child_in_hospital_for_6_months_goes_to_the_panel_on_the_day_the_stay_reaches_6_months():
    events = [admitted("2026-08-31")]
    assert of_kind(clock(events, "2027-02-27", dob=CHILD), "oversight_panel_review") == []
    panel = only(clock(events, "2027-02-28", dob=CHILD), "oversight_panel_review")
    assert panel.raised_on == d("2027-02-28")
    assert panel.reasons == ("Inpatient stay reached 6 months (s18)",)


def test_an_adult_in_hospital_for_12_months_goes_to_the_panel():
    events = [admitted("2026-01-05")]
    assert of_kind(clock(events, "2027-01-04"), "oversight_panel_review") == []
    assert only(clock(events, "2027-01-05"), "oversight_panel_review").reasons == (
        "Inpatient stay reached 12 months (s18)",
    )


def test_a_restricted_adult_does_not_go_to_the_panel_for_a_long_stay():
    obligations = clock([admitted("2026-01-05", setting="secure")], "2027-06-01", moj_restricted=True)
    assert of_kind(obligations, "oversight_panel_review") == []


def test_a_restricted_child_still_goes_to_the_panel_after_6_months():
    obligations = clock(
        [admitted("2026-01-05", setting="secure")], "2026-07-05", dob=CHILD, moj_restricted=True
    )
    assert len(of_kind(obligations, "oversight_panel_review")) == 1


def test_a_stay_that_ended_before_reaching_12_months_does_not_go_to_the_panel():
    obligations = clock([admitted("2026-01-05"), ev("2027-01-04", "discharged")], "2027-06-01")
    assert of_kind(obligations, "oversight_panel_review") == []


def test_a_panel_review_for_a_long_stay_outlasts_the_discharge():
    obligations = clock([admitted("2026-01-05"), ev("2027-01-06", "discharged")], "2027-06-01")
    panel = only(obligations, "oversight_panel_review")
    assert (panel.raised_on, panel.due, panel.met_on) == (d("2027-01-05"), d("2027-04-05"), None)


def test_a_stay_that_ends_on_the_day_it_reaches_12_months_does_not_reach_them():
    obligations = clock([admitted("2026-01-05"), ev("2027-01-05", "discharged")], "2027-06-01")
    assert of_kind(obligations, "oversight_panel_review") == []


def test_a_post_admission_review_held_after_its_due_date_goes_to_the_panel():
    obligations = clock(
        [admitted("2027-01-04", ref="admission:1"), cetr("2027-01-20", ref="cetr:9")], "2027-01-21", dob=CHILD
    )
    assert only(obligations, "post_admission_cetr").met_on == d("2027-01-20")
    panel = only(obligations, "oversight_panel_review")
    assert panel.raised_on == d("2027-01-20")
    assert panel.raised_by_ref == "cetr:9"
    assert panel.reasons == (
        "C(E)TR held after its due date (s13.2, s18): the post-admission C(E)TR was due 18 January 2027",
    )


def test_a_review_held_on_its_due_date_does_not_go_to_the_panel():
    obligations = clock([admitted("2027-01-04"), cetr("2027-01-18")], "2027-01-21", dob=CHILD)
    assert of_kind(obligations, "oversight_panel_review") == []


def test_one_late_review_meeting_two_late_obligations_is_one_panel_review_with_both_reasons():
    obligations = clock(
        [admitted("2027-01-04"), ev("2027-01-05", "diagnosed_in_hospital"), cetr("2027-02-01")],
        "2027-02-02",
        dob=CHILD,
    )
    panel = only(obligations, "oversight_panel_review")
    assert len(panel.reasons) == 2


def test_a_late_repeat_review_goes_to_the_panel():
    obligations = clock(
        [admitted("2026-01-05"), cetr("2026-01-20", "post_admission"), cetr("2026-09-01")], "2026-09-02"
    )
    panel = only(obligations, "oversight_panel_review")
    assert "repeat C(E)TR was due 20 July 2026" in panel.reasons[0]


def test_only_late_inpatient_reviews_go_to_the_panel_not_a_community_cetr_after_a_red_rating():
    # Contract version 2 names the late reviews that go to the panel: those of a stay in hospital.
    obligations = clock(
        [ev("2027-01-10", "stratified", rating="red"), cetr("2027-01-12", "community")], "2027-01-13"
    )
    assert only(obligations, "community_cetr").met_on == d("2027-01-12")
    assert of_kind(obligations, "oversight_panel_review") == []


def test_an_admission_overtaking_a_red_rating_does_not_count_as_a_late_review():
    obligations = clock([ev("2027-01-10", "stratified", rating="red"), admitted("2027-01-12")], "2027-01-13")
    assert of_kind(obligations, "oversight_panel_review") == []


def test_a_late_review_in_a_past_admission_still_goes_to_the_panel():
    obligations = clock(
        [admitted("2027-01-04"), cetr("2027-02-15"), ev("2027-03-01", "discharged")], "2027-06-01"
    )
    assert len(of_kind(obligations, "oversight_panel_review")) == 1
