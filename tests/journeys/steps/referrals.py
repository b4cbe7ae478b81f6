"""Steps for referrals: recording one, acknowledging it, deciding the rating and sending the outcome."""

import datetime as dt

from .common import (
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_go_to,
    when_i_press,
    when_i_press_the_start_button,
)

# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_referral_inbox(j, stage: str | None = None):
    when_i_go_to(j, "/referrals/" + (f"?stage={stage}" if stage else ""))


def when_i_record_a_referral(
    j, *, received_on: dt.date, source: str, how: str, nhs_number: str, first_name: str, last_name: str
):
    """Start recording a referral with only who and when; the rest is asked for by the errors."""
    when_i_press_the_start_button(j, "Record a referral")
    when_i_enter_the_date(j, "received_on", received_on)
    when_i_choose(j, source, how, exact=False)
    when_i_fill_in(j, {"NHS number (optional)": nhs_number, "First name": first_name, "Last name": last_name})
    when_i_press(j, "Record the referral")


def when_i_complete_the_referral(
    j, *, born: dt.date, diagnosis: str, email: str, why: str, criteria: tuple[str, ...]
):
    when_i_enter_the_date(j, "date_of_birth", born)
    when_i_choose(j, diagnosis)
    when_i_fill_in(j, {"Their email address (optional)": email, "Why are they being referred?": why})
    when_i_choose(j, *criteria, exact=False)
    when_i_press(j, "Record the referral")


def when_i_send_the_outcome_letter_as_a_pdf(j):
    when_i_choose(j, "Downloaded as a PDF to print or attach", exact=False)
    when_i_press(j, "Send the letter")
