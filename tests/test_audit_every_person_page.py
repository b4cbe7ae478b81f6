"""Every page that shows a person's data writes an audit row: as every demo role, follow every link from the home
page and fail on any page that shows an NHS number of a person whom no audit row of that request names (by the
row's person, or among the people a list's row names)."""

from __future__ import annotations

import re

import pytest

from opendsr.register.models import Person
from tests.test_crawl_every_link import DEMO_EMAILS, crawl_as, demo  # noqa: F401 (the demo fixture)

NHS_NUMBER = re.compile(r"(?<![\d])(\d{3})[ \u00a0]?(\d{3})[ \u00a0]?(\d{4})(?![\d])")


def people_shown(text: str, numbers: dict[str, int]) -> set[int]:
    """The ids of the people whose NHS number (formatted or as 10 digits) appears in the text."""
    return {
        numbers[digits]
        for digits in ("".join(m.groups()) for m in NHS_NUMBER.finditer(text))
        if digits in numbers
    }


def people_audited(rows) -> set[int]:
    named = {row.person_id for row in rows if row.person_id}
    for row in rows:
        named.update(pk for pk in (row.detail or {}).get("people", []) if isinstance(pk, int))
    return named


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_page_showing_a_person_is_audited(demo, db, email):  # noqa: F811
    numbers = dict(Person.objects.values_list("nhs_number", "pk"))
    problems = []
    pages = 0
    for visit in crawl_as(email):
        if visit.status != 200 or not visit.body:
            continue
        shown = people_shown(visit.body, numbers)
        if not shown:
            continue
        pages += 1
        unaudited = shown - people_audited(visit.audit_rows)
        if unaudited:
            problems.append(f"{visit.url} shows {len(unaudited)} of {len(shown)} people without an audit row")
    assert not problems, f"{email}:\n" + "\n".join(problems)
