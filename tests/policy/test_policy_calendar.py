"""Counting days as the contract counts them: working days in England, calendar days, months with clamping."""

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from opendsr.policy import (
    Days,
    Months,
    Weeks,
    WorkingDays,
    add_days,
    add_months,
    add_weeks,
    add_working_days,
    age_on,
    is_bank_holiday,
    is_working_day,
)
from tests.policy.timelines import d

dates = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2060, 12, 31))


def test_easter_2027_good_friday_and_easter_monday_are_not_working_days():
    assert not is_working_day(d("2027-03-26"))  # Good Friday
    assert not is_working_day(d("2027-03-29"))  # Easter Monday
    assert is_working_day(d("2027-03-25"))
    assert is_working_day(d("2027-03-30"))


def test_weekends_are_not_working_days():
    assert not is_working_day(d("2027-01-09"))  # Saturday
    assert not is_working_day(d("2027-01-10"))  # Sunday
    assert is_working_day(d("2027-01-11"))


def test_boxing_day_2026_on_a_saturday_gives_a_substitute_day_on_monday_28_december():
    assert is_bank_holiday(d("2026-12-28"))
    assert not is_working_day(d("2026-12-28"))
    assert is_working_day(d("2026-12-29"))


def test_christmas_2027_at_a_weekend_gives_substitute_days_on_27_and_28_december():
    assert not is_working_day(d("2027-12-27"))
    assert not is_working_day(d("2027-12-28"))
    assert is_working_day(d("2027-12-29"))


def test_one_off_bank_holidays_count():
    assert not is_working_day(d("2022-09-19"))  # state funeral of Queen Elizabeth II
    assert not is_working_day(d("2023-05-08"))  # coronation of King Charles III


def test_five_working_days_from_monday_22_march_2027_skip_easter_to_wednesday_31_march():
    assert add_working_days(d("2027-03-22"), 5) == d("2027-03-31")


def test_ten_working_days_from_good_friday_2027_is_monday_12_april():
    assert add_working_days(d("2027-03-26"), 10) == d("2027-04-12")


def test_ten_working_days_from_friday_18_december_2026_skip_christmas_and_new_year():
    # 25, 28 December and 1 January are bank holidays.
    assert add_working_days(d("2026-12-18"), 10) == d("2027-01-06")


def test_working_days_counted_from_a_saturday_start_on_monday():
    assert add_working_days(d("2027-01-09"), 1) == d("2027-01-11")
    assert add_working_days(d("2027-01-09"), 5) == d("2027-01-15")


def test_zero_working_days_is_the_day_itself():
    assert add_working_days(d("2027-01-09"), 0) == d("2027-01-09")


def test_negative_working_days_count_back():
    assert add_working_days(d("2027-03-30"), -1) == d("2027-03-25")


def test_working_days_outside_the_precomputed_years_still_skip_bank_holidays():
    assert not is_working_day(d("1930-12-25"))  # a Thursday
    assert not is_working_day(d("2100-12-27"))  # Monday: substitute for Christmas Day on the Saturday


def test_days_and_weeks_are_calendar_days():
    assert add_days(d("2027-02-27"), 2) == d("2027-03-01")
    assert add_weeks(d("2027-01-04"), 6) == d("2027-02-15")
    assert Days(42).after(d("2027-01-04")) == Weeks(6).after(d("2027-01-04"))
    assert Days(1).before(d("2027-03-01")) == d("2027-02-28")


def test_31_january_plus_one_month_is_the_last_day_of_february():
    assert add_months(d("2027-01-31"), 1) == d("2027-02-28")
    assert add_months(d("2028-01-31"), 1) == d("2028-02-29")


def test_31_august_plus_six_months_clamps_to_february():
    assert add_months(d("2026-08-31"), 6) == d("2027-02-28")


def test_29_february_plus_twelve_months_is_28_february():
    assert Months(12).after(d("2028-02-29")) == d("2029-02-28")


def test_months_cross_year_ends_and_go_back():
    assert add_months(d("2026-11-30"), 3) == d("2027-02-28")
    assert add_months(d("2027-03-31"), -1) == d("2027-02-28")
    assert Months(6).before(d("2027-03-01")) == d("2026-09-01")


def test_value_classes_read_like_the_policy():
    assert WorkingDays(10).after(d("2027-01-04")) == d("2027-01-18")
    assert str(WorkingDays(10)) == "10 working days"
    assert str(Months(3)) == "3 months"


def test_age_turns_on_the_birthday():
    assert age_on(d("2009-03-14"), d("2027-03-13")) == 17
    assert age_on(d("2009-03-14"), d("2027-03-14")) == 18


def test_born_on_29_february_has_a_birthday_on_1_march_in_a_common_year():
    # England's convention: in a year without 29 February the new age is reached on 1 March.
    assert age_on(d("2008-02-29"), d("2026-02-28")) == 17
    assert age_on(d("2008-02-29"), d("2026-03-01")) == 18
    assert age_on(d("2008-02-29"), d("2028-02-29")) == 20


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=1, max_value=60))
def test_adding_working_days_lands_on_a_working_day_after_the_start(start, n):
    result = add_working_days(start, n)
    assert result > start
    assert is_working_day(result)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_adding_working_days_is_monotonic(start, a, b):
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=30))
def test_one_more_working_day_is_the_next_working_day(start, n):
    assert add_working_days(start, n + 1) == add_working_days(add_working_days(start, n), 1)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=-120, max_value=120))
def test_adding_months_keeps_the_day_or_clamps_to_the_month_end(start, n):
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day == min(start.day, calendar.monthrange(result.year, result.month)[1])


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_age_never_goes_down(born, later):
    if later >= born:
        assert age_on(born, later) >= 0
        assert age_on(born, later + dt.timedelta(days=1)) >= age_on(born, later)
