"""Writes for the multi-agency DSR meeting: terms of reference and members, scheduling, the agenda, attendance,
what was decided for each person, and actions. One transaction each, keyword-only arguments. Each step has its
own module; this one names them all."""

from opendsr.meetings.services.actions import _check_action, add_action, may_update_action, update_action
from opendsr.meetings.services.agenda import (
    add_to_agenda,
    move_section,
    record_attendance,
    remove_from_agenda,
)
from opendsr.meetings.services.common import (
    CHANGEABLE_RATINGS,
    MOST_AT_ONCE,
    _audit,
    _item,
    _still_open,
    _text,
)
from opendsr.meetings.services.discussion import record_discussion
from opendsr.meetings.services.sending import send_minutes
from opendsr.meetings.services.setup import save_member, save_standing_meeting, schedule_meetings

__all__ = [
    "CHANGEABLE_RATINGS",
    "MOST_AT_ONCE",
    "_audit",
    "_still_open",
    "_text",
    "save_standing_meeting",
    "save_member",
    "schedule_meetings",
    "move_section",
    "_item",
    "add_to_agenda",
    "remove_from_agenda",
    "record_attendance",
    "record_discussion",
    "_check_action",
    "add_action",
    "may_update_action",
    "update_action",
    "send_minutes",
]
