"""Writes for the ICS oversight panel (s18), a module for each step a user takes: the panel's members, its
meetings, the agenda, and each person's discussion with its actions. One function per thing a user does, each
one transaction: the record, its clock event where it is one, and the audit entry are saved together or not at
all.

Recording a person as discussed writes `oversight_panel_reviewed` on the meeting's date, sourced
"panel_item:<pk>", which meets their `oversight_panel_review`; undoing it voids that event."""

from opendsr.oversight.ics_panel.services.agenda import add_to_agenda, refresh_agenda, remove_from_agenda
from opendsr.oversight.ics_panel.services.discussion import (
    add_action,
    record_discussion,
    undo_discussion,
    update_action,
)
from opendsr.oversight.ics_panel.services.meetings import (
    cancel_meeting,
    record_minutes,
    schedule_meeting,
    update_meeting,
)
from opendsr.oversight.ics_panel.services.members import save_member

__all__ = [
    "save_member",
    "schedule_meeting",
    "update_meeting",
    "cancel_meeting",
    "record_minutes",
    "refresh_agenda",
    "add_to_agenda",
    "remove_from_agenda",
    "record_discussion",
    "undo_discussion",
    "add_action",
    "update_action",
]
