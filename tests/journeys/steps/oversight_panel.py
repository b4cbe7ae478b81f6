"""Steps for the ICS oversight panel (s18): scheduling a meeting, its agenda and papers, discussing a person
with a decision and an action, and the minutes."""

import datetime as dt

from .common import (
    nhs_date,
    then_i_see,
    then_the_row_for,
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_press_the_start_button,
    when_i_select,
)

# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_panel_meetings(j):
    when_i_go_to(j, "/work/oversight-panel/meetings/")


def when_i_schedule_a_panel_meeting(j, *, on: dt.date, venue: str = "Northdale House, Room 2"):
    """From the meetings page: schedule a meeting; its agenda is built from who is due a panel review."""
    when_i_open_the_panel_meetings(j)
    when_i_press_the_start_button(j, "Schedule a panel meeting")
    when_i_enter_the_date(j, "date", on)
    when_i_fill_in(j, {"Where it will be held (optional)": venue})
    when_i_press(j, "Schedule the meeting")


def when_i_open_the_panel_meeting_on(j, day: dt.date):
    when_i_open_the_panel_meetings(j)
    when_i_follow(j, nhs_date(day))


def when_i_record_the_panel_discussion_of(j, who: str, *, decision: str, notes: str = ""):
    """On the meeting's page: record what the panel decided for the person (this meets their panel review)."""
    when_i_follow(j, f"Record the discussion of {who}")
    when_i_fill_in(j, {"What did the panel decide?": decision})
    if notes:
        when_i_fill_in(j, {"Notes of the discussion (optional)": notes})
    when_i_press(j, "Record as discussed")


def when_i_add_a_panel_action_for(j, who: str, *, what: str, owner: str, due: dt.date):
    """On the meeting's page: an action the panel owns, with an owner who sees it in their work."""
    when_i_follow(j, f"Add an action for {who}")
    when_i_fill_in(j, {"What needs to happen?": what})
    # "Who will do it?" exactly: the name field below asks for the name of the person who will do it
    j.page.get_by_label("Who will do it?", exact=True).select_option(label=owner)
    when_i_enter_the_date(j, "due", due)
    when_i_press(j, "Add the action")


def when_i_record_the_panel_minutes(j, *, minutes: str, absent: tuple[str, ...] = ()):
    when_i_follow(j, "Record the minutes")
    for name in absent:
        j.page.get_by_label(name, exact=False).uncheck()
    when_i_fill_in(j, {"Minutes": minutes}, exact=True)
    when_i_press(j, "Save the minutes")


def when_i_add_to_the_panel_agenda(j, who: str, *, why: str):
    when_i_follow(j, "Add someone else to the agenda")
    when_i_select(j, {"Who should the panel review?": who})
    when_i_fill_in(j, {"Why should the panel review them?": why})
    when_i_press(j, "Add them to the agenda")


def when_i_choose_the_panel_members(j, *names: str):
    when_i_choose(j, *names, exact=False)


# -------------------------------------------------------------------------------------------------- then


def then_the_panel_agenda_lists(j, who: str, *why: str):
    """The agenda's row for the person names why they are on it."""
    then_the_row_for(j, who, *why)


def then_the_panel_decided(j, who: str, decision: str, *actions: str):
    then_the_row_for(j, who, "Discussed", f"Decision: {decision}", *actions)


def then_the_panel_review_is_met(j, *, on: dt.date):
    """On the person's record: the oversight panel review shows met on the meeting's date."""
    then_i_see(j, "Oversight panel review", f"Met on {nhs_date(on)}")
