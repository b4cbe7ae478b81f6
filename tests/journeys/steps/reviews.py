"""Steps for a C(E)TR: organising it, the panel, invitations, the meeting, the report, and who sees it."""

import datetime as dt
import re

from opendsr.reviews.models import PanelMember, Review

from .common import (
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_follow,
    when_i_press,
    when_i_select,
)

# ------------------------------------------------------------------------------------------------- given


def given_a_panel_directory(icb, *, expert_by_experience_user):
    """A chair, two clinical experts (one works for Oakwood Hospital) and an expert by experience with an
    account, all trained a year ago."""
    year_ago = dt.date(2026, 3, 1)
    for name, role, organisation, specialisms, user in (
        ("Dr Helen Marsh", "chair", "", ["children"], None),
        ("Tom Reilly", "clinical_expert", "Oakwood Hospital", ["children", "autism"], None),
        ("Dr Grace Obi", "clinical_expert", "", ["children", "autism"], None),
        ("Kim Lowe", "expert_by_experience", "", ["children"], expert_by_experience_user),
    ):
        PanelMember.objects.create(
            icb=icb,
            name=name,
            role=role,
            organisation=organisation,
            induction_trained_on=year_ago,
            specialisms=specialisms,
            user=user,
        )


def given_a_community_review_for(person) -> Review:
    return Review.objects.create(person=person, kind="community", pathway="ctr")


# -------------------------------------------------------------------------------------------------- when


def when_i_agree_the_date_and_venue(j, *, on: dt.date, where: str):
    when_i_enter_the_date(j, "scheduled_for", on)
    when_i_fill_in(j, {"Where it will be held": where})
    when_i_press(j, "Save")


def when_i_choose_the_panel(j, *, chair: str, clinical_expert: str, expert_by_experience: str):
    when_i_select(
        j,
        {
            "Chair": f"{chair} (Chair)",
            "Clinical expert": f"{clinical_expert} (Clinical expert)",
            "Expert by experience": f"{expert_by_experience} (Expert by experience)",
        },
    )
    when_i_press(j, "Save the panel")


def when_i_change_the_clinical_expert_to(j, name: str):
    when_i_select(j, {"Clinical expert": f"{name} (Clinical expert)"})
    when_i_choose(j, "Yes")
    when_i_press(j, "Save the panel")


def when_i_record_consent_on_the_checklist(j, *, on: dt.date):
    when_i_follow(j, "Check consent, advocacy and papers")
    when_i_enter_the_date(j, "consent_confirmed_on", on)
    when_i_press(j, "Save")


def when_i_say_why_care_cannot_be_in_the_community(j, why: str):
    when_i_fill_in(j, {"Why can their care not be given in the community now?": why})
    when_i_press(j, "Save")


def when_i_record_what_the_panel_found(j, *answers: dict[str, str], not_discussed: int = 0, screenshot=None):
    """One page per question: what the panel found (and what the person said); the rest not discussed."""
    for number, answer in enumerate(answers):
        when_i_fill_in(j, answer)
        if screenshot and number == 0:
            j.check(screenshot)
        when_i_press(j, "Save and continue")
    for _ in range(not_discussed):
        when_i_choose(j, "This was not discussed at the review")
        when_i_press(j, "Save and continue")


def when_i_raise_a_safeguarding_concern(j, *, urgency: str, concern: str, told: str):
    when_i_follow(j, "Raise a safeguarding concern")
    when_i_choose(j, urgency)
    when_i_fill_in(j, {"What is the concern?": concern, "Who was told": told})
    when_i_press(j, "Record the concern")


def when_i_record_the_rating_decision(j, rating: str, *, why: str):
    when_i_follow(j, "Record the rating decision")
    when_i_choose(j, rating)
    when_i_fill_in(j, {"Why this rating": why})
    when_i_press(j, "Save the rating decision")


def when_i_agree_an_action(j, *, what: str, who: str, organisation: str, due: dt.date):
    when_i_fill_in(
        j,
        {
            "What needs to happen": what,
            "Named person who will do it": who,
            "Their organisation": organisation,
        },
    )
    when_i_enter_the_date(j, "due", due)
    when_i_press(j, "Add the action")


def when_i_say_who_to_contact_about_the_review(j, contact: str):
    when_i_fill_in(j, {"Who should they contact about the review?": contact})
    when_i_press(j, "Save the details")


def when_i_record_the_report_sent_to(j, *recipients: str):
    when_i_fill_in(j, {"Who it went to": "\n".join(recipients)})
    when_i_press(j, "Send the report")


# -------------------------------------------------------------------------------------------------- then


def then_what_is_due_says(j, label: str, text: str):
    """On a person's page, under "What is due": the obligation called `label` says `text`."""
    title = j.page.locator("strong", has_text=re.compile(f"^{re.escape(label)}$"))
    items = j.page.locator("li.app-timeline__item").filter(has=title)
    said = [items.nth(i).inner_text() for i in range(items.count())]
    assert any(text in item for item in said), f"{label!r} does not say {text!r}: {said}"


def then_the_page_is_not_found(j, path: str):
    response = j.page.goto(j.base_url + path)
    assert response.status == 404
    j.check()
