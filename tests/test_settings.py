"""Production settings: Django's deployment check passes, pages send security headers, sessions expire, and
repeated failed log-ins lock the account."""

import datetime as dt
import os
import re
import secrets
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings

from opendsr.accounts.models import Role
from tests.conftest import ROOT


def _production_env(**extra) -> dict:
    # The test run's own switches (async-unsafe for the browser tests, testing mode) are not production's.
    dropped = {"DEBUG", "OPENDSR_TESTING", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "opendsr.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "opendsr.example.nhs.uk",
            **extra,
        }
    )
    return env


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_deployment_check_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_turns_on_https_only_cookies_and_hsts():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


def test_pages_send_security_headers_and_every_script_carries_the_csp_nonce(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "the page has scripts"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/login/")["Content-Security-Policy"] != policy, "a fresh nonce on every response"


def test_a_session_ends_after_a_working_day_without_activity(login, make_user):
    client = login(make_user(Role.CASE_MANAGER))
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=7, minutes=50)):
        still_in = client.get("/work/")
        assert still_in.status_code == 200
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=16)):
        response = client.get("/work/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_session_cookie_ends_when_the_browser_closes(login, make_user):
    client = login(make_user(Role.CASE_MANAGER))
    client.get("/work/")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None  # pick up the enabled setting
    yield
    AxesProxyHandler.implementation = None


def test_five_failed_log_ins_lock_the_account(client, make_user, lockout):
    user = make_user(Role.CASE_MANAGER, email="locked@test.example")
    for _ in range(4):
        response = client.post("/login/", {"email": user.email, "password": "not the password"})
        assert response.status_code == 200
        assert "Your email address or password is not right" in response.content.decode()
    fifth = client.post("/login/", {"email": user.email, "password": "not the password"})
    assert fifth.status_code == 429
    assert "Your account is locked for now" in fifth.content.decode()
    right = client.post("/login/", {"email": user.email, "password": "correct-horse-battery"})
    assert right.status_code == 429, "even the right password waits until the lock ends"


def _setting(expression: str, env: dict) -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "opendsr-development-only-key-not-for-production-use-0123456789",
            "SECRET_KEY is the development key",
        ),
        ("short-but-set", "SECRET_KEY must be at least 50 random characters"),
        ("a" * 60, "SECRET_KEY must be at least 50 random characters"),
    ],
)
def test_production_refuses_a_weak_secret_key(key, message):
    result = _manage("check", env=_production_env(SECRET_KEY=key))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_fixed_today():
    result = _manage("check", env=_production_env(OPENDSR_TODAY="2027-03-01"))
    assert result.returncode != 0
    assert "OPENDSR_TODAY fixes the date for development and tests only" in result.stderr
    development = _setting("s.OPENDSR_TODAY", {**_production_env(OPENDSR_TODAY="2027-03-01"), "DEBUG": "1"})
    assert development.stdout.strip() == "2027-03-01", development.stderr


def test_links_in_emails_use_site_url_or_the_production_host():
    assert _setting("s.SITE_URL", _production_env()).stdout.strip() == "https://opendsr.example.nhs.uk"
    given = _production_env(SITE_URL="https://dsr.example.nhs.uk/")
    assert _setting("s.SITE_URL", given).stdout.strip() == "https://dsr.example.nhs.uk"


def test_a_sqlite_database_url_keeps_the_sqlite_options(tmp_path):
    env = _production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'opendsr.sqlite3'}")
    result = _setting('s.DATABASES["default"]["OPTIONS"]', env)
    options = result.stdout.strip()
    assert "'timeout': 20" in options, result.stderr
    assert "journal_mode=WAL" in options and "'transaction_mode': 'IMMEDIATE'" in options


def test_only_the_log_in_pages_are_open_not_everything_that_starts_with_login(client):
    assert client.get("/login/").status_code == 200
    for path in ("/login-anything/", "/loginx", "/logins/export.csv"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/?next="), path


def test_pages_and_files_for_a_logged_in_user_are_never_stored(login, make_user):
    client = login(make_user(Role.DSR_LEAD))
    for path in ("/work/", "/audit/export.csv", "/people/export.csv"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path
