"""Keeping the online referral form safe from abuse without puzzles: plain checks over plain values.

A person is never asked to prove they are human. A form sent by a program gives itself away: it fills in the
field people never see (the honeypot), it is sent faster than anyone reads the questions, or it is sent again
and again from one network address. Any of these refuses the referral, and the page says to phone instead."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Refusal(StrEnum):
    HONEYPOT = "honeypot"  # the hidden field was filled in
    TOO_FAST = "too_fast"  # sent sooner after the first question than a person could
    TOO_MANY = "too_many"  # the limit for one network address in an hour is reached
    NO_START = "no_start"  # sent without the questions ever being opened in this browser


def refusal(
    *,
    honeypot: str,
    started_at: dt.datetime | None,
    now: dt.datetime,
    minimum_seconds: int,
    sent_this_hour: int,
    limit_per_hour: int,
) -> Refusal | None:
    """Why an online referral is refused, or None to accept it."""
    if honeypot.strip():
        return Refusal.HONEYPOT
    if sent_this_hour >= limit_per_hour:
        return Refusal.TOO_MANY
    if started_at is None:
        return Refusal.NO_START
    if (now - started_at).total_seconds() < minimum_seconds:
        return Refusal.TOO_FAST
    return None
