"""Counting days the way the policy counts them.

The policy gives timescales in working days ("within 5 working days", "10 working days"), calendar days and
weeks ("within 6 weeks of transfer"), and months ("6 monthly", "12 monthly"). The contract fixes the meaning:

- "N working days after D" is the N-th day after D that is Monday to Friday and not a bank holiday in England;
- "N days" and "N weeks" are calendar days;
- "N months" adds calendar months, clamping to the month's last day (31 January + 1 month = 28/29 February).

Bank holidays come from the `holidays` package (England, including substitute days and one-off holidays such
as a state funeral). They are worked out once, lazily, and kept for the life of the process.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

# The years worked out in one go the first time a working day is counted. Earlier dates still work: their
# year's holidays are worked out on demand. (The holidays package knows no bank holidays after 2100.)
_FIRST_YEAR = 1950
_LAST_YEAR = 2100

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5

_bank_holidays: frozenset[dt.date] | None = None


def _england_holidays(years) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=years).keys())


def bank_holidays() -> frozenset[dt.date]:
    """England's bank holidays from 1950 to 2100, computed on first use."""
    global _bank_holidays
    if _bank_holidays is None:
        _bank_holidays = _england_holidays(range(_FIRST_YEAR, _LAST_YEAR + 1))
    return _bank_holidays


@lru_cache(maxsize=64)
def _bank_holidays_in(year: int) -> frozenset[dt.date]:
    """England's bank holidays for a year outside the precomputed range."""
    return _england_holidays([year])


def is_bank_holiday(day: dt.date) -> bool:
    if _FIRST_YEAR <= day.year <= _LAST_YEAR:
        return day in bank_holidays()
    return day in _bank_holidays_in(day.year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < _SATURDAY and not is_bank_holiday(day)


@lru_cache(maxsize=200_000)
def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (before it, when n is negative); `start` itself when n is 0.

    `start` need not be a working day: a referral received on a Saturday is acknowledged within 5 working days
    counted from the Monday. Cached, because the clock asks the same few questions for many people.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def add_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def add_weeks(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(weeks=n)


def add_months(start: dt.date, n: int) -> dt.date:
    """Add calendar months, clamping to the end of a shorter month (31 August + 6 months = 28 February)."""
    month_index = start.year * 12 + (start.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    day = start.day
    if day > 28:
        day = min(day, _stdlib_calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Age in whole years on a date.

    Someone born on 29 February reaches each new age on 1 March in a year that is not a leap year, the
    convention in England (a person attains an age at the start of the anniversary of their birth, and in a
    common year there is no 29 February; the day after 28 February is 1 March).
    """
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    """The date a person reaches `age`, as `age_on` counts it: someone born on 29 February reaches it on
    1 March in a common year."""
    year = date_of_birth.year + age
    if (date_of_birth.month, date_of_birth.day) == (2, 29) and not _stdlib_calendar.isleap(year):
        return dt.date(year, 3, 1)
    return date_of_birth.replace(year=year)


# Spans of time, so that a timescale reads like the policy: `WorkingDays(10).after(admitted_on)`.

_spans: dict[int, dt.timedelta] = {}


def _days(n: int) -> dt.timedelta:
    """n days as a timedelta, each made once (the clock adds the same few spans to many dates)."""
    span = _spans.get(n)
    if span is None:
        span = _spans[n] = dt.timedelta(days=n)
    return span


@dataclass(frozen=True, slots=True)
class WorkingDays:
    n: int

    def after(self, day: dt.date) -> dt.date:
        return add_working_days(day, self.n)

    def before(self, day: dt.date) -> dt.date:
        return add_working_days(day, -self.n)

    def __str__(self) -> str:
        return f"{self.n} working days"


@dataclass(frozen=True, slots=True)
class Days:
    n: int

    def after(self, day: dt.date) -> dt.date:
        return day + _days(self.n)

    def before(self, day: dt.date) -> dt.date:
        return day - _days(self.n)

    def __str__(self) -> str:
        return f"{self.n} days"


@dataclass(frozen=True, slots=True)
class Weeks:
    n: int

    def after(self, day: dt.date) -> dt.date:
        return day + _days(7 * self.n)

    def before(self, day: dt.date) -> dt.date:
        return day - _days(7 * self.n)

    def __str__(self) -> str:
        return f"{self.n} weeks"


@dataclass(frozen=True, slots=True)
class Months:
    n: int

    def after(self, day: dt.date) -> dt.date:
        return add_months(day, self.n)

    def before(self, day: dt.date) -> dt.date:
        return add_months(day, -self.n)

    def __str__(self) -> str:
        return f"{self.n} months"
