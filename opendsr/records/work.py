"""Moves from another ICB waiting for an answer, in the receiving DSR lead's work queue ("My work" and the ICB
view)."""

from __future__ import annotations

import datetime as dt

from opendsr.accounts import access
from opendsr.records.models import IcbTransfer, TransferStatus
from opendsr.register.contributions import WorkItem, any_rows
from opendsr.web.formatting import nhs_date


def incoming_transfer_items(user, people, today: dt.date) -> list[WorkItem]:
    """A move proposed to the user's ICB and not yet answered. The person is not on the user's register until
    the move is accepted, so the row leads to the move itself, and only for those who may answer it. The policy
    sets no time for the answer: the row says how long it has waited."""
    if not access.allowed(user, access.Action.TRANSFER_PEOPLE) or user.icb_id is None:
        return []
    waiting = (
        IcbTransfer.objects.filter(to_icb_id=user.icb_id, status=TransferStatus.PROPOSED)
        .select_related("from_icb")
        .order_by("proposed_at", "pk")
    )
    items = []
    for moving in any_rows(waiting):
        decide = access.link(user, "records:transfer", moving.pk)
        if decide is None:
            continue
        waited = (today - moving.proposed_at.date()).days
        items.append(
            WorkItem(
                kind="incoming_transfer",
                label="Move from another ICB: accept or decline",
                person_id=moving.person_id,
                person_name=moving.person_name,
                due=None,
                status="due",
                basis=f"{moving.from_icb.name} proposed moving them to your register on "
                f"{nhs_date(moving.proposed_at.date())} ({waited} day{'' if waited == 1 else 's'} waiting): "
                f"{moving.reason}",
                person_url=decide,
                action_url=decide,
                action_text="Accept or decline the move",
                extra={"nhs_number": moving.nhs_number},
            )
        )
    return items
