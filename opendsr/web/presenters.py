"""How values show on a page: the text and colour of each NHS tag, and a task's status in a task list.

Presenters sit between the records and the templates, so a rating is red everywhere and a review's status reads
the same on every page. They take plain values and are tested without the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.web.formatting import days_phrase, nhs_date


@dataclass(frozen=True)
class Tag:
    text: str
    classes: str

    def macro(self, extra_classes: str = "") -> dict:
        """The parameters of nhsuk-frontend's `tag` macro."""
        return {"text": self.text, "classes": f"{self.classes} {extra_classes}".strip()}


RATING_TAGS = {
    "red": Tag("Red", "nhsuk-tag--red"),
    "amber": Tag("Amber", "nhsuk-tag--orange"),
    "green": Tag("Green", "nhsuk-tag--green"),
    "blue": Tag("Blue", "nhsuk-tag--blue"),
    "not_eligible": Tag("Not eligible", "nhsuk-tag--grey"),
}
NOT_RATED = Tag("Not rated", "nhsuk-tag--white")

OBLIGATION_TAGS = {
    "overdue": Tag("Overdue", "nhsuk-tag--red"),
    "due": Tag("Due", "nhsuk-tag--blue"),
    "met": Tag("Met", "nhsuk-tag--green"),
    "ended": Tag("Ended", "nhsuk-tag--grey"),
}

REVIEW_STATUS_COLOURS = {
    "planning": "nhsuk-tag--blue",
    "held": "nhsuk-tag--yellow",
    "completed": "nhsuk-tag--green",
    "cancelled": "nhsuk-tag--grey",
}


def rating_tag(rating: str | None) -> Tag:
    """A rating in its colour: red, amber (orange), green, blue; "Not rated" when there is none."""
    return RATING_TAGS.get(rating or "", NOT_RATED)


def obligation_tag(status: str) -> Tag:
    """What the policy asks, by status: overdue in red, due in blue, met in green, ended in grey."""
    return OBLIGATION_TAGS[status]


def review_status_tag(status: str, label: str) -> Tag:
    """A C(E)TR's status, with the words its model gives (`get_status_display()`)."""
    return Tag(label, REVIEW_STATUS_COLOURS.get(status, "nhsuk-tag--grey"))


def active_tag(active: bool, *, inactive: str = "Deactivated") -> Tag:
    return Tag("Active", "nhsuk-tag--green") if active else Tag(inactive, "nhsuk-tag--grey")


def due_tag(due: dt.date | None, today: dt.date, *, met_on: dt.date | None = None) -> Tag | None:
    """A deadline as a person reads it: done on a date (green), "3 days overdue" (red), "due in 2 days" (grey)."""
    if met_on is not None:
        return Tag(f"Done {nhs_date(met_on)}", "nhsuk-tag--green")
    if due is None:
        return None
    days = (due - today).days
    return Tag(days_phrase(days), "nhsuk-tag--red" if days < 0 else "nhsuk-tag--grey")


def task_status(*, done: bool, started: bool = False, can_start: bool = True) -> dict:
    """A task's status in nhsuk-frontend's task list: completed, cannot start yet, in progress or not started."""
    if done:
        return {"text": "Completed"}
    if not can_start:
        return {"text": "Cannot start yet", "classes": "nhsuk-task-list__status--cannot-start-yet"}
    if started:
        return {"tag": Tag("In progress", "nhsuk-tag--light-blue").macro()}
    return {"tag": Tag("Not started", "nhsuk-tag--blue").macro()}
