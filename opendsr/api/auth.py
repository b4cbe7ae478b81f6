"""Who is calling: a personal API token in `Authorization: Bearer <token>`, and nothing else (no session, no
cookie, so no cross-site request can use it). A token acts as its user, within their role and ICB, narrowed to
its scopes; each use is audited and counted against the token's limit per minute."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.api import ratelimit, services
from opendsr.api.models import ApiToken, Scope


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Too many requests: try again in {retry_after} seconds")
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiToken | None:
        found = services.usable_token(token.strip())
        if found is None or not access.allowed(found.user, Action.USE_API):
            return None
        wait = ratelimit.retry_after(f"token:{found.pk}")
        if wait is not None:
            raise RateLimited(wait)
        # The token's user is the request's user for everything that follows (the audit trail, history rows,
        # no caching), whatever session cookie came with the request.
        request.user = found.user
        request.api_token = found
        services.note_use(found, request)
        return found


def require_scope(request, scope: Scope) -> None:
    """A token used for something its scopes do not cover is refused (403), whatever the record."""
    if scope not in request.auth.scopes:
        raise PermissionDenied(f"This token may not {SCOPE_WORDS[scope]}")


SCOPE_WORDS = {
    Scope.READ: "read records",
    Scope.RECORD_EVENTS: "record timeline events",
    Scope.RECORD_REFERRALS: "record referrals",
}
