"""Referral disputes waiting for an outcome, in the work queue ("My work" and the ICB view)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from opendsr.accounts import access
from opendsr.referrals.models import Referral
from opendsr.register.contributions import WorkItem, among, any_rows
from opendsr.web.formatting import nhs_date


def dispute_items(user, people, today: dt.date) -> list[WorkItem]:
    """A decision disputed and not yet decided again. The policy sets no time for the outcome, so the item has
    no due date: it says how long it has waited."""
    disputes = (
        Referral.objects.filter(
            among(people), disputed_on__isnull=False, dispute_outcome="", withdrawn_at__isnull=True
        )
        .select_related("person")
        .order_by("disputed_on", "pk")
    )
    items = []
    for referral in any_rows(disputes):
        outcome = access.link(user, "referrals:dispute_outcome", referral.pk)
        waited = (today - referral.disputed_on).days
        items.append(
            WorkItem(
                kind="referral_dispute",
                label="Referral decision disputed: record the outcome",
                person_id=referral.person_id,
                person_name=referral.person.full_name,
                due=None,
                status="due",
                basis=f"Disputed on {nhs_date(referral.disputed_on)} ({waited} day{'' if waited == 1 else 's'} "
                f"waiting): {referral.get_outcome_display().lower()}, decided "
                f"{nhs_date(referral.outcome_decided_on, 'on a date not recorded')}",
                person_url=reverse("register:detail", args=[referral.person_id]),
                action_url=outcome,
                action_text="Record the outcome of the dispute" if outcome else None,
            )
        )
    return items
