"""Given a case manager with a person on their caseload, when they record an admission, then "My work" shows the
post-admission review due, with a link to organise it (tests/journeys/test_cetr_journey.py follows it to the end)."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register import timeline
from opendsr.register.models import Location
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_see,
    then_the_option_is_chosen,
    when_i_download,
    when_i_follow,
)
from .steps.work import (
    then_my_work_shows,
    then_nothing_is_due_on_my_work,
    then_the_oversight_panel_lists,
    when_i_open_my_work,
    when_i_open_the_icb_overview,
    when_i_open_the_timeline_of,
    when_i_record_an_admission,
)


def test_an_admission_puts_a_post_admission_review_on_my_work_until_it_is_held(journey, icb):
    j = journey
    team = TeamFactory(icb=icb, name="Children's community team")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    sam = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Sam",
        family_name="Taylor",
        date_of_birth=dt.date(2012, 4, 2),
    )

    given_i_am_logged_in_as(j, manager)
    when_i_open_my_work(j)
    then_nothing_is_due_on_my_work(j)

    when_i_open_the_timeline_of(j, sam)
    when_i_record_an_admission(
        j,
        on=dt.date(2027, 2, 22),
        setting="Secure (low, medium or high)",
        route="Not through the criminal justice system",
        screenshot="record-admission",
    )
    then_i_see(j, "Sam Taylor's admission is recorded. They are now rated blue while in hospital.")

    # Then My work shows the post-admission review due, 10 working days after admission for a child
    when_i_open_my_work(j)
    then_my_work_shows(
        j, "Post-admission C(E)TR", who="Sam Taylor", due=dt.date(2027, 3, 8), when="due in 7 days"
    )
    j.check("my-work-admitted")

    # When I follow the link to arrange the review, then I start organising it (the C(E)TR journey goes on)
    when_i_follow(j, "Arrange or record the C(E)TR for Sam Taylor")
    then_i_see(j, "Organise a Care (Education) and Treatment Review")
    then_the_option_is_chosen(j, "Post-admission C(E)TR")


def test_the_dsr_lead_sees_the_icb_overview_and_the_oversight_panel_list(journey, icb, tmp_path):
    j = journey
    lead = UserFactory(role=Role.DSR_LEAD, icb=icb, first_name="Lena", last_name="Lead")
    team = TeamFactory(icb=icb, name="Adult community team")
    lou = PersonFactory(icb=icb, team=team, given_name="Lou", family_name="Long", location=Location.INPATIENT)
    timeline.record_event(
        person=lou, type="admitted", date=dt.date(2025, 12, 1), data={"setting": "secure", "route": "civil"}
    )

    given_i_am_logged_in_as(j, lead)
    when_i_open_the_icb_overview(j)
    then_i_see(j, "Open work by kind", "Commissioner oversight visit")
    j.check("icb-overview")

    # And the oversight panel list shows why Lou is on it, ready to download
    when_i_follow(j, "Oversight panel")
    then_the_oversight_panel_lists(j, "Lou Long", "Inpatient stay reached 12 months (s18)", "455 days")
    j.check("oversight-panel")
    download = when_i_download(j, "Excel", tmp_path)
    assert download.name == "oversight-panel-2027-03-01.xlsx"
