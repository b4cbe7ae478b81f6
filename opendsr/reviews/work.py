"""C(E)TR actions in the work queue, beside the clock's obligations ("My work")."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opendsr.accounts import access
from opendsr.register.contributions import WorkItem
from opendsr.reviews.models import ActionStatus, ReviewAction
from opendsr.web.formatting import nhs_date

SOON = 28  # days: the same horizon as My work's "due in the next 28 days"


def review_action_items(user, people, today: dt.date) -> list[WorkItem]:
    actions = (
        ReviewAction.objects.filter(
            person__in=people, status=ActionStatus.OPEN, due__lte=today + dt.timedelta(days=SOON)
        )
        .select_related("review", "person")
        .order_by("due", "pk")
    )
    items = []
    for action in actions:
        text = action.text if len(action.text) <= 60 else action.text[:57].rstrip() + "…"
        held = action.review.held_on or action.review.scheduled_for
        update = access.link(user, "reviews:action", action.pk)
        items.append(
            WorkItem(
                kind="review_action",
                label=f"C(E)TR action: {text}",
                person_id=action.person_id,
                person_name=action.person.full_name,
                due=action.due,
                status="overdue" if action.due < today else "due",
                basis=f"Recommendation from the C(E)TR on {nhs_date(held)} "
                f"(owner: {action.owner_name}, {action.owner_organisation})",
                person_url=reverse("register:detail", args=[action.person_id]),
                action_url=update or access.link(user, "reviews:detail", action.review_id),
                action_text="Update the action" if update else "Open the C(E)TR",
            )
        )
    return items
