"""Which dates make sense on a person's record: from 1900, not before birth, not before what they follow."""

import datetime as dt

from opendsr.policy.dates import date_of_birth_problem, event_date_problem

TODAY = dt.date(2027, 3, 1)


def test_a_date_of_birth_is_from_1900_and_in_the_past():
    assert date_of_birth_problem(dt.date(1800, 1, 1), today=TODAY) == (
        "Date of birth must be the same as or after 1 January 1900"
    )
    assert date_of_birth_problem(TODAY, today=TODAY) == "Date of birth must be in the past"
    assert date_of_birth_problem(dt.date(1900, 1, 1), today=TODAY) is None


def test_an_event_cannot_come_before_the_person_was_born_or_what_it_follows():
    subject = "The date consent was checked"
    born = dt.date(2009, 4, 2)
    assert event_date_problem(dt.date(2009, 4, 1), subject=subject, today=TODAY, born=born) == (
        "The date consent was checked must be the same as or after their date of birth (2 April 2009)"
    )
    given = dt.date(2027, 2, 1)
    assert event_date_problem(
        dt.date(2027, 1, 31), subject=subject, today=TODAY, after=given, after_what="consent was given"
    ) == (
        "The date consent was checked must be the same as or after the date consent was given (1 February 2027)"
    )
    assert event_date_problem(given, subject=subject, today=TODAY, born=born, after=given) is None


def test_events_are_not_in_the_future_and_plans_not_more_than_ten_years_ahead():
    assert event_date_problem(dt.date(1899, 12, 31), subject="Date", today=TODAY) == (
        "Date must be the same as or after 1 January 1900"
    )
    assert (
        event_date_problem(dt.date(2027, 3, 2), subject="Date", today=TODAY)
        == "Date must be today or in the past"
    )
    assert event_date_problem(dt.date(2037, 3, 1), subject="Date", today=TODAY, planned=True) is None
    assert event_date_problem(dt.date(2037, 3, 2), subject="Date", today=TODAY, planned=True) == (
        "Date must be the same as or before 1 March 2037"
    )
