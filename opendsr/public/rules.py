"""Keeping the online referral form safe from abuse without puzzles: plain checks over plain values.

A person is never asked to prove they are human. A form sent by a program gives itself away: it fills in the
field people never see (the honeypot), it is sent faster than anyone reads the questions, or it is sent again
and again from one network address. Any of these refuses the referral, and the page says to phone instead."""

from __future__ import annotations

import datetime as dt
import re
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


# ------------------------------------------------------------------------ a professional's email address

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LINK_VALID_FOR = dt.timedelta(hours=24)  # how long the link that confirms a professional's address works
LINK_VALID_FOR_WORDS = (
    f"{int(LINK_VALID_FOR.total_seconds() // 3600)} hours"  # as the pages and the email say it
)


def domains(text: str) -> tuple[list[str], list[str]]:
    """The email domains typed one a line (an "@" or "*." in front is allowed), and the lines that are not one."""
    found: list[str] = []
    wrong: list[str] = []
    for raw in (text or "").replace(",", "\n").splitlines():
        domain = raw.strip().lower().lstrip("@").removeprefix("*.").rstrip(".")
        if not domain:
            continue
        if DOMAIN.match(domain):
            if domain not in found:
                found.append(domain)
        else:
            wrong.append(raw.strip())
    return found, wrong


def is_trusted(email: str, trusted: list[str]) -> bool:
    """Whether an email address is from a domain the ICB accepts without review, or a part of one: with nhs.uk
    listed, someone@trust.nhs.uk is accepted; someone@nhs.uk.example.com is not."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower().rstrip(".")
    if "@" not in (email or "") or not domain:
        return False
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in trusted)


class LinkState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


def link_state(*, found: bool, sent_at: dt.datetime | None, used: bool, now: dt.datetime) -> LinkState:
    """Whether a professional's confirmation link may still be used: once, within 24 hours of being sent."""
    if not found or sent_at is None:
        return LinkState.UNKNOWN
    if used:
        return LinkState.USED
    if now - sent_at > LINK_VALID_FOR:
        return LinkState.EXPIRED
    return LinkState.VALID
