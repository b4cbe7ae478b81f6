"""Given a case manager, when they add a person, record consent, rate them amber with the instrument, change the
rating to red, re-check consent and take the person off the register, then each step shows on the person's page;
and the DSR lead sees every step in the audit log."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.nhs_numbers import test_range

AMBER_ANSWERS = {"harm": "yes", "placement_at_risk": "yes"}  # 3 + 3 = 6: amber in the default adult bands


def answer_instrument(page, chosen: dict):
    """Answer every question: 'No' (the first option) unless chosen otherwise."""
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


def test_case_manager_walks_a_person_through_the_register(journey, make_user, today):
    case_manager = make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case")
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    number = next(test_range(900_000))
    page = journey.page

    # Given I am logged in as a case manager, when I add a person
    journey.log_in(case_manager)
    journey.go("/people/")
    assert "0 people" in page.inner_text("main")
    journey.click("Add a person", role="button")
    page.get_by_label("NHS number").fill(number)
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Hale")
    page.locator("#id_date_of_birth_day").fill("2")
    page.locator("#id_date_of_birth_month").fill("4")
    page.locator("#id_date_of_birth_year").fill("1999")
    journey.submit("Continue")
    assert page.title().startswith("Error: ")  # no diagnosis chosen: what was typed is kept
    assert page.get_by_label("Last name").input_value() == "Hale"
    page.get_by_label("Autistic", exact=True).check()
    journey.submit("Continue")
    assert "Robin Hale has been added" in page.inner_text("main")
    journey.check("register-person-added")
    person_url = page.url

    # When I record consent
    journey.click("Record consent")
    assert "Adults give their own consent" in page.inner_text("main")
    page.get_by_label("The person themselves").check()
    journey.submit("Save consent")
    assert "Consent is recorded" in page.inner_text("main")

    # And I rate them amber with the instrument
    journey.click("Record a rating decision")
    assert answer_instrument(page, AMBER_ANSWERS) > 10
    journey.check("register-rating-questions")
    journey.submit("Continue")
    main = page.inner_text("main")
    assert "Suggested rating" in main and "Amber" in main
    assert page.get_by_label("Amber", exact=True).is_checked()
    journey.check("register-rating-decide")
    journey.submit("Save rating")
    assert "The rating decision is saved: amber" in page.inner_text("main")

    # And then change it to red, against the suggestion
    journey.click("Record a rating decision")
    answer_instrument(page, AMBER_ANSWERS)
    journey.submit("Continue")
    page.get_by_label("Red", exact=True).check()
    journey.submit("Save rating")
    assert page.title().startswith("Error: ")
    assert "Explain why your rating is different" in page.inner_text("main")
    page.get_by_label("Professional judgement").fill("Crisis building at home")
    page.get_by_label("Rationale for the rating").fill("Police called twice this week")
    journey.submit("Save rating")
    assert "The rating decision is saved: red" in page.inner_text("main")

    # And re-check consent
    journey.click("Record a consent check")
    page.get_by_label("What was discussed (optional)").fill("Still happy to be on the register")
    journey.submit("Save consent check")

    # And take them off the register
    journey.click("Take them off the register")
    page.get_by_label("Risk has reduced and support is stable").check()
    journey.submit("Continue")
    assert "Are you sure Robin Hale should leave the register?" in page.inner_text("main")
    journey.submit("Yes, take them off the register")

    # Then I see each of those on their page
    assert page.url == person_url
    main = page.inner_text("main")
    assert "Robin Hale has left the register" in main
    today_text = f"{today.day} {today:%B %Y}"
    assert f"Left the register on {today_text}" in main
    assert "Consent checked on " + today_text in main
    assert "Police called twice this week" in main
    assert "Score 6" in main and "The decision differs from the suggestion" in main
    next_check = dt.date(today.year + 1, today.month, today.day)
    assert f"{next_check.day} {next_check:%B %Y}" in main
    journey.check("register-person-left")

    # And the DSR lead sees every step in the audit log
    page.context.clear_cookies()
    journey.log_in(lead)
    journey.go("/audit/")
    log = page.inner_text("main")
    for action in (
        "person.created",
        "consent.given",
        "rating.recorded",
        "consent.checked",
        "person.left_register",
        "person.viewed",
    ):
        assert action in log, action
    journey.check("register-audit-log")


def test_lead_searches_the_register_and_reads_the_instruments(journey, make_user, make_person):
    lead = make_user(Role.DSR_LEAD)
    make_person(
        given_name="Ada", family_name="Ashdown", current_rating="red", date_of_birth=dt.date(2012, 1, 1)
    )
    make_person(given_name="Ben", family_name="Birch", current_rating="green")
    journey.log_in(lead)
    journey.go("/people/")
    journey.page.get_by_label("Pathway").select_option("cyp")
    journey.submit("Search")
    main = journey.page.inner_text("main")
    assert "1 person" in main and "Ashdown, Ada" in main and "Birch" not in main
    journey.check("register-list")
    journey.go("/people/instruments/")
    journey.check("register-instruments")
    journey.go("/people/instruments/new/")
    journey.page.get_by_label("The instrument, as JSON").fill('{"slug": "x"}')
    journey.submit("Check and save")
    assert journey.page.title().startswith("Error: ")
    journey.check("register-instrument-error")
