"""Writes for the actions a visit sets: adding one, and updating it until it is done."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.visits.models import (
    ActionStatus,
    OversightVisit,
    VisitAction,
)
from opendsr.oversight.visits.services.common import _date_problems
from opendsr.register.models import Person
from opendsr.register.services import check_date
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def owners_for(person: Person):
    """Who may own a visit's action: the active users of the person's ICB."""
    return User.objects.filter(icb_id=person.icb_id, is_active=True).order_by(
        "first_name", "last_name", "email"
    )


@transaction.atomic
def add_visit_action(
    *, visit: OversightVisit, by: User, text: str, owner: User | None, due: dt.date | None, request=None
) -> VisitAction:
    """An action from a visit: what, which user of the ICB owns it, by when. It is in their My work."""
    problems = {}
    if not (text or "").strip():
        problems["text"] = "Enter what needs to happen"
    if owner is None or not owners_for(visit.person).filter(pk=owner.pk).exists():
        problems["owner"] = "Select who owns the action"
    problems.update(
        _date_problems(
            due,
            field="due",
            missing="Enter the date it is due by",
            subject="The date it is due by",
            after=visit.visited_on,
            after_what="of the visit",
            planned=True,
        )
    )
    if problems:
        raise ValidationError(problems)
    action = VisitAction.objects.create(
        visit=visit, person=visit.person, text=text.strip(), owner=owner, due=due
    )
    audit.record(
        request or by,
        "visit.action_added",
        person=visit.person,
        summary=f"Added an action for {owner.display_name}, due {nhs_date(due)}: {action.text}"[:300],
        detail={"visit": visit.pk, "action": action.pk, "owner": owner.pk},
    )
    return action


@transaction.atomic
def update_visit_action(
    *,
    action: VisitAction,
    by: User,
    status: str,
    closed_on: dt.date | None = None,
    outcome_note: str = "",
    request=None,
) -> VisitAction:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Select where the action is"})
    outcome_note = (outcome_note or "").strip()
    if status == ActionStatus.NOT_DONE and not outcome_note:
        raise ValidationError({"outcome_note": "Enter why it was not done"})
    if status != ActionStatus.OPEN:
        closed_on = closed_on or get_today()
        check_date(
            closed_on,
            field="closed_on",
            subject="The date it was closed",
            after=action.visit.visited_on,
            after_what="of the visit",
        )
    action.status = status
    action.closed_on = closed_on if status != ActionStatus.OPEN else None
    action.outcome_note = outcome_note
    action.save()
    audit.record(
        request or by,
        "visit.action_updated",
        person=action.person,
        summary=f"Action {action.get_status_display().lower()}: {action.text}"[:300],
        detail={"visit": action.visit_id, "action": action.pk, "status": status},
    )
    return action
