"""Every link a user sees works for that user: as every demo role, follow every link from the home page and
fail on any that answers 403, 404 or 500."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from opendsr.accounts import demo as accounts_demo
from opendsr.accounts.models import User
from tests.conftest import TODAY, verify
from tests.crawl import Crawler, load_demo

DEMO_EMAILS = [email for email, *_ in accounts_demo.USERS]


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


def crawl_as(email: str) -> list:
    client = verify(Client(), User.objects.get(email=email))
    return Crawler(client).crawl()


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_every_link_works_for_every_demo_role(demo, db, email):
    visits = crawl_as(email)
    broken = [visit.describe() for visit in visits if visit.status in (403, 404) or visit.status >= 500]
    assert len(visits) > 1, f"{email} reached no page from home"
    assert not broken, f"{email} sees links that do not work:\n" + "\n".join(broken)
