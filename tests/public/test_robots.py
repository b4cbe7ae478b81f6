"""robots.txt: search engines may list the public pages, never anything behind the log-in, the referral forms'
question pages or the links emailed to professionals. Read as RFC 9309 says: the longest matching rule wins,
and Allow wins a tie."""

from __future__ import annotations

import re

import pytest


def rules(body: str) -> list[tuple[bool, re.Pattern]]:
    found = []
    for line in body.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() in ("allow", "disallow") and value.strip():
            pattern = re.escape(value.strip()).replace(r"\*", ".*").replace(r"\$", "$")
            found.append((key.strip().lower() == "allow", value.strip(), re.compile(pattern)))
    return found


def allowed(body: str, path: str) -> bool:
    matching = [(len(raw), allow) for allow, raw, pattern in rules(body) if pattern.match(path)]
    if not matching:
        return True
    return max(matching)[1]


@pytest.fixture
def robots(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert body.startswith("User-agent: *")
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/public/",
        "/public/QZ1/",
        "/public/QZ1/easy-read/",
        "/public/QZ1/privacy/",
        "/public/QZ1/accessibility/",
        "/public/QZ1/refer/",
        "/public/QZ1/professional/",
        "/accessibility/",
        "/privacy/",
    ],
)
def test_the_public_pages_may_be_listed(robots, path):
    assert allowed(robots, path)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people/",
        "/people/12/",
        "/referrals/",
        "/work/",
        "/administration/public-pages/",
        "/login/",
        "/public/QZ1/refer/who/",
        "/public/QZ1/refer/check/",
        "/public/QZ1/refer/sent/",
        "/public/QZ1/professional/emailed/",
        "/public/QZ1/professional/confirm/abc123/",
        "/publicity/",
    ],
)
def test_nothing_behind_the_log_in_or_inside_a_form_may_be(robots, path):
    assert not allowed(robots, path)
