"""Writes for the meeting's actions: adding them and bringing them up to date."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.meetings.models import (
    ActionStatus,
    DsrMeetingAction,
    DsrMeetingItem,
)
from opendsr.meetings.services.common import _audit, _still_open, _text
from opendsr.web.today import today as get_today

# ---------------------------------------------------------------------------------------------- actions


def _check_action(text, owner_name, owner_organisation, due, *, after: dt.date) -> dict:
    problems = {}
    if not _text(text):
        problems["text"] = "Enter what needs to happen"
    if not _text(owner_name):
        problems["owner_name"] = "Enter the name of the person who owns the action"
    elif len(_text(owner_name)) > 200:
        problems["owner_name"] = "The owner's name must be 200 characters or fewer"
    if not _text(owner_organisation):
        problems["owner_organisation"] = "Enter the owner's organisation"
    elif len(_text(owner_organisation)) > 200:
        problems["owner_organisation"] = "The owner's organisation must be 200 characters or fewer"
    if due is None:
        problems["due"] = "Enter the date the action is due"
    elif due < after:
        problems["due"] = "The date the action is due must be on or after the meeting"
    return problems


@transaction.atomic
def add_action(
    *,
    item: DsrMeetingItem,
    by,
    text: str,
    owner_user=None,
    owner_name: str = "",
    owner_organisation: str = "",
    due: dt.date | None,
    request=None,
) -> DsrMeetingAction:
    _still_open(item.meeting)
    if owner_user is not None:
        if owner_user.icb_id != item.meeting.icb_id:
            raise ValidationError({"owner_user": "Choose someone who works on this ICB's register"})
        owner_name = _text(owner_name) or owner_user.display_name
        owner_organisation = _text(owner_organisation) or (str(owner_user.organisation or ""))
    problems = _check_action(text, owner_name, owner_organisation, due, after=item.meeting.date)
    if problems:
        raise ValidationError(problems)
    if not item.pk:
        item.save()
    action = DsrMeetingAction.objects.create(
        item=item,
        person=item.person,
        text=_text(text),
        owner_user=owner_user,
        owner_name=_text(owner_name),
        owner_organisation=_text(owner_organisation),
        due=due,
        created_by=by,
    )
    _audit(
        by,
        "dsr_meeting.action_added",
        person=item.person,
        summary=f"Action for {action.owner_name}: {action.text[:200]}",
        request=request,
    )
    return action


def may_update_action(user, action: DsrMeetingAction) -> bool:
    return action.owner_user_id == user.pk or access.allowed(user, Action.MANAGE_MEETINGS)


@transaction.atomic
def update_action(
    *,
    action: DsrMeetingAction,
    by,
    status: str,
    outcome_note: str = "",
    closed_on: dt.date | None = None,
    request=None,
) -> DsrMeetingAction:
    if not may_update_action(by, action):
        raise PermissionDenied
    problems = {}
    if status not in ActionStatus.values:
        problems["status"] = "Choose where the action is up to"
    if status != ActionStatus.OPEN:
        closed_on = closed_on or get_today()
        if closed_on > get_today():
            problems["closed_on"] = "The date it was closed must be today or in the past"
        if status == ActionStatus.NOT_DONE and not _text(outcome_note):
            problems["outcome_note"] = "Say why the action was not done"
    if problems:
        raise ValidationError(problems)
    action.status = status
    action.closed_on = None if status == ActionStatus.OPEN else closed_on
    action.outcome_note = _text(outcome_note)
    action.save()
    _audit(
        by,
        "dsr_meeting.action_updated",
        person=action.person,
        summary=f"Action {action.get_status_display().lower()}: {action.text[:200]}",
        request=request,
    )
    return action
