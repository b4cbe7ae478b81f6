"""Given a 15-year-old on the register, when their case manager records the admission in full, an episode of
long-term segregation that has lasted three days, the 12-point discharge plan and then the discharge, then the
record shows them blue in hospital, the independent C(E)TR they are entitled to, the plan's progress, and the
discharge asks for their new rating."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.services.rating import record_rating
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_see,
    then_the_page_reports_errors,
    when_i_follow,
    when_i_go_to,
    when_i_press,
)
from .steps.inpatients import (
    then_i_am_asked_for_the_new_rating,
    then_the_independent_cetr_entitlement_shows,
    when_i_record_long_term_segregation,
    when_i_record_the_admission_details,
    when_i_record_the_discharge,
    when_i_update_the_discharge_plan_point,
)


def test_the_inpatient_record_from_admission_to_discharge(journey, icb):
    j = journey
    team = TeamFactory(icb=icb, name="Children's community team")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    rio = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Rio",
        family_name="Hart",
        date_of_birth=dt.date(2011, 9, 14),
    )
    record_rating(person=rio, by=manager, rating="red", decided_on=dt.date(2027, 1, 10), rationale="At risk")

    given_i_am_logged_in_as(j, manager)
    when_i_go_to(j, f"/people/{rio.pk}/")
    when_i_follow(j, "Record an admission to hospital")
    when_i_press(j, "Record the admission")
    then_the_page_reports_errors(j, "Enter the name of the hospital", "Enter why they were admitted")
    when_i_go_to(j, f"/people/{rio.pk}/inpatient/")
    when_i_record_the_admission_details(j, on=dt.date(2027, 2, 15), screenshot="inpatient-admission")
    then_i_see(
        j,
        "Rio Hart's admission is recorded. They are now rated blue while in hospital.",
        "Fenwick House",
        "Section 3 (treatment) since 15 February 2027",
        "Yes, rated red",
    )

    when_i_record_long_term_segregation(j, started=dt.date(2027, 2, 26))
    then_i_see(j, "Lasted 48 hours on 28 February 2027", "Not ended (3 days so far)")
    then_the_independent_cetr_entitlement_shows(j)
    then_i_see(j, "It is due by 1 March 2027")

    when_i_update_the_discharge_plan_point(
        j, "1", status="Done", owner="Dr Priya Shah, responsible clinician", target=dt.date(2027, 2, 20)
    )
    when_i_update_the_discharge_plan_point(
        j,
        "7",
        status="In progress",
        owner="Council housing team",
        target=dt.date(2027, 5, 3),
        note="Two homes",
    )
    then_i_see(j, "1 of 18 points done or not needed, 1 in progress", "Council housing team")
    j.check("inpatient-record")

    when_i_record_the_discharge(j, on=dt.date(2027, 3, 1), review_until=dt.date(2027, 9, 1))
    then_i_am_asked_for_the_new_rating(j, "Rio Hart")
