"""As every demo role, follow every link from the home page (see tests/crawl.py), once per role, and check two
things of every page reached:

- every link a user sees works for that user: none answers 403, 404 or 500;
- every page that shows a person's data writes an audit row: a page showing the NHS number of a person (as
  999 123 4567 or as 10 digits) must have written, while answering, an audit row naming that person (as the
  row's person, or among the ids of the people a list's row names).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from opendsr.accounts import access
from opendsr.accounts import demo as accounts_demo
from opendsr.accounts.access import Action
from opendsr.accounts.models import User
from opendsr.register.models import Person
from tests.conftest import TODAY, verify
from tests.crawl import Crawler, load_demo

DEMO_EMAILS = [email for email, *_ in accounts_demo.USERS]
NHS_NUMBER = re.compile(r"(?<!\d)(\d{3})[ \u00a0]?(\d{3})[ \u00a0]?(\d{4})(?!\d)")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo ICB, loaded once for the module and rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock(), override_settings(OPENDSR_TODAY=TODAY.isoformat(), AXES_ENABLED=False):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def crawls(demo):
    """Each role's crawl, made once and shared by the tests of this module."""
    return {}


def crawl_as(crawls: dict, email: str) -> list:
    if email not in crawls:
        client = verify(Client(), User.objects.get(email=email))
        crawls[email] = Crawler(client).crawl()
    return crawls[email]


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_link_works_for_every_demo_role(crawls, db, email):
    visits = crawl_as(crawls, email)
    broken = [visit.describe() for visit in visits if visit.status in (403, 404) or visit.status >= 500]
    assert len(visits) > 1, f"{email} reached no page from home"
    assert not broken, f"{email} sees links that do not work:\n" + "\n".join(broken)


def people_shown(text: str, numbers: dict[str, int]) -> set[int]:
    """The ids of the people whose NHS number (formatted or as 10 digits) appears in the text."""
    found = ("".join(match.groups()) for match in NHS_NUMBER.finditer(text))
    return {numbers[digits] for digits in found if digits in numbers}


def people_audited(rows) -> set[int]:
    named = {row.person_id for row in rows if row.person_id}
    for row in rows:
        named.update(pk for pk in (row.detail or {}).get("people", []) if isinstance(pk, int))
    return named


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_page_showing_a_person_is_audited_for_every_demo_role(crawls, db, email):
    numbers = dict(Person.objects.values_list("nhs_number", "pk"))
    problems = []
    pages_showing_people = 0
    for visit in crawl_as(crawls, email):
        if visit.status != 200 or not visit.body:
            continue
        shown = people_shown(visit.body, numbers)
        pages_showing_people += bool(shown)
        unaudited = shown - people_audited(visit.audit_rows)
        if unaudited:
            problems.append(f"{visit.url} shows {len(unaudited)} of {len(shown)} people without an audit row")
    if access.allowed(User.objects.get(email=email), Action.VIEW_REGISTER):
        assert pages_showing_people > 5, f"{email} saw hardly anyone: the check would prove nothing"
    assert not problems, f"{email}:\n" + "\n".join(problems)


def test_the_regional_lead_reaches_the_regions_long_term_segregation_list(crawls, db):
    """s14.4: the list the regional lead reports to the national team is a link away, and shows someone."""
    (regional,) = [email for email, _, _, role, *_ in accounts_demo.USERS if role == "regional"]
    visits = [v for v in crawl_as(crawls, regional) if v.url.startswith("/inpatients/segregation/region/")]
    assert visits and all(v.status == 200 for v in visits)
    pages = [v.body for v in visits if v.is_html]
    assert pages and all("of long-term segregation." in body for body in pages)
    assert not any("0 episodes of long-term segregation" in body for body in pages)
