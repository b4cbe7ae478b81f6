"""API tests: a token for a user, and a client that sends it as `Authorization: Bearer`."""

import pytest
from django.core.cache import cache
from django.test import Client

from opendsr.api import services
from opendsr.api.models import Scope

ALL_SCOPES = [Scope.READ, Scope.RECORD_EVENTS, Scope.RECORD_REFERRALS]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


class Api:
    """A client for /api/v1/ that sends one token (or none), and never a session."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.secret = secret

    def _headers(self):
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, path, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self._headers())

    def post(self, path, body):
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self._headers()
        )


@pytest.fixture
def token_for():
    """A token for this user with these scopes (all of them unless named): returns (token, secret)."""

    def make(user, scopes=None, days=30):
        return services.create_token(user=user, name="Test system", scopes=scopes or ALL_SCOPES, days=days)

    return make


@pytest.fixture
def api_as(token_for):
    """An API client using a new token for this user."""

    def make(user, scopes=None):
        _token, secret = token_for(user, scopes)
        return Api(secret)

    return make
