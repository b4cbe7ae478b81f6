"""Given an ICB that publishes its pages, when a mother on her phone refers her son online, one question a page,
checks her answers and sends them, then she sees a reference and what happens next; and the DSR lead finds the
referral in the inbox, sent online by his family, with the acknowledgement due in 5 working days. Every page,
public ones included, has no axe violations and fits a 375-pixel screen."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.policy.rules.referral import ACKNOWLEDGE_REFERRAL

from .steps.common import (
    given_i_am_logged_in_as,
    nhs_date,
    then_i_do_not_see,
    then_i_see,
    then_the_field_keeps,
    then_the_page_reports_errors,
    then_the_row_for,
    when_i_choose,
    when_i_follow,
    when_i_press,
)
from .steps.public import (
    given_the_icb_publishes_its_pages,
    then_the_question_is,
    when_i_answer,
    when_i_answer_who_is_referring,
    when_i_follow_the_link_emailed_to,
    when_i_give_my_details,
    when_i_give_their_date_of_birth,
    when_i_give_their_name,
    when_i_give_where_they_live,
    when_i_open_the_public_pages,
    when_i_refer_as_a_professional,
    when_i_say_what_is_worrying_me,
    when_i_send_my_referral,
    when_i_skip,
)
from .steps.referrals import when_i_open_the_referral_inbox

PHONE = {"width": 375, "height": 812}


def fits(j):
    width = j.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert width <= 0, f"{j.page.url} scrolls sideways by {width} pixels"


def test_a_mother_refers_her_son_online_and_the_lead_finds_it(journey, icb, make_user, settings, today):
    settings.OPENDSR_PUBLIC_MINIMUM_SECONDS = 0  # the browser answers faster than a person reads
    j = journey
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    given_the_icb_publishes_its_pages(
        icb,
        ods_code="QZ7",
        service="Northdale DSR team",
        phone="0300 000 0300",
        criteria="Autistic people and people with a learning disability at risk of going into hospital",
    )
    j.page.set_viewport_size(PHONE)

    # Without logging in, the ICB's page gives the single point of contact and the criteria
    when_i_open_the_public_pages(j, "QZ7")
    then_i_see(j, "Contact Northdale DSR team", "0300 000 0300", "at risk of going into hospital")
    fits(j)
    when_i_follow(j, "Refer yourself or someone you care for")
    j.click("Start now", role="button")

    when_i_answer_who_is_referring(j, "I am a family member or carer")
    # A question left unanswered is explained, and what was typed is kept
    then_the_question_is(j, "About you")
    when_i_give_my_details(j, name="Grace Adeyemi", relationship="Mother", phone="")
    then_the_page_reports_errors(j, "Enter a phone number or an email address")
    then_the_field_keeps(j, "Your full name", "Grace Adeyemi")
    when_i_give_my_details(j, name="Grace Adeyemi", relationship="Mother", phone="07700 900123")

    then_the_question_is(j, "What is the name of the person you are referring?")
    when_i_give_their_name(j, "Daniel", "Adeyemi")
    when_i_give_their_date_of_birth(j, dt.date(2011, 2, 14))
    when_i_answer(j, "Autistic")
    when_i_give_where_they_live(j, "ND2 3BB")
    when_i_skip(j)  # the NHS number, not known
    when_i_answer(j, "Through me")
    when_i_say_what_is_worrying_me(
        j, "He has stopped going to school and hit his brother.", "They might hurt themselves or someone else"
    )
    when_i_answer(j, "Yes")
    when_i_skip(j)  # nothing more that helps him communicate
    fits(j)

    then_i_see(j, "Check your answers before sending your referral", "Grace Adeyemi", "14 February 2011")
    # A change goes back to the question and returns to the check page
    j.page.get_by_role("link", name="Change What is the name of the person you are referring?").click()
    j.check()
    when_i_give_their_name(j, "Danny", "Adeyemi")
    then_i_see(j, "Check your answers", "Danny")

    reference = when_i_send_my_referral(j)
    then_i_see(j, "Referral sent", reference, "within 5 working days")
    fits(j)
    j.check("self-referral-sent-on-a-phone")

    # The DSR lead finds it in the inbox: from his family, online, to be acknowledged
    j.page.set_viewport_size({"width": 1200, "height": 900})
    given_i_am_logged_in_as(j, lead)
    when_i_open_the_referral_inbox(j)
    then_the_row_for(j, "Danny Adeyemi", nhs_date(ACKNOWLEDGE_REFERRAL.after(today)))
    when_i_follow(j, "Danny Adeyemi")
    then_i_see(j, "Their family or carer", "by online form on the public pages", f"reference {reference}")

    # And acknowledges it to his mother, as for any referral, and to Danny in easy read
    when_i_follow(j, "Acknowledge the referral")
    then_i_see(j, "The letter to the referrer (Grace Adeyemi)")
    when_i_choose(j, "The referrer", "The person", "Easy read", "Downloaded as a PDF to print or attach")
    when_i_press(j, "Send the letter")
    then_i_see(j, "Acknowledged " + nhs_date(today))
    when_i_follow(j, "Open their record")
    then_i_see(j, "Letters, emails and calls", "easy read")


def test_a_teachers_referral_waits_until_her_email_link_is_followed(journey, icb, make_user, settings, today):
    """Given an ICB that accepts nhs.net addresses without review, when a teacher refers a pupil on the public
    pages from her school address, then nothing reaches the inbox until she follows the link emailed to her; then
    the referral is in the inbox, from a professional, marked "Unverified sender", with its acknowledgement due."""
    settings.OPENDSR_PUBLIC_MINIMUM_SECONDS = 0  # the browser answers faster than a person reads
    j = journey
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    given_the_icb_publishes_its_pages(
        icb,
        ods_code="QZ8",
        service="Northdale DSR team",
        phone="0300 000 0300",
        criteria="Autistic people and people with a learning disability at risk of going into hospital",
    )

    when_i_open_the_public_pages(j, "QZ8")
    when_i_follow(j, "refer them as a professional")
    then_i_see(j, "Refer someone as a professional", "You do not need an account")
    when_i_refer_as_a_professional(
        j,
        name="Asha Patel",
        job="Special educational needs coordinator",
        organisation="Northdale Academy",
        email="a.patel@northdale-academy.example",
        person=("Kofi", "Mensah"),
        born=dt.date(2012, 5, 9),
        why="Kofi has been excluded twice this term and his foster placement may end.",
    )
    then_i_see(
        j, "Check your email", "a.patel@northdale-academy.example", "We have not received your referral"
    )

    # Until she follows the link, the DSR team has nothing
    given_i_am_logged_in_as(j, make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case"))
    when_i_open_the_referral_inbox(j)
    then_i_do_not_see(j, "Kofi Mensah")

    # She follows the link in her email and sends the referral
    when_i_follow_the_link_emailed_to(j, "a.patel@northdale-academy.example")
    then_i_see(j, "Confirm your email address and send your referral")
    when_i_press(j, "Confirm and send the referral")
    reference = j.page.locator(".nhsuk-panel strong").inner_text().strip()
    then_i_see(j, "Referral sent", reference, "within 5 working days")
    # The link works once
    when_i_follow_the_link_emailed_to(j, "a.patel@northdale-academy.example")
    then_i_see(j, "This link has already been used", "Fill in the referral form again", "0300 000 0300")

    # Now the DSR lead finds it, from a professional whose address is not one the ICB trusts
    given_i_am_logged_in_as(j, lead)
    when_i_open_the_referral_inbox(j)
    then_the_row_for(j, "Kofi Mensah", "Unverified sender", nhs_date(ACKNOWLEDGE_REFERRAL.after(today)))
    when_i_follow(j, "Kofi Mensah")
    then_i_see(j, "Unverified sender", "A professional", "Asha Patel", f"reference {reference}")
