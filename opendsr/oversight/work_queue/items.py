"""The items on a work queue: the clock's obligations, people who need allocating, and what the apps above
the register contribute."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import User
from opendsr.oversight.links import action_for, person_url, reviews_in_progress
from opendsr.oversight.work_queue.filters import by_due_date, open_obligations
from opendsr.policy import CETR_KINDS, Kind
from opendsr.register import contributions
from opendsr.register.contributions import WorkItem
from opendsr.register.models import Obligation, RegisterStatus
from opendsr.web.labels import kind_label


def item_from_obligation(
    obligation: Obligation,
    today: dt.date,
    in_progress: dict[tuple[int, str], int] | None = None,
    user: User | None = None,
) -> WorkItem:
    """One work-queue item. `in_progress` is `reviews_in_progress` for the people of a page, read once; `user`
    is whose queue it is (the item links only to a page they may open)."""
    person = obligation.person
    if in_progress is None:
        in_progress = reviews_in_progress([person.pk]) if obligation.kind in CETR_KINDS else {}
    action_url, action_text = action_for(
        obligation.kind,
        person.pk,
        obligation.raised_by,
        obligation.met_by,
        review_in_progress=in_progress.get((person.pk, obligation.kind)),
        user=user,
    )
    overdue = obligation.due is not None and obligation.due < today
    return WorkItem(
        kind=obligation.kind,
        label=kind_label(obligation.kind),
        person_id=person.pk,
        person_name=person.full_name,
        due=obligation.due,
        status="overdue" if overdue else "due",
        basis=obligation.basis,
        person_url=person_url(person.pk),
        action_url=action_url,
        action_text=action_text,
        extra={
            "nhs_number": person.nhs_number,
            "rating": person.current_rating,
            "team": person.team.name if person.team_id else "",
            "reasons": list(obligation.reasons or ()),
            "raised_on": obligation.raised_on,
        },
    )


def obligation_items(user: User, people: QuerySet, today: dt.date) -> list[WorkItem]:
    """The work queue's own items: the policy clock's open obligations."""
    rows = list(by_due_date(open_obligations(people)).select_related("person", "person__team"))
    in_progress = reviews_in_progress({row.person_id for row in rows})
    return [item_from_obligation(row, today, in_progress, user) for row in rows]


NEEDS_ALLOCATING = "needs_allocating"
# The kinds of item other than the clock's obligations, as the filter and the ICB view's table name them.
OTHER_KINDS = {
    "review_action": "C(E)TR actions",
    "visit_action": "Actions from oversight visits",
    "panel_action": "Oversight panel actions",
    "meeting_action": "DSR meeting actions",
    "escalation": "Escalations",
    "cetr_request": "C(E)TR requests and appeals to decide",
    "referral_dispute": "Referral disputes",
    "ask_again": "Dates to ask again",
    "incoming_transfer": "Moves from another ICB",
    NEEDS_ALLOCATING: "Needs allocating",
}


def allocation_items(user: User, people: QuerySet, today: dt.date) -> list[WorkItem]:
    """People nobody owns (no team): on the queue of whoever may allocate them, until they are allocated."""
    if not access.allowed(user, Action.ALLOCATE):
        return []
    unowned = (
        people.filter(team__isnull=True).exclude(status=RegisterStatus.LEFT).order_by("created_at", "pk")
    )
    return [
        WorkItem(
            kind=NEEDS_ALLOCATING,
            label="Needs allocating",
            person_id=person.pk,
            person_name=person.full_name,
            due=today,
            status="due",
            basis=f"Added on {person.created_at.date():%-d %B %Y}. Nobody looks after them yet: give them a team "
            "and a case manager so that they are on someone's caseload.",
            person_url=person_url(person.pk),
            action_url=reverse("register:allocate", args=[person.pk]),
            action_text="Allocate",
            extra={"nhs_number": person.nhs_number, "rating": person.current_rating, "team": ""},
        )
        for person in unowned
    ]


def other_items(user: User, people: QuerySet, today: dt.date, kind: str = "") -> list[WorkItem]:
    """Items other than the clock's obligations: people who need allocating, and what the apps above the
    register contribute (C(E)TR actions from the reviews app)."""
    if kind and kind in set(Kind):
        return []
    items = allocation_items(user, people, today) + contributions.work_items(user, people, today)
    if kind:
        items = [item for item in items if item.kind == kind]
    return sorted(items, key=queue_order)


def queue_order(item) -> tuple:
    due = item.due if isinstance(item, WorkItem) else item[1]
    return (due is None, due or dt.date.min)
