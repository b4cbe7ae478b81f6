"""Each Appendix 9 measure on a small hand-built register, without the database. Today is 1 March 2027."""

import datetime as dt

from opendsr.reporting import measures as m

TODAY = dt.date(2027, 3, 1)
D = dt.date


def register(events=(), owed=(), actions=()):
    return m.Register(
        [m.Event(*e) for e in events], [m.Owed(*o) for o in owed], [m.ActionDue(*a) for a in actions], TODAY
    )


def test_quarters_and_years_are_the_nhs_financial_ones():
    assert m.quarter(D(2027, 2, 14)) == m.Period(D(2027, 1, 1), D(2027, 3, 31), "January to March 2027")
    assert m.year(D(2027, 2, 14)).start == D(2026, 4, 1)
    assert m.year(D(2027, 4, 1)).label == "April 2027 to March 2028"
    assert [p.label for p in m.months_to(D(2027, 2, 14), 3)] == [
        "December 2026",
        "January 2027",
        "February 2027",
    ]


def test_on_time_reads_the_stored_due_date_and_leaves_out_what_ended_or_is_not_yet_due():
    """Four obligations due in January: met on the due date (on time), met a day late, never met (late), and
    ended unmet when the person left the register (left out). One due on 5 March is not yet due (left out).
    So 1 of 3 on time."""
    r = register(
        owed=[
            (1, "community_cetr", D(2027, 1, 10), D(2027, 1, 10)),
            (2, "community_cetr", D(2027, 1, 10), D(2027, 1, 11)),
            (3, "community_cetr", D(2027, 1, 10), None),
            (4, "community_cetr", D(2027, 1, 10), None, D(2027, 1, 5)),
            (5, "community_cetr", D(2027, 3, 5), None),
        ]
    )
    assert m.on_time(r, ["community_cetr"], m.quarter(TODAY)) == m.OnTime(1, 3)


def test_admissions_that_had_a_community_cetr_or_laep_first():
    """Three admissions in February: person 1 had a community C(E)TR in December (within 6 months: counts),
    person 2 a LAEP meeting the day before (counts), person 3 a community C(E)TR 7 months before (too early)
    and a post-admission one after (not community). So 2 of 3."""
    r = register(
        events=[
            (1, "cetr_held", D(2026, 12, 1), {"kind": "community"}),
            (1, "admitted", D(2027, 2, 1)),
            (2, "laep_held", D(2027, 2, 9)),
            (2, "admitted", D(2027, 2, 10)),
            (3, "cetr_held", D(2026, 7, 1), {"kind": "community"}),
            (3, "admitted", D(2027, 2, 20)),
            (3, "cetr_held", D(2027, 2, 25), {"kind": "post_admission"}),
        ]
    )
    assert m.admissions_after_community_review(r, m.month(D(2027, 2, 1))) == m.OnTime(2, 3)


def test_admissions_avoided_follows_red_and_amber_people_for_six_months_after_the_meeting():
    """Meetings in August 2026, whose 6 months end in February 2027: person 1 (red) not admitted: avoided;
    person 2 (amber) admitted in November: not avoided; person 3 (green) is left out; person 4 (red, LAEP on
    31 August, 6 months ending 28 February) not admitted: avoided. A meeting in September ends in March, so
    is counted next month. So 2 of 3."""
    r = register(
        events=[
            (1, "stratified", D(2026, 7, 1), {"rating": "red"}),
            (1, "cetr_held", D(2026, 8, 3), {"kind": "community"}),
            (2, "stratified", D(2026, 7, 1), {"rating": "amber"}),
            (2, "cetr_held", D(2026, 8, 10), {"kind": "community"}),
            (2, "admitted", D(2026, 11, 1)),
            (3, "stratified", D(2026, 7, 1), {"rating": "green"}),
            (3, "cetr_held", D(2026, 8, 10), {"kind": "community"}),
            (4, "stratified", D(2026, 7, 1), {"rating": "red"}),
            (4, "laep_held", D(2026, 8, 31)),
            (5, "stratified", D(2026, 7, 1), {"rating": "red"}),
            (5, "laep_held", D(2026, 9, 2)),
        ]
    )
    assert m.admissions_avoided(r, m.month(D(2027, 2, 1))) == m.OnTime(2, 3)


def test_length_of_stay_is_from_the_admission_each_discharge_ended():
    """Discharges in January: 10 days (admitted 1 Jan), 100 days (admitted 2 October), 400 days (admitted 6
    December 2025). Median 100; one under 3 months, one 3 to 6 months, one 1 to 2 years."""
    r = register(
        events=[
            (1, "admitted", D(2027, 1, 1)),
            (1, "discharged", D(2027, 1, 11)),
            (2, "admitted", D(2026, 10, 3)),
            (2, "discharged", D(2027, 1, 11)),
            (3, "admitted", D(2025, 12, 6)),
            (3, "discharged", D(2027, 1, 10)),
        ]
    )
    stay = m.lengths_of_stay(r, m.month(D(2027, 1, 1)))
    assert stay.days == (10, 100, 400)
    assert stay.median == 100
    assert dict(stay.bands()) == {
        "Under 3 months": 1,
        "3 to 6 months": 1,
        "6 to 12 months": 0,
        "1 to 2 years": 1,
        "2 to 5 years": 0,
        "5 years or more": 0,
    }


def test_readmissions_within_30_and_90_days_of_the_last_discharge():
    """February admissions: person 1 discharged 20 days before (within 30 and 90), person 2 60 days before
    (within 90 only), person 3 never discharged before (left out). So 1 of 2 within 30, 2 of 2 within 90."""
    r = register(
        events=[
            (1, "discharged", D(2027, 1, 20)),
            (1, "admitted", D(2027, 2, 9)),
            (2, "discharged", D(2026, 12, 12)),
            (2, "admitted", D(2027, 2, 10)),
            (3, "admitted", D(2027, 2, 11)),
        ]
    )
    february = m.month(D(2027, 2, 1))
    assert m.readmissions(r, february, 30) == m.OnTime(1, 2)
    assert m.readmissions(r, february, 90) == m.OnTime(2, 2)


def test_actions_from_cetrs_done_by_their_due_date():
    """Due in January: done on the day (on time), done late, not done. Due 10 March: not yet due. 1 of 3."""
    r = register(
        actions=[
            (D(2027, 1, 5), D(2027, 1, 5)),
            (D(2027, 1, 5), D(2027, 1, 20)),
            (D(2027, 1, 5), None),
            (D(2027, 3, 10), None),
        ]
    )
    assert m.actions_on_time(r, m.quarter(TODAY)) == m.OnTime(1, 3)


def test_counts_read_the_events_of_the_period_only():
    r = register(
        events=[
            (1, "cetr_held", D(2027, 1, 31), {"kind": "community"}),
            (2, "cetr_held", D(2027, 2, 1), {"kind": "community"}),
            (3, "cetr_held", D(2027, 2, 2), {"kind": "post_admission"}),
        ]
    )
    assert m.count(r, "cetr_held", m.month(D(2027, 2, 1)), kind="community") == m.Count(1)
    assert m.count(r, "cetr_held", m.quarter(TODAY)) == m.Count(3)
