"""The OpenAPI document describes the API, the documentation page keeps to the site's content security policy,
and requests generated from the document (schemathesis) never meet a server error."""

import datetime as dt
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from opendsr.api.v1 import api
from opendsr.register.timeline import record_event
from tests.api.conftest import ALL_SCOPES
from tests.factories import PersonFactory

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
SCHEMA.app = get_wsgi_application()


def test_the_document_names_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) == {
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person_id}/events",
        "/api/v1/people/{person_id}/obligations",
        "/api/v1/obligations",
        "/api/v1/referrals",
    }
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_documentation_page_needs_no_script_from_elsewhere(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "GET /api/v1/people/{person_id}" in html and "POST /api/v1/referrals" in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert "swagger" not in html.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection at the end of each request, as a server should; inside a
    test that closes the connection holding the test's transaction (PostgreSQL then refuses every later query).
    Django's own test client does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, icb, team, lead, token_for, settings, keep_the_test_connection):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.OPENDSR_API_REQUESTS_PER_MINUTE = 10_000
    for _ in range(2):
        person = PersonFactory(icb=icb, team=team)
        record_event(person=person, type="stratified", date=dt.date(2027, 1, 10), data={"rating": "amber"})
    _token, secret = token_for(lead, ALL_SCOPES)
    return {"Authorization": f"Bearer {secret}"}


@SCHEMA.parametrize()
@hypothesis_settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_never_meet_a_server_error(world, case):
    response = case.call(headers=world)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
