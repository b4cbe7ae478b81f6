"""Shared fixtures: organisations, a user of each role, logging in with both factors, and the browser."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts.models import OrganisationKind, Role
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 3, 1)  # tests run on a fixed date, never the real clock


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Django's password hasher is slow on purpose (hundreds of milliseconds a password),
    and the tests make and log in thousands of users: a fast hasher for them (production keeps the default)."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _fixed_today(settings):
    settings.OPENDSR_TODAY = TODAY.isoformat()
    settings.AXES_ENABLED = False
    # Background tasks (emailing a letter) run as soon as they are queued, after the transaction commits.
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _shipped_instruments(request):
    """The migrations store the shipped default instruments; a transactional test (a browser journey) empties
    the database when it ends, so put them back for every test that uses the database, whatever ran before."""
    fixtures = request.fixturenames
    if not (
        request.node.get_closest_marker("django_db") or "db" in fixtures or "transactional_db" in fixtures
    ):
        return
    request.getfixturevalue("_django_db_helper")
    from opendsr.policy.instruments import load_default_instruments
    from opendsr.register.models import InstrumentVersion

    if InstrumentVersion.objects.filter(icb=None).exists():
        return
    for data in load_default_instruments():
        InstrumentVersion.objects.create(
            icb=None,
            slug=data["slug"],
            version=1,
            name=data["name"],
            population=data["population"],
            data=data,
        )


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def icb(db):
    return OrganisationFactory(name="NHS Test ICB", kind=OrganisationKind.ICB)


@pytest.fixture
def other_icb(db):
    return OrganisationFactory(name="NHS Other ICB", kind=OrganisationKind.ICB)


@pytest.fixture
def team(icb):
    return TeamFactory(name="Adult community team", icb=icb)


@pytest.fixture
def make_user(icb):
    def make(role=Role.CASE_MANAGER, **kwargs):
        kwargs.setdefault("icb", icb)
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def lead(make_user):
    return make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")


@pytest.fixture
def case_manager(make_user):
    return make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case")


@pytest.fixture
def person(icb, team):
    return PersonFactory(icb=icb, team=team)


@pytest.fixture
def make_person(icb):
    def make(**kwargs):
        kwargs.setdefault("icb", icb)
        return PersonFactory(**kwargs)

    return make


def verify(client, user):
    """Log a test client in with both factors."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login(client):
    def do(user):
        return verify(client, user)

    return do


# ------------------------------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1200, "height": 900}}
