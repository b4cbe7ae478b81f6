"""Given a case manager, when they add a person, record consent, rate them amber with the instrument, change the
rating to red, re-check consent and take the person off the register, then each step shows on the person's page;
and the DSR lead sees every step in the audit log."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.nhs_numbers import test_range

from .steps.accounts import then_the_audit_log_lists
from .steps.common import (
    given_i_am_logged_in_as,
    nhs_date,
    then_i_do_not_see,
    then_i_see,
    then_the_field_keeps,
    then_the_page_reports_errors,
    when_i_choose,
    when_i_follow,
    when_i_go_to,
    when_i_press,
)
from .steps.register import (
    AMBER_ANSWERS,
    then_i_am_asked_to_tell_them_the_rating,
    then_the_instrument_suggests,
    then_the_question_still_reads,
    then_the_rating_decision_is_saved,
    when_i_add_a_person,
    when_i_add_an_instrument,
    when_i_add_an_instrument_on_the_form,
    when_i_answer_the_rating_questions,
    when_i_decide_the_rating,
    when_i_open_the_register,
    when_i_record_a_consent_check,
    when_i_record_consent_given_by,
    when_i_record_telling_them_the_rating,
    when_i_search_the_register_by_pathway,
    when_i_take_them_off_the_register,
)


def test_case_manager_walks_a_person_through_the_register(journey, make_user, today):
    j = journey
    case_manager = make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case")
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")

    given_i_am_logged_in_as(j, case_manager)
    when_i_open_the_register(j)
    then_i_see(j, "0 people")

    # When I add a person but choose no diagnosis, then the error is explained and what I typed is kept
    person = {"nhs_number": next(test_range(900_000)), "first_name": "Robin", "last_name": "Hale"}
    when_i_add_a_person(j, **person, born=dt.date(1999, 4, 2))
    then_the_page_reports_errors(j)
    then_the_field_keeps(j, "Last name", "Hale")
    when_i_choose(j, "Autistic")
    when_i_press(j, "Continue")
    then_i_see(j, "Robin Hale has been added")
    j.check("register-person-added")
    person_url = j.page.url

    when_i_record_consent_given_by(j, "The person themselves")
    then_i_see(j, "Consent is recorded")

    # When I rate them amber with the instrument
    when_i_follow(j, "Record a rating decision")
    assert when_i_answer_the_rating_questions(j, AMBER_ANSWERS) > 10
    j.check("register-rating-questions")
    when_i_press(j, "Continue")
    then_the_instrument_suggests(j, "Amber")
    j.check("register-rating-decide")
    when_i_press(j, "Save rating")
    then_the_rating_decision_is_saved(j, "amber")
    then_i_am_asked_to_tell_them_the_rating(j, "Robin")
    j.check("register-tell-rating")
    when_i_record_telling_them_the_rating(j, how="Phone call", names="Robin")
    then_i_see(j, "Telling Robin the rating is recorded")

    # And then change it to red, against the suggestion, which needs a reason
    when_i_follow(j, "Record a rating decision")
    when_i_answer_the_rating_questions(j, AMBER_ANSWERS)
    when_i_press(j, "Continue")
    when_i_decide_the_rating(j, "Red")
    then_the_page_reports_errors(j, "Explain why your rating is different")
    when_i_decide_the_rating(
        j, "Red", judgement="Crisis building at home", rationale="Police called twice this week"
    )
    then_the_rating_decision_is_saved(j, "red")
    then_i_am_asked_to_tell_them_the_rating(j, "Robin")
    when_i_follow(j, "Tell them later")

    when_i_record_a_consent_check(j, "Still happy to be on the register")
    when_i_take_them_off_the_register(j, why="Risk has reduced and support is stable", name="Robin Hale")

    # Then I see each of those on their page
    assert j.page.url == person_url
    next_check = dt.date(today.year + 1, today.month, today.day)
    then_i_see(
        j,
        "Robin Hale has left the register",
        f"Left the register on {nhs_date(today)}",
        f"Consent checked on {nhs_date(today)}",
        "Police called twice this week",
        f"Told by phone call on {nhs_date(today)}: Robin",
        "Score 6",
        "The decision differs from the suggestion",
        nhs_date(next_check),
    )
    j.check("register-person-left")

    given_i_am_logged_in_as(j, lead)
    when_i_go_to(j, "/audit/")
    then_the_audit_log_lists(
        j,
        "Person created",
        "Consent given",
        "Rating recorded",
        "Rating outcome told",
        "Consent checked",
        "Person left register",
        "Person viewed",
    )
    j.check("register-audit-log")


def test_lead_searches_the_register_and_reads_the_instruments(journey, make_user, make_person):
    j = journey
    make_person(
        given_name="Ada", family_name="Ashdown", current_rating="red", date_of_birth=dt.date(2012, 1, 1)
    )
    make_person(given_name="Ben", family_name="Birch", current_rating="green")
    given_i_am_logged_in_as(j, make_user(Role.DSR_LEAD))

    when_i_search_the_register_by_pathway(j, "cyp")
    then_i_see(j, "1 person", "Ashdown, Ada")
    then_i_do_not_see(j, "Birch")
    j.check("register-list")

    when_i_go_to(j, "/people/instruments/")
    j.check("register-instruments")
    when_i_add_an_instrument(j, '{"slug": "x"}')
    then_the_page_reports_errors(j)
    j.check("register-instrument-error")

    when_i_add_an_instrument_on_the_form(j, name="Local risk tool", question="Placement at risk", answer="No")
    then_the_page_reports_errors(j, "Enter the weight of answer 1")
    then_the_question_still_reads(j, "Placement at risk")
    j.check("register-instrument-form-error")
