"""Writes for personal API tokens: make one, revoke one, and note each use. A token is the user's own: it acts
as them, with no more than their role allows, narrowed to the scopes chosen when it was made."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.api.models import ApiToken, Scope

PREFIX = "odsr_"
# How long a token works: the user chooses, up to a year; 90 days unless they say otherwise.
EXPIRY_CHOICES = (7, 30, 90, 365)
DEFAULT_DAYS = 90
MAX_DAYS = 365


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> tuple[str, str]:
    prefix = PREFIX + secrets.token_hex(4)
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def create_token(*, user: User, name: str, scopes: list[str], days: int = DEFAULT_DAYS, request=None):
    """Make a token for the user. Returns the token and its secret, which is shown once and not kept."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    if len(name) > 100:
        raise ValidationError({"name": "Name must be 100 characters or fewer"})
    chosen = [s for s in Scope.values if s in set(scopes or [])]
    if not chosen or len(chosen) != len(set(scopes)):
        raise ValidationError({"scopes": "Select what the token may do"})
    if not 1 <= int(days) <= MAX_DAYS:
        raise ValidationError({"days": f"A token can work for at most {MAX_DAYS} days"})
    prefix, secret = _new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=digest_of(secret),
        scopes=chosen,
        expires_at=timezone.now() + dt.timedelta(days=int(days)),
    )
    audit.record(
        request or user,
        "api.token_created",
        summary=f"Made the API token {name} ({prefix}), working for {days} days",
        detail={"token": token.pk, "prefix": prefix, "scopes": chosen},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User, request=None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            request or by,
            "api.token_revoked",
            summary=f"Revoked the API token {token.name} ({token.prefix})",
            detail={"token": token.pk, "prefix": token.prefix},
        )
    return token


def usable_token(secret: str) -> ApiToken | None:
    """The token this secret belongs to, if it still works: not revoked, not expired, its user still active."""
    if not secret or len(secret) > 200 or not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or token.revoked_at is not None or token.expires_at <= timezone.now():
        return None
    if not token.user.is_active or token.user.icb_id is None:
        return None
    return token


def note_use(token: ApiToken, request) -> None:
    """Keep when the token was last used, and audit the use: which token, and what it asked for."""
    token.last_used_at = timezone.now()
    token.save(update_fields=["last_used_at"])
    audit.record(
        token.user,
        "api.token_used",
        summary=f"Used the API token {token.name} ({token.prefix}): {request.method} {request.path}"[:300],
        detail={"token": token.pk, "prefix": token.prefix, "method": request.method},
        request=request,
    )
