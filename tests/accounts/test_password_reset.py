"""Given someone who forgot their password, when they ask for a link, then only a real account gets an email,
and the page never says whether the address has an account."""

import re

from django.conf import settings
from django.core import mail

from opendsr.accounts.models import AuditEvent, Role


def test_the_login_page_links_to_password_reset(client):
    assert 'href="/login/reset/"' in client.get("/login/").content.decode()


def test_a_known_address_gets_a_link_that_sets_a_new_password(client, make_user):
    user = make_user(Role.CASE_MANAGER, email="forgetful@test.example")
    response = client.post("/login/reset/", {"email": "Forgetful@Test.example"})
    assert "If Forgetful@Test.example has an account on OpenDSR" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["forgetful@test.example"]]
    assert AuditEvent.objects.filter(action="password.reset_requested", user=user).exists()

    link = re.search(re.escape(settings.SITE_URL) + r"(/login/password/\S+/)", mail.outbox[0].body).group(1)
    weak = client.post(link, {"password1": "password", "password2": "password"})
    assert "<title>Error: Set your password" in weak.content.decode()
    assert "This password is too short" in weak.content.decode()

    mismatch = client.post(link, {"password1": "river maple lantern 9", "password2": "river maple lantern 8"})
    assert "The passwords do not match" in mismatch.content.decode()

    done = client.post(link, {"password1": "river maple lantern 9", "password2": "river maple lantern 9"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("river maple lantern 9")
    assert AuditEvent.objects.filter(action="password.set", user=user).exists()


def test_an_unknown_or_deactivated_address_reads_the_same_and_sends_nothing(client, make_user):
    make_user(Role.CASE_MANAGER, email="gone@test.example", is_active=False)
    unknown = client.post("/login/reset/", {"email": "nobody@test.example"}).content.decode()
    gone = client.post("/login/reset/", {"email": "gone@test.example"}).content.decode()
    assert "If nobody@test.example has an account on OpenDSR" in unknown
    assert "If gone@test.example has an account on OpenDSR" in gone
    assert mail.outbox == []


def test_a_tampered_link_does_not_work(client, make_user):
    user = make_user(Role.CASE_MANAGER)
    client.post("/login/reset/", {"email": user.email})
    link = re.search(re.escape(settings.SITE_URL) + r"(/login/password/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.get("/login/password/not-base64/whatever/").status_code == 404


def test_a_blank_request_says_what_to_enter(client):
    response = client.post("/login/reset/", {"email": ""})
    assert "<title>Error: Reset your password" in response.content.decode()
    assert "Enter your email address" in response.content.decode()


def test_the_link_is_built_from_site_url_never_from_the_host_header(client, make_user, settings):
    """A request's Host header is whatever its sender writes: a link built from it would send the reset token
    to someone else's site."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://dsr.example.nhs.uk"
    user = make_user(Role.CASE_MANAGER)
    client.post("/login/reset/", {"email": user.email}, HTTP_HOST="attacker.example")
    body = mail.outbox[0].body
    assert "attacker.example" not in body
    assert re.search(r"https://dsr\.example\.nhs\.uk/login/password/\S+/", body)
