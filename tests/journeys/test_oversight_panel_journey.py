"""Given people the register says are due an ICS oversight panel review, when the DSR lead schedules the panel
meeting, then its agenda lists each person with why; when the panel discusses one with a decision and an
action, their panel review is met and the action is in its owner's work; the oversight panel member sees the
agenda, decision and minutes."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.oversight.ics_panel.models import OversightPanelMember
from opendsr.register import timeline
from opendsr.register.models import Location
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import given_i_am_logged_in_as, then_i_do_not_see, then_i_see, when_i_go_to
from .steps.oversight_panel import (
    then_the_panel_agenda_lists,
    then_the_panel_decided,
    then_the_panel_review_is_met,
    when_i_add_a_panel_action_for,
    when_i_open_the_panel_meeting_on,
    when_i_record_the_panel_discussion_of,
    when_i_record_the_panel_minutes,
    when_i_schedule_a_panel_meeting,
)
from .steps.work import when_i_open_my_work

TODAY = dt.date(2027, 3, 1)
ROLES = [
    ("Helen Marsh", "executive_lead"),
    ("Jo Fairweather", "expert_by_experience"),
    ("Dr Anil Mehta", "medical_director"),
    ("Ruth Collins", "social_care"),
    ("Marcus Webb", "provider_collaborative"),
    ("Dr Sofia Novak", "senior_clinician"),
]


def test_the_panel_meets_discusses_a_person_and_their_panel_review_is_met(journey, icb):
    j = journey
    team = TeamFactory(icb=icb, name="Children's community team")
    lead = UserFactory(role=Role.DSR_LEAD, icb=icb, first_name="Lena", last_name="Lead")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    member = UserFactory(role=Role.OVERSIGHT_PANEL, icb=icb, first_name="Helen", last_name="Marsh")
    for name, role in ROLES:
        OversightPanelMember.objects.create(icb=icb, name=name, role=role, organisation="Northdale")
    kit = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Kit",
        family_name="Longstay",
        date_of_birth=dt.date(2012, 5, 5),
    )
    timeline.record_event(
        person=kit, type="admitted", date=dt.date(2026, 6, 1), data={"setting": "secure", "route": "civil"}
    )
    kit.location = Location.INPATIENT
    kit.save()
    ali = PersonFactory(icb=icb, team=team, case_manager=manager, given_name="Ali", family_name="Asked")
    timeline.record_event(
        person=ali, type="escalation_requested", date=dt.date(2027, 2, 10), data={"by": "family"}
    )

    given_i_am_logged_in_as(j, lead)
    when_i_schedule_a_panel_meeting(j, on=TODAY)
    then_i_see(j, "The meeting on 1 March 2027 is scheduled with 2 on the agenda.")
    then_the_panel_agenda_lists(
        j, "Kit Longstay", "Inpatient stay reached 6 months (s18)", "Not discussed yet"
    )
    then_the_panel_agenda_lists(j, "Ali Asked", "Escalation to the panel asked for by their family (s18)")
    j.check("oversight-panel-agenda")

    when_i_record_the_panel_discussion_of(
        j, "Ali Asked", decision="Safe and well; the family's concerns are answered by the new care plan"
    )
    then_i_see(j, "Ali Asked is recorded as discussed: their panel review is met on 1 March 2027.")
    when_i_add_a_panel_action_for(
        j,
        "Ali Asked",
        what="Meet the family about the care plan",
        owner="Carl Case",
        due=dt.date(2027, 3, 15),
    )
    then_the_panel_decided(
        j,
        "Ali Asked",
        "Safe and well; the family's concerns are answered by the new care plan",
        "Meet the family about the care plan (Carl Case",
    )
    when_i_record_the_panel_minutes(
        j, minutes="Theme for the delivery plan: delayed discharges.", absent=("Jo Fairweather",)
    )
    then_i_see(
        j, "No expert by experience was at this meeting", "Theme for the delivery plan: delayed discharges."
    )
    j.check("oversight-panel-minutes")

    when_i_go_to(j, f"/people/{ali.pk}/")
    then_the_panel_review_is_met(j, on=TODAY)

    given_i_am_logged_in_as(j, manager)
    when_i_open_my_work(j)
    then_i_see(j, "Oversight panel action: Meet the family about the care plan")

    given_i_am_logged_in_as(j, member)
    when_i_open_the_panel_meeting_on(j, TODAY)
    then_the_panel_decided(
        j, "Ali Asked", "Safe and well; the family's concerns are answered by the new care plan"
    )
    then_i_see(
        j, "Download the papers for the panel (PDF)", "Theme for the delivery plan: delayed discharges."
    )
    then_i_do_not_see(j, "Record the discussion")
