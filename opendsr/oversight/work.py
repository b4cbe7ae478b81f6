"""What is on someone's plate: the work queue items shown on "My work" and the ICB overview.

Items come from several sources: the policy clock's obligations (this app) and C(E)TR actions (the reviews
app). Each source is a function `(user, people, today) -> list[WorkItem]` where `people` is the queryset of
people the page covers (already scoped by the access rules). Sources listed in SOURCES are imported lazily.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkItem:
    kind: str  # machine name, e.g. "post_admission_cetr" or "review_action"
    label: str  # what a user reads, e.g. "Post-admission C(E)TR"
    person_id: int
    person_name: str
    due: dt.date | None
    status: str  # "due" or "overdue"
    basis: str  # the policy citation or the review it came from
    person_url: str
    action_url: str | None = None  # the form that meets it
    action_text: str | None = None
    extra: dict = field(default_factory=dict)

    def days_until_due(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


SOURCES = [
    "opendsr.oversight.queries:obligation_items",
    "opendsr.reviews.work:review_action_items",
]


def sources():
    for spec in SOURCES:
        module_name, func = spec.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        source = getattr(module, func, None)
        if source is not None:
            yield source


def work_items(user, people, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    for source in sources():
        items.extend(source(user, people, today))
    return items
