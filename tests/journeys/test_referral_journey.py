"""Given a case manager, when a self-referral comes in by phone, they record it, acknowledge it by email, decide
the rating with the instrument and send the outcome letter as a PDF; the inbox shows each deadline and then
the referral closed; and the DSR lead sees it all in the audit log."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.nhs_numbers import test_range

from .steps.accounts import then_the_audit_log_lists
from .steps.common import (
    given_i_am_logged_in_as,
    keep_a_picture_of_the_pdf,
    then_i_see,
    then_the_field_keeps,
    then_the_page_reports_errors,
    then_the_pdf_says,
    then_the_row_for,
    when_i_download,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_return_to,
)
from .steps.referrals import (
    when_i_complete_the_referral,
    when_i_open_the_referral_inbox,
    when_i_record_a_referral,
    when_i_send_the_outcome_letter_as_a_pdf,
)
from .steps.register import (
    AMBER_ANSWERS,
    then_the_rating_decision_is_saved,
    then_the_rating_waits_for_consent,
    when_i_answer_the_rating_questions,
    when_i_decide_the_rating,
    when_i_follow_the_error_to_record_consent_given_by,
)


def test_a_referral_from_phone_call_to_outcome_letter(journey, make_user, tmp_path):
    j = journey
    case_manager = make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case")
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")

    given_i_am_logged_in_as(j, case_manager)
    when_i_open_the_referral_inbox(j)
    then_i_see(j, "There are no open referrals")

    # When Robin phones on Thursday 25 February 2027 to refer themselves
    when_i_record_a_referral(
        j,
        received_on=dt.date(2027, 2, 25),
        source="The person themselves",
        how="Phone call",
        nhs_number=next(test_range(910_000)),
        first_name="Robin",
        last_name="Hale",
    )
    # Then the gaps are explained and what I typed is kept
    then_the_page_reports_errors(j, "Enter why they are being referred")
    then_the_field_keeps(j, "Last name", "Hale")
    when_i_complete_the_referral(
        j,
        born=dt.date(2001, 4, 2),
        diagnosis="Autistic",
        email="robin.hale@example.org",
        why="Things are getting too much; two visits to A&E.",
        criteria=("Has presented to urgent and emergency care services",),
    )
    then_i_see(j, "The referral for Robin Hale is recorded")
    j.check("referral-recorded")
    referral_url = j.page.url

    # Then the inbox says it must be acknowledged in 5 working days, over the weekend
    when_i_open_the_referral_inbox(j)
    then_the_row_for(j, "Robin Hale", "Acknowledge by 4 March 2027", "due in 3 days")
    j.check("referral-inbox")

    # When I acknowledge it by email
    when_i_return_to(j, referral_url)
    when_i_follow(j, "Acknowledge the referral")
    then_i_see(j, "We received a referral for you to the dynamic support register on 25 February 2027")
    j.check("referral-acknowledge")
    when_i_press(j, "Send the letter")
    then_i_see(j, "The acknowledgement is recorded", "emailed to robin.hale@example.org")

    # And decide the rating with the instrument, from the referral's task list
    when_i_follow(j, "Decide their rating")
    when_i_answer_the_rating_questions(j, AMBER_ANSWERS)
    when_i_press(j, "Continue")
    then_i_see(j, "Amber")
    when_i_decide_the_rating(j, "Amber")
    # Then, with no consent to be on the register recorded yet, the rating is refused, linking to where it is
    then_the_rating_waits_for_consent(j, "Robin")
    j.check("referral-rating-needs-consent")
    when_i_follow_the_error_to_record_consent_given_by(j, "The person themselves")
    # And with consent recorded, the same decision from the referral puts Robin on the register
    when_i_return_to(j, referral_url)
    when_i_follow(j, "Decide their rating")
    when_i_answer_the_rating_questions(j, AMBER_ANSWERS)
    when_i_press(j, "Continue")
    when_i_decide_the_rating(j, "Amber")
    then_the_rating_decision_is_saved(j, "amber")

    # And send the outcome as a PDF to print
    when_i_return_to(j, referral_url)
    when_i_follow(j, "Send the outcome")
    then_i_see(j, "Your rating is amber")
    when_i_send_the_outcome_letter_as_a_pdf(j)
    then_i_see(j, "Download the letter below")
    j.check("referral-closed")
    pdf = when_i_download(j, "download the PDF", tmp_path, last=True)
    then_the_pdf_says(pdf, "Dear Robin", "Your rating is amber")
    keep_a_picture_of_the_pdf(pdf, "referral-outcome-letter")

    # Then the inbox shows nothing open, and the referral among the closed ones
    when_i_open_the_referral_inbox(j)
    then_i_see(j, "There are no open referrals")
    when_i_open_the_referral_inbox(j, stage="closed")
    then_the_row_for(j, "Robin Hale", "Outcome sent")

    # And the DSR lead sees the referral, the letters and the rating in the audit log
    given_i_am_logged_in_as(j, lead)
    when_i_go_to(j, "/audit/")
    then_the_audit_log_lists(
        j, "Referral recorded", "Letter sent", "Rating recorded", "Letter recorded", "Letter downloaded"
    )
    j.check("referral-audit-log")
