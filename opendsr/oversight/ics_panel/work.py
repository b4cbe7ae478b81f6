"""The panel's actions in the work queue ("My work"), beside the clock's obligations: each open action due
within the month shows to its owner (and, when its owner has no OpenDSR account, to whoever looks after the
person)."""

from __future__ import annotations

import datetime as dt

from opendsr.accounts import access
from opendsr.oversight.ics_panel.queries import open_actions_for
from opendsr.oversight.links import person_url
from opendsr.register.contributions import DUE_SOON_DAYS, WorkItem, action_item, any_rows
from opendsr.web.formatting import nhs_date


def panel_action_items(user, people, today: dt.date) -> list[WorkItem]:
    items = []
    for action in any_rows(open_actions_for(user, people, today + dt.timedelta(days=DUE_SOON_DAYS))):
        meeting = action.item.meeting
        update = access.link(user, "oversight:panel_action", action.pk)
        items.append(
            action_item(
                action,
                kind="panel_action",
                label="Oversight panel action",
                basis=f"Agreed at the ICS oversight panel on {nhs_date(meeting.date)} (owner: {action.owner_name}"
                f"{', ' + action.owner_organisation if action.owner_organisation else ''})",
                today=today,
                person_url=person_url(action.person_id),
                action_url=update or access.link(user, "oversight:panel_meeting", meeting.pk),
                action_text="Update the action" if update else "Open the panel meeting",
            )
        )
    return items
