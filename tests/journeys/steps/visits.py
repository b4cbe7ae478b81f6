"""Steps for commissioner oversight visits (s16.1, Appendix 4): the schedule, the sit-and-see warning and the
visit form."""

import datetime as dt

from .common import (
    nhs_date,
    then_i_see,
    then_the_page_reports_errors,
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_go_to,
    when_i_press,
)

APPENDIX_4_NOTES = {
    "The environment": "A calm welcome; visiting times and the staff board on display.",
    "Is it safe?": "Clean and well maintained; medicines kept in a locked clinic room.",
    "Is it caring and involving?": "Staff knew them well and spoke quietly about private matters.",
    "Is it well organised and calm?": "Busy at handover but calm.",
    "Anything else": "They asked for more video calls with their family.",
}

# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_record_of(j, person):
    when_i_go_to(j, f"/people/{person.pk}/")


def when_i_open_the_visit_schedule(j):
    when_i_go_to(j, "/work/visits/")


def when_i_record_a_sit_and_see_visit(
    j, *, on: dt.date, visitors: str, hours: int, minutes: int = 0, notes: dict | None = None
):
    """On the visit form (reached from the warning or the schedule): the visit, that it was a sit and see, how
    long it lasted, and the Appendix 4 observations."""
    then_i_see(j, "Record an oversight visit", "What you saw (Appendix 4)")
    when_i_enter_the_date(j, "visited_on", on)
    when_i_fill_in(j, {"Who visited": visitors})
    when_i_fill_in(j, {"Hours": str(hours), "Minutes": str(minutes)}, exact=True)
    when_i_choose(j, "Yes")
    when_i_fill_in(j, notes or APPENDIX_4_NOTES, exact=True)
    when_i_press(j, "Save the visit")


def when_i_say_why_it_was_shorter(j, reason: str):
    when_i_fill_in(j, {"If a sit-and-see observation lasted less than three hours, why?": reason})
    when_i_press(j, "Save the visit")


# -------------------------------------------------------------------------------------------------- then


def then_i_am_warned_of_no_sit_and_see_before(j, planned: dt.date):
    then_i_see(
        j, "No sit-and-see visit before the planned C(E)TR", f"A C(E)TR is planned for {nhs_date(planned)}"
    )


def then_a_short_sit_and_see_is_refused(j, lasted: str):
    then_the_page_reports_errors(
        j, f"A sit-and-see visit should last at least 3 hours (Appendix 4). This one lasted {lasted}"
    )


def then_the_sit_and_see_is_met(j, *, on: dt.date, planned: dt.date):
    then_i_see(j, f"sit-and-see visit on {nhs_date(on)}, before the C(E)TR planned for {nhs_date(planned)}")
