"""Actions agreed at a DSR meeting in their owner's "My work", beside the clock's obligations."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opendsr.accounts import access
from opendsr.meetings.models import ActionStatus, DsrMeetingAction
from opendsr.register.contributions import WorkItem
from opendsr.web.formatting import nhs_date

SOON = 28  # days: the same horizon as My work's "due in the next 28 days"


def meeting_action_items(user, people, today: dt.date) -> list[WorkItem]:
    actions = (
        DsrMeetingAction.objects.filter(
            person__in=people,
            owner_user_id=getattr(user, "pk", None),
            status=ActionStatus.OPEN,
            due__lte=today + dt.timedelta(days=SOON),
        )
        .select_related("item__meeting__standing", "person")
        .order_by("due", "pk")
    )
    items = []
    for action in actions:
        text = action.text if len(action.text) <= 60 else action.text[:57].rstrip() + "…"
        update = access.link(user, "meetings:action", action.pk)
        items.append(
            WorkItem(
                kind="meeting_action",
                label=f"DSR meeting action: {text}",
                person_id=action.person_id,
                person_name=action.person.full_name,
                due=action.due,
                status="overdue" if action.due < today else "due",
                basis=f"Agreed at {action.item.meeting.standing.name} on {nhs_date(action.item.meeting.date)} "
                f"(owner: {action.owner_name}, {action.owner_organisation})",
                person_url=reverse("register:detail", args=[action.person_id]),
                action_url=update,
                action_text="Update the action" if update else None,
            )
        )
    return items
