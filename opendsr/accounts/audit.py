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
    icb_id: int | None = None,
) -> AuditEvent:
    """Record one audit event. `actor` is a user, or a request (whose user is taken). It is filed under the ICB
    given, or the person's, or the user's."""
    if request is None and hasattr(actor, "user") and hasattr(actor, "META"):
        request, actor = actor, actor.user
    user = actor if getattr(actor, "is_authenticated", False) else None
    icb_id = icb_id or getattr(person, "icb_id", None) or getattr(user, "icb_id", None)
    if request is not None:
        request.audited = True  # pages about a person audit their view only when nothing else did
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


# ------------------------------------------------------------------------------------- pages that show people


def shows(request, person) -> None:
    """Note that the page this request answers shows this person's data. A view declared with
    `access.requires` then writes a "person.viewed" row when it answers a GET, unless it recorded its own."""
    if person is None:
        return
    shown = request.__dict__.setdefault("people_shown", [])
    if all(other.pk != person.pk for other in shown):
        shown.append(person)


def viewed(request, page: str, *, person=None) -> AuditEvent:
    """Record that a page about one person was viewed: one row naming the person and the page."""
    return record(
        request,
        "person.viewed",
        person=person,
        summary=f"Viewed {page}",
        detail={"page": page},
    )


def listed(
    request, page: str, *, people, filters: dict | None = None, icb_id: int | None = None
) -> AuditEvent:
    """Record that a list showed people: one row naming the page, the filters it was read with, and the ids of
    the people it showed (the people themselves or their ids), filed under `icb_id` when given (a list that
    crosses ICBs records one row for each, so that each ICB's audit log shows who saw its people)."""
    ids = sorted({getattr(p, "pk", p) for p in people})
    return record(
        request,
        "people.listed",
        summary=f"Viewed {page}: {len(ids)} {'person' if len(ids) == 1 else 'people'}",
        detail={
            "page": page,
            "filters": {k: v for k, v in (filters or {}).items() if v not in ("", None)},
            "people": ids,
        },
        icb_id=icb_id,
    )
