"""Personal API tokens: made on the account page and shown once, kept only as a digest, listed with when they
were last used, revocable, expiring, limited per minute, and dead once their user is deactivated."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from opendsr.accounts.models import AuditEvent, Role
from opendsr.api import services
from opendsr.api.models import ApiToken, Scope
from tests.api.conftest import Api


def _make_on_the_page(client, name="Provider system", scopes=("read",), days="90"):
    return client.post("/account/api-tokens/new/", {"name": name, "scopes": list(scopes), "days": days})


def test_a_token_made_on_the_page_is_shown_once_and_only_its_digest_is_kept(db, lead, login):
    client = login(lead)
    form = client.get("/account/api-tokens/new/").content.decode()
    assert 'value="90" checked' in form  # 90 days unless the user says otherwise

    response = _make_on_the_page(client, scopes=("read", "record_events"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    token = ApiToken.objects.get(user=lead)
    start = page.index(token.prefix + "_")
    secret = page[start : page.index("<", start)]
    assert "Copy your new token now" in page
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert token.scopes == ["read", "record_events"]
    # Shown once: the list no longer shows it, and no table holds the secret.
    again = client.get("/account/api-tokens/").content.decode()
    assert secret not in again and token.prefix in again and "Never" in again
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the database itself
            assert not any(secret in str(value) for row in cursor.fetchall() for value in row), table
    # It works.
    assert Api(secret).get("/people").status_code == 200


def test_the_form_says_what_is_missing(db, lead, login):
    response = _make_on_the_page(login(lead), name="", scopes=())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name for the token" in html and "Select what the token may do" in html
    assert not ApiToken.objects.exists()


def test_a_token_works_for_a_year_at_most(db, lead):
    with pytest.raises(ValidationError):
        services.create_token(user=lead, name="Too long", scopes=[Scope.READ], days=366)
    token, _secret = services.create_token(user=lead, name="A year", scopes=[Scope.READ], days=365)
    assert dt.timedelta(days=364) < token.expires_at - token.created_at <= dt.timedelta(days=365, seconds=5)


def test_a_revoked_token_is_refused_and_says_so_on_the_list(db, lead, login, token_for):
    token, secret = token_for(lead)
    api = Api(secret)
    assert api.get("/people").status_code == 200

    client = login(lead)
    response = client.post("/account/api-tokens/revoke/", {"token": token.pk})
    assert response.status_code == 302
    assert api.get("/people").status_code == 401
    page = client.get("/account/api-tokens/").content.decode()
    assert "Revoked" in page and "is revoked" in page
    assert AuditEvent.objects.filter(action="api.token_revoked", user=lead).exists()


def test_nobody_revokes_another_users_token(db, lead, make_user, login, token_for):
    token, secret = token_for(make_user(Role.CASE_MANAGER))
    login(lead).post("/account/api-tokens/revoke/", {"token": token.pk})
    assert Api(secret).get("/people").status_code == 200
    assert token.prefix not in login(lead).get("/account/api-tokens/").content.decode()


def test_an_expired_token_is_refused(db, lead, token_for):
    _token, secret = token_for(lead, days=7)
    api = Api(secret)
    assert api.get("/people").status_code == 200
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=7, minutes=1)):
        assert api.get("/people").status_code == 401


def test_a_deactivated_users_tokens_stop_working(db, lead, token_for):
    _token, secret = token_for(lead)
    lead.is_active = False
    lead.save()
    assert Api(secret).get("/people").status_code == 401


def test_a_role_that_may_not_use_the_api_has_no_token_page_and_its_tokens_do_not_work(
    db, make_user, login, token_for
):
    analyst = make_user(Role.ANALYST)
    assert login(analyst).get("/account/api-tokens/").status_code == 403
    assert "API tokens" not in login(analyst).get("/", follow=True).content.decode()
    _token, secret = token_for(analyst)
    assert Api(secret).get("/people").status_code == 401


def test_only_a_bearer_token_lets_anyone_in(db, lead, login, token_for):
    client = login(lead)  # a logged-in browser session is not enough
    assert client.get("/api/v1/people").status_code == 401
    _token, secret = token_for(lead)
    assert client.get("/api/v1/people", headers={"Authorization": f"Token {secret}"}).status_code == 401
    assert Api("odsr_00000000_not-a-token").get("/people").status_code == 401
    assert Api(secret[:-1]).get("/people").status_code == 401


def test_each_use_is_audited_and_shown_as_last_used(db, lead, login, token_for):
    token, secret = token_for(lead)
    Api(secret).get("/people")
    used = AuditEvent.objects.filter(action="api.token_used", user=lead)
    assert used.count() == 1
    assert token.prefix in used.get().summary and "GET /api/v1/people" in used.get().summary
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "Never" not in login(lead).get("/account/api-tokens/").content.decode()


def test_a_token_is_limited_per_minute(db, lead, token_for, settings):
    settings.OPENDSR_API_REQUESTS_PER_MINUTE = 3
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, 5, tzinfo=dt.UTC), tick=False):
        api, other = Api(token_for(lead)[1]), Api(token_for(lead)[1])
        assert [api.get("/people").status_code for _ in range(3)] == [200, 200, 200]
        refused = api.get("/people")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "56"
        assert other.get("/people").status_code == 200  # each token has its own limit
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 1, 1, tzinfo=dt.UTC), tick=False):
        assert api.get("/people").status_code == 200


def test_the_account_header_links_to_the_tokens_page(db, case_manager, login):
    html = login(case_manager).get("/", follow=True).content.decode()
    assert 'href="/account/api-tokens/"' in html
