"""How many items are in each section, and for the ICB overview in each kind; kept for a minute for a broad
view."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from opendsr.accounts.models import User
from opendsr.oversight.work_queue.filters import WorkFilters
from opendsr.oversight.work_queue.items import OTHER_KINDS
from opendsr.oversight.work_queue.sections import MONTH, WEEK, section_of
from opendsr.register.contributions import WorkItem
from opendsr.register.models import Obligation
from opendsr.web.labels import kind_label


def _counts(obligations: QuerySet, today: dt.date, *, by_kind: bool) -> list[dict]:
    """One pass over the open obligations: how many are overdue, due within 7 days, within 28 days, later, and
    with no date; per kind for the ICB overview."""
    week, month = today + dt.timedelta(days=WEEK), today + dt.timedelta(days=MONTH)
    counts = {
        "overdue": Count("id", filter=Q(due__lt=today)),
        "week": Count("id", filter=Q(due__gte=today, due__lte=week)),
        "month": Count("id", filter=Q(due__gt=week, due__lte=month)),
        "later_dated": Count("id", filter=Q(due__gt=month)),
        "undated": Count("id", filter=Q(due__isnull=True)),
    }
    if by_kind:
        return list(obligations.order_by().values("kind").annotate(**counts))
    return [obligations.order_by().aggregate(**counts)]


def counts_of(rows, today: dt.date, *, by_kind: bool) -> list[dict]:
    """What `_counts` gives, from (kind, due) pairs already read: each due date in its page section
    (`section_of`), with "later" told apart from no date at all."""
    counted: dict[str | None, dict] = {}
    for kind, due in rows:
        key = kind if by_kind else None
        if (row := counted.get(key)) is None:
            row = counted[key] = _no_counts(kind if by_kind else None)
        section = section_of(due, today)
        row["undated" if due is None else "later_dated" if section == "later" else section] += 1
    if by_kind:
        return list(counted.values())
    return [counted.get(None) or _no_counts(None)]


def _no_counts(kind: str | None) -> dict:
    row = {"overdue": 0, "week": 0, "month": 0, "later_dated": 0, "undated": 0}
    return row if kind is None else {**row, "kind": kind}


def counts_seconds() -> int:
    """How long the counts of a broad view are kept: a minute, or not at all under test unless a test asks."""
    default = 0 if getattr(settings, "TESTING", False) else 60
    return int(getattr(settings, "OPENDSR_COUNTS_CACHE_SECONDS", default))


def _cached_counts(user: User, filters: WorkFilters, obligations: QuerySet, today: dt.date, *, by_kind: bool):
    """Counting every open obligation in an ICB reads most of the table, so the counts of a broad view are kept
    for up to a minute. Any recompute that changes an obligation writes new rows, so a new highest id starts a
    fresh count at once; other changes (a person moving team) show within the minute. The rows themselves are
    always read live."""
    seconds = counts_seconds()
    if not seconds:
        return _counts(obligations, today, by_kind=by_kind)
    latest = Obligation.objects.aggregate(latest=Max("id"))["latest"] or 0
    scope = hashlib.sha256(repr(sorted(asdict(filters).items())).encode()).hexdigest()[:16]
    key = f"oversight:counts:{user.pk}:{today}:{int(by_kind)}:{latest}:{scope}"
    rows = cache.get(key)
    if rows is None:
        rows = _counts(obligations, today, by_kind=by_kind)
        cache.set(key, rows, seconds)
    return rows


def _kind_table(rows: list[dict], others: list[WorkItem], today: dt.date) -> list[dict]:
    """For the ICB overview: each kind with how many are overdue, due in 7 days and due later."""
    table = {
        row["kind"]: {
            "kind": row["kind"],
            "label": kind_label(row["kind"]),
            "overdue": row["overdue"],
            "week": row["week"],
            "later": row["month"] + row["later_dated"] + row["undated"],
        }
        for row in rows
    }
    for item in others:
        row = table.setdefault(
            item.kind,
            {
                "kind": item.kind,
                "label": OTHER_KINDS.get(item.kind, item.label),
                "overdue": 0,
                "week": 0,
                "later": 0,
            },
        )
        section = section_of(item.due, today)
        row[section if section in ("overdue", "week") else "later"] += 1
    for row in table.values():
        row["total"] = row["overdue"] + row["week"] + row["later"]
    return sorted(table.values(), key=lambda row: (-row["overdue"], -row["total"], row["label"]))
