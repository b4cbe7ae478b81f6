"""Writes for each person's discussion at the panel (which meets their panel review) and the actions it sets."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    PanelAction,
    PanelActionStatus,
    PanelItem,
)
from opendsr.oversight.ics_panel.services.common import _actor, _source
from opendsr.oversight.ics_panel.services.meetings import _check_held
from opendsr.policy import EventType
from opendsr.register import timeline
from opendsr.web.formatting import nhs_date


@transaction.atomic
def record_discussion(
    *, item: PanelItem, by: User, decision: str, discussion: str = "", request=None
) -> PanelItem:
    """The panel discussed the person: what it decided. The first time, this writes `oversight_panel_reviewed`
    on the meeting's date, which meets their panel review (s18); the meeting is then held."""
    meeting = item.meeting
    if item.removed_at is not None:
        raise ValidationError(f"{item.person.full_name} is not on the agenda: add them back first")
    _check_held(meeting, "a discussion")
    first_time = item.discussed_on is None
    item.decision, item.discussion, item.discussed_on = decision, discussion, meeting.date
    item.save()
    if first_time:
        timeline.record_event(
            person=item.person,
            type=EventType.OVERSIGHT_PANEL_REVIEWED,
            date=meeting.date,
            by=by,
            source=_source(item),
        )
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.discussed" if first_time else "oversight_panel.decision_changed",
        person=item.person,
        summary=f"Recorded the ICS oversight panel's decision for {item.person.full_name} at the meeting on "
        f"{nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk, "item": item.pk},
    )
    return item


@transaction.atomic
def undo_discussion(*, item: PanelItem, by: User, request=None) -> PanelItem:
    """They were recorded as discussed by mistake: void the panel review it wrote."""
    if item.discussed_on is None:
        raise ValidationError(f"{item.person.full_name} has not been recorded as discussed")
    if item.actions.exists():
        raise ValidationError("The panel agreed actions for them: a person with actions was discussed")
    timeline.void_events(
        person=item.person, source=_source(item), reason="Recorded as discussed at the panel by mistake"
    )
    item.discussed_on, item.decision, item.discussion = None, "", ""
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.discussion_undone",
        person=item.person,
        summary=f"Undid the ICS oversight panel's discussion of {item.person.full_name}",
        detail={"meeting": item.meeting_id, "item": item.pk},
    )
    return item


@transaction.atomic
def add_action(
    *,
    item: PanelItem,
    by: User,
    text: str,
    due: dt.date,
    owner_user: User | None = None,
    owner_name: str = "",
    owner_organisation: str = "",
    request=None,
) -> PanelAction:
    """An action the panel takes ownership of (s18), with a named owner and a date. An owner with an OpenDSR
    account sees it in their work."""
    if item.discussed_on is None:
        raise ValidationError("Record what the panel decided for them before adding actions")
    if owner_user is not None and owner_user.icb_id != item.meeting.icb_id:
        raise ValidationError({"owner_user": "Select someone from this ICB"})
    if owner_user is None and not owner_name.strip():
        raise ValidationError({"owner_user": "Select who will do it, or enter their name"})
    if due < item.meeting.date:
        raise ValidationError(
            {
                "due": f"The date it must be done by must be on or after the meeting ({nhs_date(item.meeting.date)})"
            }
        )
    if owner_user is not None:
        owner_name = owner_name.strip() or owner_user.get_full_name() or owner_user.email
        owner_organisation = owner_organisation.strip() or str(
            owner_user.organisation or owner_user.icb or ""
        )
    action = PanelAction.objects.create(
        item=item,
        person=item.person,
        text=text,
        owner_user=owner_user,
        owner_name=owner_name,
        owner_organisation=owner_organisation,
        due=due,
    )
    audit.record(
        _actor(by, request),
        "oversight_panel.action_added",
        person=item.person,
        summary=f"Added an ICS oversight panel action for {item.person.full_name}, owned by {owner_name}",
        detail={"meeting": item.meeting_id, "item": item.pk, "action": action.pk},
    )
    return action


@transaction.atomic
def update_action(
    *,
    action: PanelAction,
    by: User,
    status: str,
    closed_on: dt.date | None = None,
    outcome_note: str = "",
    request=None,
) -> PanelAction:
    if status != PanelActionStatus.OPEN and closed_on is None:
        raise ValidationError({"closed_on": "Enter the date it was done or closed"})
    if status == PanelActionStatus.OPEN:
        closed_on = None
    if closed_on is not None and closed_on < action.item.meeting.date:
        raise ValidationError(
            {
                "closed_on": f"The date it was done must be on or after the meeting ({nhs_date(action.item.meeting.date)})"
            }
        )
    action.status, action.closed_on, action.outcome_note = status, closed_on, outcome_note
    action.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.action_updated",
        person=action.person,
        summary=f"Updated an ICS oversight panel action for {action.person.full_name}: "
        f"{action.get_status_display().lower()}",
        detail={"action": action.pk},
    )
    return action
