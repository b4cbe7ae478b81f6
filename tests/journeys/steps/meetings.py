"""Steps for the multi-agency DSR meeting and escalation."""

from __future__ import annotations

import datetime as dt

from .common import when_i_enter_the_date, when_i_fill_in


def when_i_schedule_a_meeting_on(j, day: dt.date):
    j.go("/meetings/")
    j.click("Test DSR meeting")
    j.click("Schedule meetings")
    when_i_enter_the_date(j, "first_date", day)
    when_i_fill_in(j, {"How many meetings to schedule": "1"})
    j.submit("Schedule")


def when_i_discuss(j, who: str):
    j.click(f"Record the discussion about {who}")


def when_i_change_the_rating(j, *, note: str, rating: str, rationale: str):
    when_i_fill_in(j, {"Note of the discussion": note})
    j.page.get_by_label("Rating changed, or rated for the first time", exact=True).check()
    j.page.get_by_label(rating, exact=True).check()
    when_i_fill_in(j, {"Rationale": rationale})
    j.submit("Save the discussion")


def when_i_confirm_the_rating_and_escalate(j, *, note: str, reason: str):
    when_i_fill_in(j, {"Note of the discussion": note})
    j.page.get_by_label("Rating confirmed", exact=True).check()
    j.page.get_by_label("Escalate to a senior manager", exact=True).check()
    when_i_fill_in(j, {"Why is it being escalated? (if escalating)": reason})
    j.submit("Save the discussion")


def when_i_add_an_action(j, *, text: str, owner: str, organisation: str, due: dt.date):
    j.click("Add an action")
    when_i_fill_in(j, {"What needs to happen": text, "Owner's organisation": organisation})
    j.page.get_by_label("Owner with an OpenDSR account").select_option(label=owner)
    when_i_enter_the_date(j, "due", due)
    j.submit("Add the action")
