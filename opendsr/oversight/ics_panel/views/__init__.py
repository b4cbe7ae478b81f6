"""Pages of the ICS oversight panel (s18), a module for each step a user takes: its members, its meetings with
their agendas, papers and minutes, each person's discussion and actions. Each view checks access, calls a
service or a query, and renders.

Everything here belongs to the user's own ICB; another ICB's meeting does not exist for them (404)."""

from opendsr.oversight.ics_panel.views.agenda import agenda_add_view, agenda_refresh_view, agenda_remove_view
from opendsr.oversight.ics_panel.views.discussion import (
    action_new_view,
    action_view,
    discussion_undo_view,
    discussion_view,
)
from opendsr.oversight.ics_panel.views.meetings import (
    meeting_cancel_view,
    meeting_edit_view,
    meeting_new_view,
    meeting_view,
    meetings_view,
    minutes_view,
    papers_view,
)
from opendsr.oversight.ics_panel.views.members import member_edit_view, member_new_view, members_view

__all__ = [
    "members_view",
    "member_new_view",
    "member_edit_view",
    "meetings_view",
    "meeting_new_view",
    "meeting_view",
    "meeting_edit_view",
    "meeting_cancel_view",
    "minutes_view",
    "papers_view",
    "agenda_refresh_view",
    "agenda_add_view",
    "agenda_remove_view",
    "discussion_view",
    "discussion_undo_view",
    "action_new_view",
    "action_view",
]
