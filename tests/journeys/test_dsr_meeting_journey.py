"""Given the DSR lead's fortnightly meeting and a register with a new referral, a red and an amber person, when
the lead schedules a meeting, changes a rating with a rationale, agrees an action and escalates another person,
then the minutes PDF names people by initials, the action is in its owner's My work, and the escalation reaches
the named manager by email and is acknowledged."""

import datetime as dt

from django.core import mail

from opendsr.accounts.models import Role
from opendsr.meetings.services.escalation import save_manager
from opendsr.meetings.services.meeting import save_member, save_standing_meeting
from opendsr.register.models import RegisterStatus
from opendsr.register.services.rating import record_rating
from opendsr.register.timeline import record_event
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import (
    given_i_am_logged_in_as,
    keep_a_picture_of_the_pdf,
    then_i_see,
    then_the_page_reports_errors,
    then_the_pdf_says,
    when_i_download,
    when_i_fill_in,
    when_i_follow,
    when_i_press,
)
from .steps.meetings import (
    when_i_add_an_action,
    when_i_change_the_rating,
    when_i_confirm_the_rating_and_escalate,
    when_i_discuss,
    when_i_schedule_a_meeting_on,
)
from .steps.work import when_i_open_my_work


def test_the_dsr_meeting_from_agenda_to_minutes_and_escalation(journey, icb, today, tmp_path):
    j = journey
    team = TeamFactory(icb=icb, name="Adult community team")
    lead = UserFactory(role=Role.DSR_LEAD, icb=icb, first_name="Priya", last_name="Shah")
    tom = UserFactory(
        role=Role.CASE_MANAGER, icb=icb, first_name="Tom", last_name="Okafor", email="tom@example.org"
    )
    standing = save_standing_meeting(
        icb=icb,
        by=lead,
        name="Test DSR meeting",
        terms_of_reference="Reds, ambers, referrals.",
        every_weeks=2,
    )
    save_member(
        standing=standing, by=lead, name="Priya Shah", organisation="Test ICB", sector="health", user=lead
    )
    save_manager(icb=icb, by=lead, user=tom, organisation=icb, level=1, title="Team manager")
    referred = PersonFactory(
        icb=icb, team=team, given_name="Rhea", family_name="Referred", status=RegisterStatus.REFERRED
    )
    record_event(
        person=referred, type="referral_received", date=today - dt.timedelta(days=10), data={"source": "self"}
    )
    red = PersonFactory(icb=icb, team=team, given_name="Rowan", family_name="Red")
    record_rating(person=red, by=lead, rating="red", decided_on=dt.date(2027, 1, 11), rationale="Crisis.")
    amber = PersonFactory(icb=icb, team=team, case_manager=tom, given_name="Amir", family_name="Amber")
    record_rating(
        person=amber, by=lead, rating="amber", decided_on=dt.date(2027, 2, 22), rationale="At risk."
    )

    given_i_am_logged_in_as(j, lead)
    when_i_schedule_a_meeting_on(j, today)
    then_i_see(j, "New referrals waiting for a rating", "Rhea Referred", "Everyone rated red", "Rowan Red")
    then_i_see(j, "Community C(E)TR: was due 11 January 2027", "Amir Amber")
    j.check("dsr-meeting-agenda")

    # Amir's rating changes; without a rationale the meeting is asked for one.
    when_i_discuss(j, "Amir Amber")
    when_i_change_the_rating(j, note="Placement breaking down.", rating="Red", rationale="")
    then_the_page_reports_errors(j, "Explain why the rating changed")
    when_i_change_the_rating(
        j, note="Placement breaking down.", rating="Red", rationale="Police called twice."
    )
    then_i_see(j, "Rating changed, or rated for the first time: red")
    when_i_add_an_action(
        j,
        text="Find weekend support",
        owner="Tom Okafor",
        organisation="Test ICB",
        due=today + dt.timedelta(days=7),
    )
    then_i_see(j, "Find weekend support")

    # Rowan is escalated.
    when_i_follow(j, "Agenda")
    when_i_discuss(j, "Rowan Red")
    when_i_confirm_the_rating_and_escalate(
        j, note="No provider found.", reason="No provider will take the package"
    )
    escalated = j.page.locator(".nhsuk-summary-list__row", has_text="Escalated").first.inner_text()
    assert "Yes" in escalated, escalated

    # Attendance, then the minutes.
    when_i_follow(j, "Agenda")
    when_i_follow(j, "Record who came")
    j.page.get_by_label("Priya Shah, Test ICB").check()
    when_i_fill_in(j, {"Guests (optional)": "Gail Guest, Oakwood Hospital"})
    when_i_press(j, "Save")
    when_i_follow(j, "Check and send the minutes")
    pdf = when_i_download(j, "Download the minutes (PDF)", tmp_path)
    minutes = then_the_pdf_says(
        pdf, "Minutes: Test DSR meeting", "Priya Shah", "G.G.", "A.A. (register number", "T.O."
    )
    assert "Amir Amber" not in minutes and "Gail Guest" not in minutes
    keep_a_picture_of_the_pdf(pdf, "dsr-meeting-minutes")
    when_i_press(j, "Send the minutes")
    then_i_see(j, "The minutes were sent on")

    # The nightly run emails Tom, who sees the action in My work and acknowledges the escalation.
    from django.core.management import call_command

    call_command("escalate")
    email = next(m for m in mail.outbox if m.to == ["tom@example.org"])
    assert "R.R." in email.body and "No provider will take the package" in email.body
    j.page.context.clear_cookies()
    given_i_am_logged_in_as(j, tom)
    when_i_open_my_work(j)
    then_i_see(j, "DSR meeting action: Find weekend support")
    j.go("/escalations/")
    then_i_see(j, "Rowan Red", "No provider will take the package")
    when_i_follow(j, "Rowan Red")
    when_i_press(j, "Acknowledge")
    then_i_see(j, "The escalation is acknowledged.", "Acknowledged on 1 March 2027")
