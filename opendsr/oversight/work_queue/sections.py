"""The page's sections by due date: overdue, due in the next 7 days, in the next 28 days, then later."""

from __future__ import annotations

import datetime as dt

from opendsr.register.contributions import DUE_SOON_DAYS, WorkItem

WEEK = 7
MONTH = DUE_SOON_DAYS
SECTIONS = [
    ("overdue", "Overdue"),
    ("week", f"Due in the next {WEEK} days"),
    ("month", f"Due in the next {MONTH} days"),
    ("later", "Due later or no date set"),
]
SECTION_NAMES = dict(SECTIONS)


def section_of(due: dt.date | None, today: dt.date) -> str:
    if due is None:
        return "later"
    if due < today:
        return "overdue"
    if due <= today + dt.timedelta(days=WEEK):
        return "week"
    if due <= today + dt.timedelta(days=MONTH):
        return "month"
    return "later"


def grouped(items: list[WorkItem], today: dt.date) -> list[tuple[str, str, list[WorkItem]]]:
    """One page's items under their section headings, in the sections' order."""
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        groups.setdefault(section_of(item.due, today), []).append(item)
    return [(key, name, groups[key]) for key, name in SECTIONS if key in groups]
