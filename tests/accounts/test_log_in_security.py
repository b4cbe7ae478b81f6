"""Given someone after an account (a lost phone, a password guesser, a sprayer, a prober of record ids), then
their sessions end, their attempts lock, and the audit trail keeps what they tried."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts.middleware import client_address
from opendsr.accounts.models import AuditEvent, Role
from tests.conftest import verify

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


def _sessions_of(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk))


@pytest.fixture
def lead_client(lead):
    return verify(Client(), lead)


@pytest.fixture
def lost_phone(case_manager):
    """The case manager's phone, logged in with both factors, in someone else's hands."""
    phone = verify(Client(), case_manager)
    assert phone.get("/work/").status_code == 200
    return phone


# ------------------------------------------------------------------------------------- a lost phone (item 14)


def test_resetting_the_security_code_logs_the_lost_phone_out(lead_client, case_manager, lost_phone):
    lead_client.post(f"/administration/users/{case_manager.pk}/reset-security-code/")

    setup = lost_phone.get("/login/set-up/")
    assert setup.status_code == 302 and setup["Location"].startswith("/login/")
    assert "Set up your security code" not in lost_phone.get("/login/set-up/", follow=True).content.decode()
    assert not TOTPDevice.objects.filter(user=case_manager).exists()
    assert _sessions_of(case_manager) == 0
    event = AuditEvent.objects.get(action="user.second_factor_reset")
    assert event.detail["sessions_ended"] == 1


def test_deactivating_ends_every_session_so_reactivating_does_not_revive_them(
    lead_client, case_manager, lost_phone
):
    lead_client.post(f"/administration/users/{case_manager.pk}/deactivate/")
    assert _sessions_of(case_manager) == 0
    lead_client.post(f"/administration/users/{case_manager.pk}/reactivate/")

    response = lost_phone.get("/work/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_lead_resetting_their_own_code_is_logged_out(lead_client, lead):
    response = lead_client.post(f"/administration/users/{lead.pk}/reset-security-code/")
    assert response["Location"] == "/login/"
    assert lead_client.get("/work/")["Location"].startswith("/login/")


def test_setting_up_a_new_authenticator_asks_for_the_password_again(case_manager):
    """A session that got past the password some other way than just now (here, forced) must enter it
    before it is shown a new authenticator key."""
    browser = Client()
    browser.force_login(case_manager)

    page = browser.get("/login/set-up/").content.decode()
    assert "Enter your password" in page
    assert "Scan this code" not in page
    assert not TOTPDevice.objects.filter(user=case_manager).exists()

    wrong = browser.post("/login/set-up/", {"password": "not the password"}).content.decode()
    assert "<title>Error: Enter your password" in wrong
    assert "Your password is not right" in wrong
    assert "Scan this code" not in wrong

    right = browser.post("/login/set-up/", {"password": PASSWORD})
    assert right["Location"] == "/login/set-up/"
    assert "Scan this code" in browser.get("/login/set-up/").content.decode()


def test_logging_in_with_the_password_goes_straight_to_setting_up(client, case_manager):
    response = client.post("/login/", {"email": case_manager.email, "password": PASSWORD})
    assert response["Location"] == "/login/set-up/"
    assert "Scan this code" in client.get("/login/set-up/").content.decode()


# ----------------------------------------------------------------------------------- lockouts (item 15)


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_FAILURE_LIMIT_PER_EMAIL = 8
    settings.AXES_FAILURE_LIMIT_PER_ADDRESS = 12
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None  # pick up the settings
    yield
    AxesProxyHandler.implementation = None


def _try(email, *, address, password="not the password"):
    return Client(REMOTE_ADDR=address).post("/login/", {"email": email, "password": password})


def test_guessing_one_password_from_many_addresses_locks_the_account(make_user, lockout):
    user = make_user(Role.CASE_MANAGER)
    for n in range(7):
        assert _try(user.email, address=f"203.0.113.{n + 1}").status_code == 200
    assert _try(user.email, address="203.0.113.99").status_code == 429, "the 8th failure anywhere locks"
    assert _try(user.email, address="203.0.113.100", password=PASSWORD).status_code == 429
    other = make_user(Role.CASE_MANAGER)
    assert _try(other.email, address="203.0.113.100", password=PASSWORD).status_code == 302


def test_spraying_one_password_over_many_accounts_locks_the_address(make_user, lockout):
    for n in range(11):
        assert _try(f"person{n}@test.example", address="198.51.100.7").status_code == 200
    assert _try("person11@test.example", address="198.51.100.7").status_code == 429
    user = make_user(Role.CASE_MANAGER)
    assert _try(user.email, address="198.51.100.7", password=PASSWORD).status_code == 429
    assert _try(user.email, address="198.51.100.8", password=PASSWORD).status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_attempts_on_others(make_user, lockout):
    sprayer = make_user(Role.CASE_MANAGER)
    for n in range(11):
        _try(f"person{n}@test.example", address="198.51.100.9")
    assert _try(sprayer.email, address="198.51.100.9", password=PASSWORD).status_code == 302
    assert _try("person99@test.example", address="198.51.100.9").status_code == 429


def test_the_address_behind_trusted_proxies_is_the_one_counted(make_user, lockout, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = make_user(Role.CASE_MANAGER)
    for n in range(11):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.20").post(
            "/login/", {"email": f"person{n}@test.example", "password": "wrong"}
        )
    # Twelve sprayed attempts through the proxy lock the client's address, not the proxy's ...
    locked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert locked.post("/login/", {"email": "x@test.example", "password": "w"}).status_code == 429
    # ... so someone else coming through the same proxy still logs in.
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert other.post("/login/", {"email": user.email, "password": PASSWORD}).status_code == 302
    failed = AuditEvent.objects.filter(action="login.failed").first()
    assert failed.ip_address == "198.51.100.20"


def test_the_client_address_is_read_only_through_trusted_proxies():
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.5, 10.0.0.2"}
    assert client_address(meta, proxy_count=0, header="X-Forwarded-For") == "10.0.0.1"
    assert client_address(meta, proxy_count=1, header="X-Forwarded-For") == "10.0.0.2"
    assert client_address(meta, proxy_count=2, header="X-Forwarded-For") == "198.51.100.5"
    assert client_address(meta, proxy_count=4, header="X-Forwarded-For") == "10.0.0.1", (
        "too short: not trusted"
    )
    assert (
        client_address(
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "198.51.100.6"}, proxy_count=1, header="X-Real-IP"
        )
        == "198.51.100.6"
    )
    assert (
        client_address(
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "<script>"},
            proxy_count=1,
            header="X-Forwarded-For",
        )
        == "10.0.0.1"
    )


# --------------------------------------------------------------------------------- the audit trail (item 15)


def test_a_failed_log_in_is_in_the_audit_trail_of_the_account_it_named(client, case_manager):
    client.post("/login/", {"email": case_manager.email.upper(), "password": "not the password"})
    client.post("/login/", {"email": "nobody@test.example", "password": "not the password"})
    named, unknown = AuditEvent.objects.filter(action="login.failed").order_by("id")
    assert named.user == case_manager and named.icb == case_manager.icb
    assert unknown.user is None and unknown.detail["email"] == "nobody@test.example"
    assert not AuditEvent.objects.filter(detail__icontains="not the password").exists()


def test_a_lockout_is_in_the_audit_trail(client, case_manager, lockout):
    for _ in range(5):
        client.post("/login/", {"email": case_manager.email, "password": "not the password"})
    assert AuditEvent.objects.filter(action="login.failed", user=case_manager).count() == 4
    assert AuditEvent.objects.filter(action="login.locked_out", user=case_manager).count() == 1


def test_a_wrong_security_code_is_in_the_audit_trail(client, case_manager):
    TOTPDevice.objects.create(user=case_manager, name="Phone", confirmed=True)
    client.post("/login/", {"email": case_manager.email, "password": PASSWORD})
    page = client.post("/login/code/", {"code": "000000"}).content.decode()
    assert "The security code is not right" in page
    event = AuditEvent.objects.get(action="login.code_wrong")
    assert event.user == case_manager


def test_asking_for_a_record_id_that_is_not_yours_is_in_the_audit_trail(login, case_manager, other_icb):
    from tests.factories import PersonFactory

    elsewhere = PersonFactory(icb=other_icb)
    client = login(case_manager)
    assert client.get(f"/people/{elsewhere.pk}/").status_code == 404
    assert client.get("/people/999999/").status_code == 404
    events = AuditEvent.objects.filter(action="record.not_found", user=case_manager).order_by("id")
    assert [e.detail["ids"] for e in events] == [{"pk": str(elsewhere.pk)}, {"pk": "999999"}]
    assert all(e.person is None for e in events), "nothing of the other ICB's person is linked"
    assert client.get("/no-such-page/").status_code == 404
    assert events.count() == 2, "a page that does not exist is not a record"
