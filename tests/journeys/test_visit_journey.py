"""Given an inpatient whose C(E)TR is planned, when the commissioner sees the warning and records the sit-and-see
visit with the Appendix 4 checklist, then the clock's sit-and-see is met, and the action from the visit is in its
owner's My work."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register import timeline
from opendsr.register.models import Location
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_do_not_see,
    then_i_see,
    when_i_enter_the_date,
    when_i_fill_in,
    when_i_follow,
    when_i_press,
)
from .steps.visits import (
    then_a_short_sit_and_see_is_refused,
    then_i_am_warned_of_no_sit_and_see_before,
    then_the_sit_and_see_is_met,
    when_i_open_the_record_of,
    when_i_open_the_visit_schedule,
    when_i_record_a_sit_and_see_visit,
    when_i_say_why_it_was_shorter,
)
from .steps.work import when_i_open_my_work

PLANNED = dt.date(2027, 3, 20)


def test_a_sit_and_see_visit_before_a_planned_cetr(journey, icb):
    j = journey
    team = TeamFactory(icb=icb, name="Adult community team")
    manager = UserFactory(
        role=Role.CASE_MANAGER,
        icb=icb,
        team=team,
        first_name="Tom",
        last_name="Okafor",
        job_title="Commissioner",
    )
    ines = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Ines",
        family_name="Ward",
        location=Location.INPATIENT,
    )
    timeline.record_event(
        person=ines,
        type="admitted",
        date=dt.date(2027, 1, 4),
        data={"setting": "non_secure", "route": "civil"},
    )
    timeline.record_event(
        person=ines,
        type="cetr_planned",
        date=dt.date(2027, 2, 15),
        data={"planned_date": PLANNED.isoformat()},
    )

    given_i_am_logged_in_as(j, manager)
    when_i_open_the_visit_schedule(j)
    then_i_see(j, "Ines Ward", "No sit-and-see visit yet")

    when_i_open_the_record_of(j, ines)
    then_i_am_warned_of_no_sit_and_see_before(j, PLANNED)
    when_i_follow(j, "Record the sit-and-see visit")

    # A sit and see of an hour and a half is refused until they say why it was shorter
    when_i_record_a_sit_and_see_visit(
        j, on=dt.date(2027, 2, 26), visitors="Tom Okafor, commissioner", hours=1, minutes=30
    )
    then_a_short_sit_and_see_is_refused(j, "1 hour 30 minutes")
    j.check("visit-short-sit-and-see")
    when_i_say_why_it_was_shorter(j, "A fire alarm ended the visit early.")
    then_i_see(j, "The sit-and-see visit to Ines Ward on 26 February 2027 is recorded.")
    then_i_see(
        j, "Is it caring and involving?", "Staff knew them well", "Shorter than a sit and see should be"
    )
    j.check("visit-recorded")

    # An action from the visit, owned by the commissioner, is in their My work
    when_i_follow(j, "Add an action")
    when_i_fill_in(j, {"What needs to happen": "Put the advocacy information in easy read"})
    when_i_enter_the_date(j, "due", dt.date(2027, 3, 12))
    when_i_press(j, "Add the action")
    then_i_see(j, "The action is added. It is in its owner's My work.")
    when_i_open_my_work(j)
    then_i_see(j, "Visit action: Put the advocacy information in easy read")

    when_i_open_the_record_of(j, ines)
    then_i_do_not_see(j, "No sit-and-see visit before the planned C(E)TR")
    then_the_sit_and_see_is_met(j, on=dt.date(2027, 2, 26), planned=PLANNED)
