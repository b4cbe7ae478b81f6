"""Steps for the public front door: an ICB's pages, and referring yourself or someone you care for online."""

import datetime as dt
import re

from django.core import mail

from opendsr.public.models import FrontDoor

from .common import (
    main_text,
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_go_to,
    when_i_press,
)

# ------------------------------------------------------------------------------------------------- given


def given_the_icb_publishes_its_pages(icb, *, ods_code: str, service: str, phone: str, criteria: str):
    icb.ods_code = ods_code
    icb.save()
    FrontDoor.objects.create(
        icb=icb,
        published=True,
        service_name=service,
        phone=phone,
        hours="Monday to Friday, 9am to 5pm",
        criteria=criteria,
    )


# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_public_pages(j, ods_code: str):
    when_i_go_to(j, f"/public/{ods_code}/")


def when_i_answer_who_is_referring(j, who: str):
    when_i_choose(j, who, exact=False)
    when_i_press(j, "Continue")


def when_i_give_my_details(j, *, name: str, relationship: str, phone: str, email: str = ""):
    when_i_fill_in(
        j,
        {
            "Your full name": name,
            "Your relationship to them": relationship,
            "Your phone number (optional)": phone,
            "Your email address (optional)": email,
        },
    )
    when_i_press(j, "Continue")


def when_i_give_their_name(j, first: str, last: str):
    when_i_fill_in(j, {"First name": first, "Last name": last}, exact=True)
    when_i_press(j, "Continue")


def when_i_give_their_date_of_birth(j, born: dt.date):
    when_i_enter_the_date(j, "date_of_birth", born)
    when_i_press(j, "Continue")


def when_i_answer(j, choice: str):
    """A question answered by choosing one option."""
    when_i_choose(j, choice)
    when_i_press(j, "Continue")


def when_i_give_where_they_live(j, postcode: str):
    when_i_fill_in(j, {"Postcode": postcode}, exact=True)
    when_i_press(j, "Continue")


def when_i_skip(j):
    """An optional question left empty."""
    when_i_press(j, "Continue")


def when_i_say_what_is_worrying_me(j, words: str, *signs: str):
    when_i_fill_in(j, {"Tell us what is happening": words})
    when_i_choose(j, *signs)
    when_i_press(j, "Continue")


def when_i_send_my_referral(j) -> str:
    """Send the referral from the check your answers page; the reference the confirmation gives."""
    when_i_press(j, "Send referral")
    assert "Referral sent" in main_text(j), main_text(j)
    return j.page.locator(".nhsuk-panel strong").inner_text().strip()


def when_i_refer_as_a_professional(
    j, *, name: str, job: str, organisation: str, email: str, person: tuple[str, str], born: dt.date, why: str
):
    """Fill in the professional's referral form on the public pages and ask for the link."""
    when_i_fill_in(
        j,
        {
            "Your full name": name,
            "Your job title": job,
            "Your organisation": organisation,
            "Your work email address": email,
        },
    )
    when_i_fill_in(j, {"First name": person[0], "Last name": person[1]}, exact=True)
    when_i_enter_the_date(j, "date_of_birth", born)
    when_i_choose(j, "Autistic")
    when_i_fill_in(j, {"Their postcode": "ND2 3BB", "Why are you referring them now?": why})
    when_i_choose(j, "Yes")
    when_i_press(j, "Send me the link")


def when_i_follow_the_link_emailed_to(j, address: str):
    """Open the newest email sent to this address with a link in it, as its reader would, and follow the link."""
    pattern = re.compile(r"https?://[^/\s]+(/\S+/confirm/\S+/)")
    links = [pattern.search(message.body) for message in mail.outbox if address in message.to]
    links = [link for link in links if link]
    assert links, f"no link was emailed to {address}"
    link = links[-1]
    j.page.context.clear_cookies()  # their email may open in another browser
    when_i_go_to(j, link.group(1))


# -------------------------------------------------------------------------------------------------- then


def then_the_question_is(j, question: str):
    assert question in j.page.locator("h1").first.inner_text(), main_text(j)
