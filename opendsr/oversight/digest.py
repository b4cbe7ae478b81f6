"""Reads for the reminder email: what is overdue or due soon for one user, from the same queue as "My work"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from opendsr.accounts.models import User
from opendsr.oversight.links import reviews_in_progress
from opendsr.oversight.work_queue import (
    WorkFilters,
    by_due_date,
    default_show,
    item_from_obligation,
    open_obligations,
    other_items,
    people_in_view,
    queue_order,
)
from opendsr.register.contributions import WorkItem


@dataclass
class Digest:
    user: User
    overdue: list[WorkItem]
    upcoming: list[WorkItem]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.upcoming)


def digest_for(user: User, people: QuerySet, today: dt.date) -> Digest:
    """What one user's daily reminder holds: overdue work and work due within their `reminder_days`, for the
    people on their own list (a case manager's caseload; everyone they can see for other roles)."""
    filters = WorkFilters(show=default_show(user))
    people = people_in_view(user, people, filters, today)
    horizon = today + dt.timedelta(days=user.reminder_days)
    rows = by_due_date(open_obligations(people).filter(due__isnull=False, due__lte=horizon)).select_related(
        "person", "person__team"
    )
    rows = list(rows)
    in_progress = reviews_in_progress({row.person_id for row in rows})
    items = [item_from_obligation(row, today, in_progress, user) for row in rows]
    items += [i for i in other_items(user, people, today) if i.due is not None and i.due <= horizon]
    items.sort(key=queue_order)
    return Digest(
        user=user,
        overdue=[i for i in items if i.due < today],
        upcoming=[i for i in items if i.due >= today],
    )
