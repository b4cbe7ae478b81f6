"""Steps for the work queue, the timeline and the ICB's oversight pages."""

import datetime as dt

from .common import (
    nhs_date,
    then_i_see,
    then_the_page_reports_errors,
    then_the_row_for,
    when_i_follow,
    when_i_go_to,
    when_i_press,
)
from .inpatients import when_i_record_the_admission_details

# -------------------------------------------------------------------------------------------------- when


def when_i_open_my_work(j):
    when_i_go_to(j, "/work/")


def when_i_open_the_timeline_of(j, person):
    when_i_go_to(j, f"/work/people/{person.pk}/timeline/")


def when_i_record_an_admission(j, *, on: dt.date, setting: str, route: str, screenshot: str | None = None):
    """From the timeline: record an event, first forgetting to say what happened (the error summary shows it);
    an admission is recorded on the inpatient record, which the page links to."""
    when_i_follow(j, "Record an event")
    when_i_press(j, "Continue")
    then_the_page_reports_errors(j)
    when_i_follow(j, "An admission to hospital, a move to another hospital or ward, or a discharge")
    when_i_record_the_admission_details(j, on=on, setting=setting, route=route, screenshot=screenshot)


def when_i_open_the_icb_overview(j):
    when_i_go_to(j, "/work/icb/")


# -------------------------------------------------------------------------------------------------- then


def then_nothing_is_due_on_my_work(j):
    then_i_see(j, "Nothing is overdue or due in the next 28 days")


def then_my_work_shows(j, what: str, *, who: str, due: dt.date, when: str):
    """A row of the work queue: what is due, for whom, and when ("due in 7 days")."""
    then_the_row_for(j, f"{what}", who, nhs_date(due), when)


def then_the_oversight_panel_lists(j, who: str, *why: str):
    then_the_row_for(j, who, *why)
