"""Before a C(E)TR: the lead-time checklist (000 "Before the C(E)TR") and Appendix 6 safeguarding steps."""

from opendsr.policy.preparation import (
    SafeguardingLevel,
    preparation_checklist,
    safeguarding_outstanding,
)
from tests.policy.timelines import d

REVIEW_ON = d("2027-04-08")  # a Thursday; Good Friday 2027 is 26 March, Easter Monday 29 March


def test_each_step_is_due_its_lead_time_before_the_review_and_papers_count_working_days():
    rows = {row["field"]: row for row in preparation_checklist(REVIEW_ON, {}, d("2027-03-01"), held=False)}
    assert rows["consent_confirmed_on"]["due"] == d("2027-03-25")  # two weeks
    assert rows["advocacy_notified_on"]["due"] == d("2027-03-11")  # 28 days
    assert rows["panel_details_sent_on"]["due"] == d("2027-04-01")  # a week
    assert rows["papers_shared_on"]["due"] == d("2027-04-01")  # a working week: Thursday to Thursday
    easter = {
        row["field"]: row for row in preparation_checklist(d("2027-04-01"), {}, d("2027-03-01"), held=False)
    }
    # 5 working days back from Thursday 1 April skip Easter Monday and Good Friday: Tuesday 23 March
    assert easter["papers_shared_on"]["due"] == d("2027-03-23")


def test_a_step_is_late_once_its_day_has_passed_undone_until_the_review_is_held():
    today = d("2027-03-26")
    rows = {row["field"]: row for row in preparation_checklist(REVIEW_ON, {}, today, held=False)}
    assert rows["consent_confirmed_on"]["late"] and not rows["panel_details_sent_on"]["late"]
    done = {"consent_confirmed_on": d("2027-03-20")}
    rows = {row["field"]: row for row in preparation_checklist(REVIEW_ON, done, today, held=False)}
    assert not rows["consent_confirmed_on"]["late"]
    rows = {row["field"]: row for row in preparation_checklist(REVIEW_ON, {}, today, held=True)}
    assert not any(row["late"] for row in rows.values())


def test_an_unscheduled_review_has_no_due_dates():
    assert all(row["due"] is None for row in preparation_checklist(None, {}, d("2027-03-01"), held=False))


def test_a_halted_review_needs_a_same_day_referral_and_the_cqc_told():
    steps = safeguarding_outstanding(
        SafeguardingLevel.HALT, d("2027-03-01"), referred_on=None, cqc_notified_on=None
    )
    assert [(s.text, s.due) for s in steps] == [
        ("Refer to the local authority the same day", d("2027-03-01")),
        ("Notify the Care Quality Commission (CQC)", d("2027-03-01")),
    ]


def test_a_concern_at_the_conclusion_is_referred_the_following_day_without_the_cqc():
    steps = safeguarding_outstanding("at_conclusion", d("2027-03-01"), referred_on=None, cqc_notified_on=None)
    assert [(s.text, s.due) for s in steps] == [
        ("Refer to the local authority by the following day", d("2027-03-02"))
    ]


def test_nothing_is_outstanding_once_referred_and_notified():
    assert (
        safeguarding_outstanding(
            "urgent", d("2027-03-01"), referred_on=d("2027-03-01"), cqc_notified_on=d("2027-03-01")
        )
        == []
    )
    steps = safeguarding_outstanding("after", d("2027-03-01"), referred_on=None, cqc_notified_on=None)
    assert [(s.text, s.due) for s in steps] == [("Refer to the local authority now", None)]
