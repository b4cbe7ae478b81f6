"""C(E)TR actions, requests and appeals to decide, and dates to ask again after a declined C(E)TR, in the work
queue beside the clock's obligations ("My work" and the ICB view)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from opendsr.accounts import access
from opendsr.policy import add_working_days
from opendsr.register.contributions import DUE_SOON_DAYS, WorkItem, action_item, among, any_rows, short
from opendsr.reviews.models import (
    ActionStatus,
    AppealOutcome,
    Decision,
    ReviewAction,
    ReviewDecline,
    ReviewRequest,
)
from opendsr.reviews.queries import settings_for
from opendsr.web.formatting import nhs_date

# Each reads its own rows first and then their people (`prefetch_related`): joined in one query with the person
# table, SQLite can choose to walk every person in view and look each one up here (100,000 look-ups for a whole
# ICB's overview) when these tables are new and it has no statistics for them.


def review_action_items(user, people, today: dt.date) -> list[WorkItem]:
    actions = (
        ReviewAction.objects.filter(
            among(people), status=ActionStatus.OPEN, due__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        )
        .select_related("review")
        .prefetch_related("person")
        .order_by("due", "pk")
    )
    items = []
    for action in any_rows(actions):
        held = action.review.held_on or action.review.scheduled_for
        update = access.link(user, "reviews:action", action.pk)
        items.append(
            action_item(
                action,
                kind="review_action",
                label="C(E)TR action",
                basis=f"Recommendation from the C(E)TR on {nhs_date(held)} "
                f"(owner: {action.owner_name}, {action.owner_organisation})",
                today=today,
                person_url=reverse("register:detail", args=[action.person_id]),
                action_url=update or access.link(user, "reviews:detail", action.review_id),
                action_text="Update the action" if update else "Open the C(E)TR",
            )
        )
    return items


def request_items(user, people, today: dt.date) -> list[WorkItem]:
    """Requests for a C(E)TR not yet decided, and appeals against a refusal not yet decided (s13.2). The policy
    leaves the time to decide to local process: each is due by the ICB's working days after it was made."""
    rows = (
        ReviewRequest.objects.filter(among(people))
        .filter(
            Q(decision=Decision.PENDING) | Q(appealed_on__isnull=False, appeal_outcome=AppealOutcome.PENDING)
        )
        .prefetch_related("person__icb")
        .order_by("requested_on", "pk")
    )
    items = []
    days_for: dict[int, int] = {}
    for row in any_rows(rows):
        appeal = row.decision != Decision.PENDING
        made_on = row.appealed_on if appeal else row.requested_on
        if row.person.icb_id not in days_for:
            days_for[row.person.icb_id] = settings_for(row.person.icb).request_decision_days
        days = days_for[row.person.icb_id]
        due = add_working_days(made_on, days)
        page = access.link(user, "reviews:request", row.pk)
        who = row.requester_name or row.get_requested_by_display().lower()
        items.append(
            WorkItem(
                kind="cetr_request",
                label="Decide the appeal against a refused C(E)TR request"
                if appeal
                else "Decide a request for a C(E)TR",
                person_id=row.person_id,
                person_name=row.person.full_name,
                due=due,
                status="overdue" if due < today else "due",
                basis=(
                    f"Appealed on {nhs_date(row.appealed_on)}: {short(row.appeal_grounds)}"
                    if appeal
                    else f"Asked for by {who} on {nhs_date(row.requested_on)}: {short(row.reason)}"
                )
                + f" (s13.2; this ICB decides within {days} working days)",
                person_url=reverse("register:detail", args=[row.person_id]),
                action_url=page,
                action_text=("Decide the appeal" if appeal else "Decide the request") if page else None,
            )
        )
    return items


def ask_again_items(user, people, today: dt.date) -> list[WorkItem]:
    """People who declined a C(E)TR, on or after the date set to ask them again (s2.4.3), until a later review
    or decline is recorded."""
    declines = (
        ReviewDecline.objects.filter(
            among(people),
            voided_at__isnull=True,
            revisit_on__isnull=False,
            revisit_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .prefetch_related("person")
        .order_by("revisit_on", "pk")
    )
    items = []
    for decline in any_rows(declines):
        later = (
            ReviewDecline.objects.filter(
                person_id=decline.person_id, voided_at__isnull=True, declined_on__gt=decline.declined_on
            ).exists()
            or decline.person.reviews.filter(created_at__date__gt=decline.declined_on).exists()
        )
        if later:
            continue
        organise = access.link(user, "reviews:new", decline.person_id)
        items.append(
            WorkItem(
                kind="ask_again",
                label="Ask again about a C(E)TR they declined",
                person_id=decline.person_id,
                person_name=decline.person.full_name,
                due=decline.revisit_on,
                status="overdue" if decline.revisit_on < today else "due",
                basis=f"Declined on {nhs_date(decline.declined_on)}: {short(decline.reasons)}"
                + (
                    f". Offered instead: {short(decline.alternative_offered)}"
                    if decline.alternative_offered
                    else ""
                ),
                person_url=reverse("register:detail", args=[decline.person_id]),
                action_url=organise,
                action_text="Organise the C(E)TR" if organise else None,
            )
        )
    return items
