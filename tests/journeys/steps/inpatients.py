"""Steps for the inpatient record: admission, long-term segregation, the discharge plan and discharge."""

import datetime as dt

from .common import (
    then_i_see,
    when_i_choose,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
)

# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_inpatient_record_of(j, person):
    when_i_go_to(j, f"/people/{person.pk}/inpatient/")


def when_i_answer_yes_or_no(j, name: str, answer: bool):
    j.page.locator(f'input[name="{name}"][value="{"yes" if answer else "no"}"]').check()


def when_i_record_the_admission_details(
    j,
    *,
    on: dt.date,
    setting: str = "Not secure (acute, rehabilitation, or assessment and treatment)",
    route: str = "Not through the criminal justice system",
    hospital: str = "Fenwick House",
    provider: str = "Northdale Partnership NHS Foundation Trust",
    ward: str = "Willow ward",
    section: str = "Section 3 (treatment)",
    reason: str = "Placement broke down after weeks of escalating distress.",
    screenshot: str | None = None,
):
    """On the inpatient record: "Record an admission to hospital", and fill in where, the Mental Health Act
    section and why."""
    when_i_follow(j, "Record an admission to hospital")
    when_i_enter_the_date(j, "admitted_on", on)
    when_i_fill_in(j, {"Hospital": hospital, "Provider": provider, "Ward (optional)": ward}, exact=True)
    when_i_choose(j, setting, route, section)
    when_i_answer_yes_or_no(j, "out_of_area", False)
    when_i_fill_in(j, {"Why were they admitted?": reason})
    if screenshot:
        j.check(screenshot)
    when_i_press(j, "Record the admission")


def when_i_record_long_term_segregation(j, *, started: dt.date, reported_by: str = "Ward manager"):
    when_i_follow(j, "Record long-term segregation or seclusion")
    when_i_choose(j, "Long-term segregation")
    when_i_enter_the_date(j, "started_on", started)
    when_i_fill_in(j, {"Who reported it?": reported_by})
    when_i_press(j, "Record it")


def when_i_update_the_discharge_plan_point(
    j, point: str, *, status: str, owner: str = "", target: dt.date | None = None, note: str = ""
):
    """Follow the point's link in the 12-point discharge plan ("7. Accommodation ...") and bring it up to date."""
    j.page.locator("#discharge-plan ~ table a", has_text=f"{point}. ").first.click()
    when_i_choose(j, status)
    if owner:
        when_i_fill_in(j, {"Who owns it? (optional)": owner})
    if target:
        when_i_enter_the_date(j, "target_on", target)
    if note:
        when_i_fill_in(j, {"Note (optional)": note})
    when_i_press(j, "Save this point")


def when_i_record_the_discharge(
    j,
    *,
    on: dt.date,
    to: str = "Supported living",
    plan: str = "Support from the community team; post-discharge C(E)TR in four weeks.",
    review_until: dt.date,
):
    when_i_follow(j, "Record a discharge")
    when_i_enter_the_date(j, "discharged_on", on)
    when_i_choose(j, to)
    when_i_fill_in(j, {"What is the post-discharge plan?": plan})
    when_i_enter_the_date(j, "follow_up_until", review_until)
    when_i_press(j, "Record the discharge")


# -------------------------------------------------------------------------------------------------- then


def then_the_independent_cetr_entitlement_shows(j):
    then_i_see(j, "Independent C(E)TR (IC(E)TR)", "entitled to an independent C(E)TR")


def then_i_am_asked_for_the_new_rating(j, name: str):
    then_i_see(
        j, f"{name}'s discharge is recorded. They are no longer rated blue: decide their new rating now."
    )
    assert "/rating/" in j.page.url


def then_i_follow_to_the_inpatient_record(j):
    when_i_follow(j, "View the inpatient record")
