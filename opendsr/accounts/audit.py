"""The audit trail: every view of a person's record, every change and every export, append-only."""

from __future__ import annotations

from opendsr.accounts.models import AuditEvent


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    actor,
    action: str,
    *,
    person=None,
    summary: str = "",
    detail: dict | None = None,
    request=None,
) -> AuditEvent:
    """Record one audit event. `actor` is a user, or a request (whose user is taken)."""
    if request is None and hasattr(actor, "user") and hasattr(actor, "META"):
        request, actor = actor, actor.user
    user = actor if getattr(actor, "is_authenticated", False) else None
    icb_id = getattr(person, "icb_id", None) or getattr(user, "icb_id", None)
    return AuditEvent.objects.create(
        user=user,
        user_label=(user.email if user else "system")[:254],
        icb_id=icb_id,
        action=action[:60],
        person=person,
        summary=summary[:300],
        detail=detail or {},
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )
