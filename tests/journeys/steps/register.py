"""Steps on the register: adding a person, consent, rating decisions, leaving, searching and instruments."""

import datetime as dt

from .common import (
    then_i_see,
    then_the_option_is_chosen,
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_press_the_start_button,
)

AMBER_ANSWERS = {"harm": "yes", "placement_at_risk": "yes"}  # 3 + 3 = 6: amber in the default adult bands


# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_register(j):
    when_i_go_to(j, "/people/")


def when_i_add_a_person(
    j, *, nhs_number: str, first_name: str, last_name: str, born: dt.date, diagnosis=None
):
    when_i_press_the_start_button(j, "Add a person")
    when_i_fill_in(j, {"NHS number": nhs_number, "First name": first_name, "Last name": last_name})
    when_i_enter_the_date(j, "date_of_birth", born)
    if diagnosis:
        when_i_choose(j, diagnosis)
    when_i_press(j, "Continue")


def when_i_record_consent_given_by(j, who: str):
    when_i_follow(j, "Record consent")
    then_i_see(j, "Adults give their own consent")
    when_i_choose(j, who, exact=False)
    when_i_press(j, "Save consent")


def then_the_rating_waits_for_consent(j, given_name: str):
    """Rating someone onto the register with no consent standing is refused (s2.4): the error summary says so,
    and its message links to where consent, or a best interests decision, is recorded."""
    assert j.page.title().startswith("Error: "), j.page.title()
    link = j.page.locator(".nhsuk-error-summary a").filter(
        has_text=f"{given_name} cannot be rated onto the register without consent to be on it"
    )
    assert link.count() == 1, j.page.locator(".nhsuk-error-summary").inner_text()
    assert link.get_attribute("href").endswith("/consent/")


def when_i_follow_the_error_to_record_consent_given_by(j, who: str):
    """From the error summary's link, record consent on the consent page."""
    j.page.locator(".nhsuk-error-summary a").filter(has_text="cannot be rated onto the register").click()
    j.check()
    then_i_see(j, "Record consent")
    when_i_choose(j, who, exact=False)
    when_i_press(j, "Save consent")
    then_i_see(j, "Consent is recorded")


def when_i_answer_the_rating_questions(j, chosen: dict) -> int:
    """Answer every question of the instrument: 'No' (the first option) unless chosen otherwise. Returns how
    many questions there were."""
    page = j.page
    names = page.eval_on_selector_all(
        "input[type=radio][name^=item_]", "els => [...new Set(els.map(e => e.name))]"
    )
    for name in names:
        item = name.removeprefix("item_")
        if item in chosen:
            page.locator(f'input[name="{name}"][value="{chosen[item]}"]').check()
        else:
            page.locator(f'input[name="{name}"]').first.check()
    return len(names)


def when_i_decide_the_rating(j, rating: str, *, judgement: str | None = None, rationale: str | None = None):
    """On the decision page after the questions: choose the rating and save it."""
    when_i_choose(j, rating)
    if judgement is not None:
        when_i_fill_in(j, {"Professional judgement": judgement, "Rationale for the rating": rationale or ""})
    when_i_press(j, "Save rating")


def when_i_record_telling_them_the_rating(j, *, how: str, names: str):
    """On the page that follows a rating decision: who was told, how, and their names."""
    when_i_choose(j, "The person (and their family)", "The referrer")
    when_i_choose(j, how)
    when_i_fill_in(j, {"Names of who you told": names}, exact=False)
    when_i_press(j, "Save")


def when_i_record_a_consent_check(j, discussed: str):
    when_i_follow(j, "Record a consent check")
    when_i_fill_in(j, {"What was discussed (optional)": discussed})
    when_i_press(j, "Save consent check")


def when_i_take_them_off_the_register(j, *, why: str, name: str):
    when_i_follow(j, "Take them off the register")
    when_i_choose(j, why)
    when_i_press(j, "Continue")
    then_i_see(j, f"Are you sure {name} should leave the register?")
    when_i_press(j, "Yes, take them off the register")


def when_i_search_the_register_by_pathway(j, pathway: str):
    when_i_open_the_register(j)
    j.page.get_by_label("Pathway").select_option(pathway)
    when_i_press(j, "Search")


def when_i_add_an_instrument(j, json_text: str):
    when_i_go_to(j, "/people/instruments/import/")
    when_i_fill_in(j, {"The instrument, as JSON": json_text})
    when_i_press(j, "Check and save")


def when_i_add_an_instrument_on_the_form(j, *, name: str, question: str, answer: str, weight: str = ""):
    """The instrument form: its name and population, and the first question with one answer."""
    when_i_go_to(j, "/people/instruments/new/")
    when_i_fill_in(j, {"Name of the instrument": name, "Version label": "2027.1"})
    when_i_choose(j, "Adults")
    j.page.locator('[name="question-0-text"]').fill(question)
    j.page.locator('[name="question-0-label_1"]').fill(answer)
    j.page.locator('[name="question-0-weight_1"]').fill(weight)
    when_i_press(j, "Check and save")


# -------------------------------------------------------------------------------------------------- then


def then_the_instrument_suggests(j, rating: str):
    then_i_see(j, "Suggested rating", rating)
    then_the_option_is_chosen(j, rating)


def then_the_rating_decision_is_saved(j, rating: str):
    then_i_see(j, f"The rating decision is saved: {rating}")


def then_i_am_asked_to_tell_them_the_rating(j, given_name: str):
    then_i_see(j, f"Tell {given_name} and the referrer the rating")


def then_the_question_still_reads(j, text: str):
    assert j.page.locator('[name="question-0-text"]').input_value() == text
