"""Checks on the inpatient record that need no database: plain functions over plain values."""

from __future__ import annotations

import datetime as dt

# s14.4: long-term segregation is enforced isolation that "must have been in place for 48 hours or more"; from
# then the person is entitled to an independent C(E)TR (IC(E)TR). The clock counts it in days (the contract's
# "48-hour date" is the start date + 2 days), and so does this page: both read the one constant.
from opendsr.policy.rules.admission import SEGREGATION_ENTITLEMENT

# Appendix 10: the responsible clinician tells the Ministry of Justice the outcome of a C(E)TR within one week.
MOJ_CONTACT_ADDRESS = "MHCSmailbox@justice.gov.uk"


def forty_eight_hour_date(started_on: dt.date) -> dt.date:
    """The date an episode of segregation that started on `started_on` has lasted 48 hours (s14.4)."""
    return SEGREGATION_ENTITLEMENT.after(started_on)


def has_lasted_48_hours(started_on: dt.date, ended_on: dt.date | None, today: dt.date) -> bool:
    """Whether segregation that started on `started_on` lasted 48 hours: it had not ended before its 48-hour
    date, and that date has come."""
    reached = forty_eight_hour_date(started_on)
    return reached <= today and (ended_on is None or ended_on >= reached)
