"""Actions from oversight visits in the work queue, beside the clock's obligations.

An action is on its owner's queue, and, for those who oversee the whole ICB's work, on theirs too, among the
people the page covers (already scoped by the access rules and the page's filters)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.oversight.links import person_url
from opendsr.oversight.visits.models import ActionStatus, VisitAction
from opendsr.register.contributions import WorkItem, action_item, among, any_rows
from opendsr.web.formatting import nhs_date

KIND = "visit_action"


def visit_action_items(user, people, today: dt.date) -> list[WorkItem]:
    mine = Q(owner=user)
    if access.allowed(user, Action.VIEW_ICB_WORK):
        mine = Q()  # the DSR lead oversees every open action in the ICB
    actions = (
        VisitAction.objects.filter(mine, among(people), status=ActionStatus.OPEN)
        .select_related("visit", "person", "owner")
        .order_by("due", "pk")
    )
    items = []
    for action in any_rows(actions):
        update = access.link(user, "oversight:visit_action", action.pk)
        items.append(
            action_item(
                action,
                kind=KIND,
                label="Visit action",
                basis=f"From the oversight visit on {nhs_date(action.visit.visited_on)} "
                f"(owner: {action.owner.display_name})",
                today=today,
                person_url=person_url(action.person_id),
                action_url=update or access.link(user, "oversight:visit", action.visit_id),
                action_text="Update the action" if update else "Open the visit",
                extra={"nhs_number": action.person.nhs_number, "rating": action.person.current_rating},
            )
        )
    return items
