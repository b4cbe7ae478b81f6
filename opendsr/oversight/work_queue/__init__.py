"""Reads that feed the work queues, the oversight panel cohort and the reminder emails, in a module for each
thing a user sees: `filters` (who and what the page covers), `items`, `counts`, `sections` and `queue` (the
merged, ordered list). Every name used elsewhere is importable from here.

Every function takes the people a page covers, already scoped by `opendsr.accounts.access`, so nothing here can
reach another ICB's register. Due dates and met dates come from the stored obligations the policy clock wrote
(`opendsr.register.obligations`); status is worked out from them on the day of reading.

The work queue is ordered by due date, earliest first, with no date last. That one ordering gives the page's
sections in order: overdue (most overdue first), due in the next 7 days, in the next 28 days, then later."""

from opendsr.oversight.work_queue.filters import (
    WorkFilters,
    by_due_date,
    default_show,
    open_obligations,
    people_in_view,
    teams_in,
)
from opendsr.oversight.work_queue.items import (
    NEEDS_ALLOCATING,
    OTHER_KINDS,
    item_from_obligation,
    other_items,
    queue_order,
)
from opendsr.oversight.work_queue.queue import work_queue
from opendsr.oversight.work_queue.sections import MONTH, SECTIONS, WEEK, grouped, section_of

__all__ = [
    "MONTH",
    "NEEDS_ALLOCATING",
    "OTHER_KINDS",
    "SECTIONS",
    "WEEK",
    "WorkFilters",
    "by_due_date",
    "default_show",
    "grouped",
    "item_from_obligation",
    "open_obligations",
    "other_items",
    "people_in_view",
    "queue_order",
    "section_of",
    "teams_in",
    "work_queue",
]
