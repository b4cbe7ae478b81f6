"""Given a 15-year-old on the register, when they are admitted, segregated for three days, visited before a
planned C(E)TR, reviewed by the ICS oversight panel and discharged, then each step shows what the policy asks
next: blue with the post-admission C(E)TR and keyworker referral due; the independent C(E)TR and a place on the
panel's agenda; the sit-and-see met; the panel review met with its decision and action; the discharge plan's
points worked; and, on discharge, the new rating asked for."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.services.rating import record_rating
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import given_i_am_logged_in_as, then_i_see, when_i_follow, when_i_go_to, when_i_press
from .steps.inpatients import (
    then_i_am_asked_for_the_new_rating,
    then_the_independent_cetr_entitlement_shows,
    when_i_open_the_inpatient_record_of,
    when_i_record_long_term_segregation,
    when_i_record_the_admission_details,
    when_i_record_the_discharge,
    when_i_update_the_discharge_plan_point,
)
from .steps.oversight_panel import (
    then_the_panel_agenda_lists,
    then_the_panel_decided,
    then_the_panel_review_is_met,
    when_i_add_a_panel_action_for,
    when_i_record_the_panel_discussion_of,
    when_i_schedule_a_panel_meeting,
)
from .steps.reviews import when_i_agree_the_date_and_venue
from .steps.visits import (
    then_i_am_warned_of_no_sit_and_see_before,
    then_the_sit_and_see_is_met,
    when_i_open_the_record_of,
    when_i_record_a_sit_and_see_visit,
)
from .steps.work import when_i_open_my_work

TODAY = dt.date(2027, 3, 1)
PLANNED = dt.date(2027, 3, 15)


def test_a_young_persons_stay_in_hospital_from_admission_to_discharge(journey, icb):
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
        known_to_keyworker=False,
    )
    record_rating(person=rio, by=manager, rating="red", decided_on=dt.date(2027, 1, 10), rationale="At risk")

    # When Rio is admitted, with the hospital, ward and Mental Health Act section
    given_i_am_logged_in_as(j, manager)
    when_i_open_the_inpatient_record_of(j, rio)
    when_i_record_the_admission_details(j, on=dt.date(2027, 2, 15), screenshot="journey-inpatient-admit")
    then_i_see(j, "They are now rated blue while in hospital.", "Willow ward", "Section 3 (treatment)")

    # Then the post-admission CETR (10 working days for a child) and the keyworker referral are due
    when_i_open_my_work(j)
    then_i_see(j, "Post-admission C(E)TR", "Refer to the keyworker service", "Rio Hart")

    # When long-term segregation has lasted three days, then the independent C(E)TR shows
    when_i_open_the_inpatient_record_of(j, rio)
    when_i_record_long_term_segregation(j, started=dt.date(2027, 2, 26))
    then_the_independent_cetr_entitlement_shows(j)

    # When the post-admission C(E)TR is arranged for a date, the person's record warns that no sit-and-see
    # visit has been made before it, and the visit meets it
    when_i_open_my_work(j)
    when_i_follow(j, "Arrange or record the C(E)TR for Rio Hart")
    when_i_press(j, "Start organising")
    when_i_follow(j, "Agree the date and venue")
    when_i_agree_the_date_and_venue(j, on=PLANNED, where="Fenwick House, Willow ward")
    when_i_open_the_record_of(j, rio)
    then_i_am_warned_of_no_sit_and_see_before(j, PLANNED)
    j.page.get_by_role("link", name="Record the sit-and-see visit").first.click()
    j.check()
    when_i_record_a_sit_and_see_visit(j, on=TODAY, visitors="Carl Case, commissioner", hours=3, minutes=15)
    then_i_see(j, "The sit-and-see visit to Rio Hart on 1 March 2027 is recorded.")
    when_i_open_the_record_of(j, rio)
    then_the_sit_and_see_is_met(j, on=TODAY, planned=PLANNED)

    # When the ICS oversight panel meets, Rio is on its agenda for the segregation; the panel decides and
    # sets an action, and Rio's panel review is met
    when_i_schedule_a_panel_meeting(j, on=TODAY)
    then_the_panel_agenda_lists(j, "Rio Hart", "In long-term segregation for 48 hours or more (s14.4, s18)")
    when_i_record_the_panel_discussion_of(
        j, "Rio Hart", decision="Ask the provider for a plan to end the segregation within a week"
    )
    when_i_add_a_panel_action_for(
        j, "Rio Hart", what="Send the plan to end segregation", owner="Carl Case", due=dt.date(2027, 3, 8)
    )
    then_the_panel_decided(
        j,
        "Rio Hart",
        "Ask the provider for a plan to end the segregation within a week",
        "Send the plan to end segregation",
    )
    when_i_go_to(j, f"/people/{rio.pk}/")
    then_the_panel_review_is_met(j, on=TODAY)

    # When the discharge plan's points are worked and Rio is discharged, the new rating is asked for
    when_i_open_the_inpatient_record_of(j, rio)
    when_i_update_the_discharge_plan_point(
        j, "1", status="Done", owner="Dr Priya Shah, responsible clinician", target=dt.date(2027, 2, 20)
    )
    when_i_update_the_discharge_plan_point(
        j, "7", status="In progress", owner="Council housing team", target=dt.date(2027, 5, 3)
    )
    then_i_see(j, "Council housing team")
    when_i_record_the_discharge(j, on=TODAY, review_until=dt.date(2027, 9, 1))
    then_i_am_asked_for_the_new_rating(j, "Rio Hart")
