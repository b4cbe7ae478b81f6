"""Which email domains an ICB accepts without review, read from what the DSR lead typed, and when a
professional's link may still be used: plain rules, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from opendsr.public.rules import LinkState, domains, is_trusted, link_state


def test_domains_are_read_one_a_line_whatever_the_lead_adds():
    assert domains("nhs.net\n@NHS.UK\n*.sch.example.org, nhs.net\n\n") == (
        ["nhs.net", "nhs.uk", "sch.example.org"],
        [],
    )
    assert domains("nhs.net\nnot a domain\nlocalhost")[1] == ["not a domain", "localhost"]


@pytest.mark.parametrize(
    "email, trusted",
    [
        ("gp@nhs.net", True),
        ("GP@NHS.NET", True),
        ("nurse@trust.nhs.uk", True),
        ("someone@nhs.uk.example.com", False),
        ("someone@evilnhs.net", False),
        ("someone@gmail.com", False),
        ("nhs.net", False),
    ],
)
def test_an_address_is_trusted_only_from_a_listed_domain_or_a_part_of_one(email, trusted):
    assert is_trusted(email, ["nhs.net", "nhs.uk"]) is trusted


def test_a_link_works_once_for_24_hours():
    sent = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
    at = sent + dt.timedelta(hours=23, minutes=59)
    assert link_state(found=True, sent_at=sent, used=False, now=at) == LinkState.VALID
    assert link_state(found=True, sent_at=sent, used=True, now=at) == LinkState.USED
    later = sent + dt.timedelta(hours=24, minutes=1)
    assert link_state(found=True, sent_at=sent, used=False, now=later) == LinkState.EXPIRED
    assert link_state(found=False, sent_at=None, used=False, now=at) == LinkState.UNKNOWN
    assert link_state(found=True, sent_at=None, used=False, now=at) == LinkState.UNKNOWN
