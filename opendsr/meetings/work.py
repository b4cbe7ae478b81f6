"""Actions agreed at a DSR meeting in their owner's "My work", beside the clock's obligations, and escalations in
the work of the manager they are with; and ratings a meeting confirmed, in the person's rating history."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opendsr.accounts import access
from opendsr.meetings.models import (
    ActionStatus,
    DsrMeetingAction,
    DsrMeetingItem,
    Escalation,
    EscalationStatus,
    RatingOutcome,
)
from opendsr.meetings.services.escalation import may_act_on
from opendsr.register.contributions import (
    DUE_SOON_DAYS,
    RatingReview,
    WorkItem,
    action_item,
    among,
    any_rows,
    short,
)
from opendsr.web.formatting import nhs_date


def meeting_action_items(user, people, today: dt.date) -> list[WorkItem]:
    actions = (
        DsrMeetingAction.objects.filter(
            among(people),
            owner_user_id=getattr(user, "pk", None),
            status=ActionStatus.OPEN,
            due__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("item__meeting__standing", "person")
        .order_by("due", "pk")
    )
    items = []
    for action in any_rows(actions):
        update = access.link(user, "meetings:action", action.pk)
        items.append(
            action_item(
                action,
                kind="meeting_action",
                label="DSR meeting action",
                basis=f"Agreed at {action.item.meeting.standing.name} on {nhs_date(action.item.meeting.date)} "
                f"(owner: {action.owner_name}, {action.owner_organisation})",
                today=today,
                person_url=reverse("register:detail", args=[action.person_id]),
                action_url=update,
                action_text="Update the action" if update else None,
            )
        )
    return items


def escalation_items(user, people, today: dt.date) -> list[WorkItem]:
    """Escalations not yet closed, in the work of whoever may act on them: the manager each is with, and the DSR
    lead. One waiting for acknowledgement is due by its acknowledge-by date; one acknowledged has no date until
    it is closed."""
    escalations = (
        Escalation.objects.filter(among(people))
        .exclude(status=EscalationStatus.CLOSED)
        .select_related("manager__user", "person")
        .order_by("acknowledge_by", "pk")
    )
    items = []
    for escalation in any_rows(escalations):
        if not may_act_on(user, escalation):
            continue
        waiting = escalation.status == EscalationStatus.OPEN
        reason = short(escalation.reason)
        due = escalation.acknowledge_by if waiting else None
        with_whom = f"with {escalation.manager.user.display_name} ({escalation.manager.title})"
        page = access.link(user, "escalations:detail", escalation.pk)
        items.append(
            WorkItem(
                kind="escalation",
                label=f"{'Urgent escalation' if escalation.urgent else 'Escalation'}: {reason}",
                person_id=escalation.person_id,
                person_name=escalation.person.full_name,
                due=due,
                status="overdue" if due is not None and due < today else "due",
                basis=(
                    f"Raised on {nhs_date(escalation.raised_on)}, {with_whom}: acknowledge it"
                    if waiting
                    else f"Acknowledged on {nhs_date(escalation.acknowledged_on)}, {with_whom}: "
                    "record what was done and close it"
                ),
                person_url=reverse("register:detail", args=[escalation.person_id]),
                action_url=page,
                action_text=("Acknowledge the escalation" if waiting else "Record what was done")
                if page
                else None,
            )
        )
    return items


def confirmed_ratings(person) -> list[RatingReview]:
    """Ratings a DSR meeting looked at and kept: in the person's rating history, without a new decision."""
    items = (
        DsrMeetingItem.objects.filter(person=person, discussed=True, rating_outcome=RatingOutcome.CONFIRMED)
        .select_related("meeting__standing", "recorded_by")
        .order_by("-meeting__date", "-pk")
    )
    return [
        RatingReview(
            on=item.meeting.date,
            rating=item.rating_after,
            where=f"at the DSR meeting on {nhs_date(item.meeting.date)} ({item.meeting.standing.name})",
            rationale=item.rationale,
            by=item.recorded_by.display_name if item.recorded_by else "",
        )
        for item in items
    ]
