"""The ICS oversight panel (s18): meetings with the agenda the clock builds, the papers pack, each person's
discussion (which meets their panel review), actions in the owners' work, membership and quarterly warnings,
and who may see what."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.oversight.ics_panel import rules
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    OversightPanelMember,
    PanelAction,
    PanelItem,
    PanelMeeting,
)
from opendsr.oversight.links import action_for
from opendsr.policy import Kind
from opendsr.register import timeline
from opendsr.register.models import Location, Obligation, TimelineEvent
from tests.factories import OrganisationFactory, PersonFactory

MEETINGS = "/work/oversight-panel/meetings/"


def long_stay(person, on=dt.date(2026, 6, 1)):
    # A child admitted 9 months ago: the stay reached 6 months on 1 December 2026 (s18).
    timeline.record_event(
        person=person, type="admitted", date=on, data={"setting": "secure", "route": "civil"}
    )
    person.location = Location.INPATIENT
    person.save()


@pytest.fixture
def due(make_person, team):
    """Two people the clock says are due a panel review, and one who is not."""
    child = make_person(
        team=team, date_of_birth=dt.date(2012, 5, 5), given_name="Kit", family_name="Longstay"
    )
    long_stay(child)
    decliner = make_person(team=team, given_name="Dee", family_name="Decliner")
    for day in (5, 19):
        timeline.record_event(person=decliner, type="cetr_declined", date=dt.date(2027, 1, day))
    well = make_person(team=team, given_name="Wes", family_name="Settled")
    return child, decliner, well


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def schedule(client, day: dt.date, **extra):
    return client.post(MEETINGS + "new/", {**_date("date", day), "venue": "Northdale House", **extra})


def the_meeting() -> PanelMeeting:
    return PanelMeeting.objects.get()


# ------------------------------------------------------------------------------------------- the agenda


def test_a_scheduled_meeting_puts_everyone_due_on_the_agenda_with_why(due, lead, login):
    client = login(lead)
    response = schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    assert response.status_code == 302 and response["Location"] == f"{MEETINGS}{meeting.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Panel meeting on 15 March 2027" in page
    assert 'Agenda <span class="app-count">2 people</span>' in page
    assert "Kit Longstay" in page and "Inpatient stay reached 6 months (s18)" in page
    assert "Dee Decliner" in page and "Declined a C(E)TR twice or more (s2.4.3)" in page
    assert "Wes Settled" not in page
    listed = AuditEvent.objects.filter(action="people.listed", user=lead).latest("pk")
    assert set(listed.detail["people"]) == {due[0].pk, due[1].pk}


def test_the_chair_adds_and_takes_people_off_the_agenda(due, lead, login):
    kit, dee, wes = due
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    added = client.post(
        f"{MEETINGS}{meeting.pk}/agenda/add/",
        {"person": wes.pk, "reason": "His family are worried about him"},
    )
    assert added.status_code == 302
    dee_item = meeting.items.get(person=dee)
    removed = client.post(
        f"/work/oversight-panel/agenda/{dee_item.pk}/remove/", {"reason": "Reviewed last week"}
    )
    assert removed.status_code == 302
    page = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    assert "Added by the chair: His family are worried about him" in page
    assert "Taken off the agenda" in page and "Dee Decliner: Reviewed last week" in page
    # Dee stays due a panel review, but bringing the agenda up to date does not put her back.
    assert "more person is due a panel review" not in page
    client.post(f"{MEETINGS}{meeting.pk}/agenda/update/")
    assert not meeting.items.get(person=dee).on_agenda


def test_someone_newly_due_can_be_added_to_a_scheduled_agenda(due, make_person, team, lead, login):
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    late = make_person(team=team, given_name="Lou", family_name="Later")
    for day in (20, 27):
        timeline.record_event(person=late, type="cetr_declined", date=dt.date(2027, 2, day))
    page = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    assert "1 more person is due a panel review and not on this agenda: Lou Later." in page
    client.post(f"{MEETINGS}{meeting.pk}/agenda/update/")
    assert meeting.items.filter(person=late, removed_at__isnull=True).exists()


def test_adding_nobody_to_the_agenda_shows_the_error_and_saves_nothing(due, lead, login):
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    response = client.post(f"{MEETINGS}{meeting.pk}/agenda/add/", {"person": "", "reason": "Worried"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "Select who the panel should review" in page
    assert "Worried" in page  # what was typed is kept
    assert meeting.items.count() == 2


def test_a_meeting_with_no_date_is_not_scheduled(due, lead, login):
    response = login(lead).post(MEETINGS + "new/", {"venue": "Northdale House"})
    page = response.content.decode()
    assert "<title>Error: " in page and "Enter the date of the meeting" in page
    assert 'value="Northdale House"' in page
    assert not PanelMeeting.objects.exists()


# ------------------------------------------------------------------------------------------- discussion


def test_recording_a_person_as_discussed_meets_their_panel_review(due, lead, login, today):
    dee = due[1]
    client = login(lead)
    schedule(client, today)
    meeting = the_meeting()
    item = meeting.items.get(person=dee)
    response = client.post(
        f"/work/oversight-panel/agenda/{item.pk}/",
        {"decision": "Safe and well; offer a desktop review with her advocate", "discussion": ""},
    )
    assert response.status_code == 302
    event = TimelineEvent.objects.get(person=dee, type="oversight_panel_reviewed", voided_at__isnull=True)
    assert event.date == today and event.source == f"panel_item:{item.pk}"
    review = Obligation.objects.get(person=dee, kind=Kind.OVERSIGHT_PANEL_REVIEW)
    assert review.met_on == today and not review.is_open
    page = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    assert "Decision:</strong> Safe and well; offer a desktop review with her advocate" in page
    assert the_meeting().status == MeetingStatus.HELD
    # Dee is no longer due, so the oversight panel list no longer shows her.
    assert "Dee Decliner" not in client.get("/work/oversight-panel/").content.decode()


def test_a_long_stay_is_due_the_panel_again_a_quarter_after_it_discussed_them(due, lead, login, today):
    kit = due[0]
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=kit)
    client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Safe and well"})
    reviews = Obligation.objects.filter(person=kit, kind=Kind.OVERSIGHT_PANEL_REVIEW).order_by("raised_on")
    assert [(r.met_on, r.is_open) for r in reviews] == [(today, False), (None, True)]
    assert reviews[1].due == dt.date(2027, 6, 1)  # still in hospital: the next quarterly review


def test_undoing_a_discussion_voids_the_panel_review(due, lead, login, today):
    kit = due[0]
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=kit)
    client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Safe and well"})
    client.post(f"/work/oversight-panel/agenda/{item.pk}/undo/")
    assert not TimelineEvent.objects.filter(
        person=kit, type="oversight_panel_reviewed", voided_at__isnull=True
    )
    assert Obligation.objects.filter(person=kit, kind=Kind.OVERSIGHT_PANEL_REVIEW, is_open=True).exists()


def test_a_discussion_cannot_be_recorded_before_the_meeting(due, lead, login):
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    item = the_meeting().items.get(person=due[0])
    response = client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Safe and well"})
    page = response.content.decode()
    assert "<title>Error: " in page and "once the meeting has been held: it is on 15 March 2027" in page
    item.refresh_from_db()
    assert item.discussed_on is None and item.decision == ""
    assert not TimelineEvent.objects.filter(type="oversight_panel_reviewed").exists()


def test_a_discussion_without_a_decision_saves_nothing(due, lead, login, today):
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=due[0])
    page = client.post(
        f"/work/oversight-panel/agenda/{item.pk}/", {"discussion": "Long talk"}
    ).content.decode()
    assert "Enter what the panel decided" in page and "Long talk" in page
    assert not TimelineEvent.objects.filter(type="oversight_panel_reviewed").exists()


def test_the_obligation_links_to_the_next_meetings_agenda(due, lead, login):
    kit = due[0]
    assert action_for(Kind.OVERSIGHT_PANEL_REVIEW, kit.pk, user=lead) == (
        "/work/oversight-panel/meetings/new/",
        "Schedule a panel meeting",
    )
    schedule(login(lead), dt.date(2027, 3, 15))
    meeting = the_meeting()
    assert action_for(Kind.OVERSIGHT_PANEL_REVIEW, kit.pk, user=lead) == (
        f"{MEETINGS}{meeting.pk}/#agenda",
        "Open the panel agenda for 15 March 2027",
    )


# ------------------------------------------------------------------------------------------- actions


def test_a_panel_action_shows_in_its_owners_work(due, lead, case_manager, login, today):
    kit = due[0]
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=kit)
    client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Escalate the discharge"})
    response = client.post(
        f"/work/oversight-panel/agenda/{item.pk}/actions/new/",
        {
            "text": "Write to the provider about the housing barrier",
            "owner_user": case_manager.pk,
            **_date("due", today + dt.timedelta(days=14)),
        },
    )
    assert response.status_code == 302
    action = PanelAction.objects.get()
    assert action.owner_user == case_manager and action.person == kit
    work = login(case_manager).get("/work/?show=all").content.decode()
    assert "Oversight panel action: Write to the provider about the housing barrier" in work
    assert "Kit Longstay" in work
    meeting_page = login(lead).get(f"{MEETINGS}{item.meeting_id}/").content.decode()
    assert "Write to the provider about the housing barrier" in meeting_page


def test_an_action_needs_an_owner(due, lead, login, today):
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=due[0])
    client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Escalate"})
    page = client.post(
        f"/work/oversight-panel/agenda/{item.pk}/actions/new/",
        {"text": "Call the ward", **_date("due", today)},
    ).content.decode()
    assert "<title>Error: " in page and "Select who will do it, or enter their name" in page
    assert not PanelAction.objects.exists()


# ------------------------------------------------------------------------------------------- the papers


def test_the_papers_pack_has_a_page_for_each_person_and_no_nhs_number(due, lead, login, tmp_path):
    kit, dee, _ = due
    kit.address, kit.postcode, kit.phone = "12 Mill Lane, Northdale", "ND1 4QX", "07700 900123"
    kit.save()
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    response = client.get(f"{MEETINGS}{meeting.pk}/papers.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "papers.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    assert "ICS oversight panel papers" in text
    assert "Kit Longstay" in text and "Inpatient stay reached 6 months (s18)" in text
    assert "Dee Decliner" in text and "Declined a C(E)TR twice or more (s2.4.3)" in text
    assert "Age 14" in text  # born 5 May 2012, meeting on 15 March 2027
    assert kit.nhs_number not in text.replace(" ", "") and dee.nhs_number not in text.replace(" ", "")
    assert "Mill Lane" not in text and "ND1 4QX" not in text and "07700" not in text
    assert "5 May 2012" not in text  # their age, not their date of birth
    audit = AuditEvent.objects.get(action="oversight_panel.papers_downloaded")
    assert set(audit.detail["people"]) == {kit.pk, dee.pk}


# ------------------------------------------------------------------------------------------- warnings


def _member(icb, role, name):
    return OversightPanelMember.objects.create(icb=icb, role=role, name=name, organisation="Northdale")


@pytest.mark.parametrize(
    ("lacking", "warning"),
    [
        (
            "executive_lead",
            "The panel has no learning disability and autism senior responsible officer or ICS",
        ),
        ("expert_by_experience", "The panel has no expert by experience"),
        ("medical_director", "The panel has no medical director"),
        ("social_care", "The panel has no social care or local authority senior representative"),
        ("provider_collaborative", "The panel has no provider collaborative representative"),
        (
            "senior_clinician",
            "The panel has no senior clinician with expertise in learning disability and autism",
        ),
    ],
)
def test_a_meeting_warns_of_a_role_the_panel_lacks(lacking, warning, due, icb, lead, login):
    for role in rules.REQUIRED_ROLES:
        if role != lacking:
            _member(icb, role, f"Someone {role}")
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    page = client.get(f"{MEETINGS}{the_meeting().pk}/").content.decode().replace("&#39;", "'")
    assert page.count("The panel has no ") == 1 and warning in page


def test_the_minutes_warn_when_a_required_role_was_not_there(due, icb, lead, login, today):
    members = [_member(icb, role, f"Someone {role}") for role in rules.REQUIRED_ROLES]
    client = login(lead)
    schedule(client, today)
    meeting = the_meeting()
    came = [m.pk for m in members if m.role != "expert_by_experience"]
    response = client.post(
        f"{MEETINGS}{meeting.pk}/minutes/", {"attendees": came, "minutes": "Themes: delayed discharges."}
    )
    assert response.status_code == 302
    page = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    assert "No expert by experience was at this meeting" in page
    assert "Themes: delayed discharges." in page


def test_meetings_warn_when_the_next_is_more_than_three_months_after_the_last(due, icb, lead, login):
    PanelMeeting.objects.create(icb=icb, date=dt.date(2026, 11, 2), status=MeetingStatus.HELD)
    client = login(lead)
    page = client.get(MEETINGS).content.decode()
    assert "No meeting is scheduled after 2 November 2026" in page and "by 2 February 2027" in page
    schedule(client, dt.date(2027, 3, 15))
    page = client.get(MEETINGS).content.decode()
    assert "The meeting on 15 March 2027 is more than 3 months after the one on 2 November 2026" in page
    later = PanelMeeting.objects.get(date=dt.date(2027, 3, 15))
    assert (
        "This meeting is more than 3 months after the last one on 2 November 2026"
        in client.get(f"{MEETINGS}{later.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("previous", "following", "gap"),
    [
        (dt.date(2027, 1, 31), dt.date(2027, 4, 30), None),  # 3 months on from 31 January is 30 April
        (dt.date(2027, 1, 31), dt.date(2027, 5, 1), dt.date(2027, 4, 30)),
        (dt.date(2027, 1, 10), None, dt.date(2027, 4, 10)),
        (None, dt.date(2027, 1, 10), None),
    ],
)
def test_the_panel_meets_at_least_quarterly(previous, following, gap):
    assert rules.quarterly_gap(previous, following) == gap


def test_missing_roles_are_named_in_the_policys_order():
    assert rules.missing_roles(["medical_director", "other"]) == [
        "executive_lead",
        "expert_by_experience",
        "social_care",
        "provider_collaborative",
        "senior_clinician",
    ]


# ------------------------------------------------------------------------------------------- who sees what


def test_a_panel_member_sees_their_icbs_meeting_but_not_anothers(due, icb, lead, make_user, login, today):
    schedule(login(lead), dt.date(2027, 3, 15))
    own = the_meeting()
    other_icb = OrganisationFactory(name="NHS Elsewhere ICB")
    stranger = PersonFactory(icb=other_icb, given_name="Yan", family_name="Stranger")
    theirs = PanelMeeting.objects.create(icb=other_icb, date=dt.date(2027, 3, 16))
    PanelItem.objects.create(meeting=theirs, person=stranger, reasons=["Escalation"])
    member = make_user(Role.OVERSIGHT_PANEL)
    client = login(member)
    page = client.get(f"{MEETINGS}{own.pk}/").content.decode()
    assert "Kit Longstay" in page and "Download the papers for the panel (PDF)" in page
    assert "Record the discussion" not in page and "Add someone else to the agenda" not in page
    assert client.get(f"{MEETINGS}{own.pk}/papers.pdf").status_code == 200
    assert client.get(f"{MEETINGS}{theirs.pk}/").status_code == 404
    assert client.get(f"{MEETINGS}{theirs.pk}/papers.pdf").status_code == 404
    assert "16 March 2027" not in client.get(MEETINGS).content.decode()
    item = own.items.get(person=due[0])
    assert client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "x"}).status_code == 403
    assert not TimelineEvent.objects.filter(type="oversight_panel_reviewed").exists()


def test_the_agenda_says_who_asked_for_escalation(make_person, team, lead, login):
    asked = make_person(team=team, given_name="Ali", family_name="Asked")
    timeline.record_event(
        person=asked, type="escalation_requested", date=dt.date(2027, 2, 10), data={"by": "advocate"}
    )
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    page = client.get(f"{MEETINGS}{the_meeting().pk}/").content.decode()
    assert "Ali Asked" in page and "Escalation to the panel asked for by an advocate (s18)" in page


def test_the_persons_record_shows_what_the_panel_decided(due, lead, login, today):
    dee = due[1]
    client = login(lead)
    schedule(client, today)
    item = the_meeting().items.get(person=dee)
    client.post(f"/work/oversight-panel/agenda/{item.pk}/", {"decision": "Offer a desktop review"})
    page = client.get(f"/people/{dee.pk}/").content.decode()
    assert "ICS oversight panel" in page
    assert (
        "Panel meeting on 1 March 2027</a>:" in page
        and "<strong>Decision:</strong> Offer a desktop review" in page
    )
    assert "Met on 1 March 2027" in page


def test_the_papers_show_where_the_discharge_plan_has_got(person, case_manager, lead, login, tmp_path):
    from opendsr.inpatients import services as inpatients
    from opendsr.inpatients.queries import discharge_plan_for
    from tests.inpatients.helpers import admission_answers

    admission = inpatients.record_admission(person=person, by=case_manager, **admission_answers())
    inpatients.update_plan_item(
        item=admission.plan_items.get(point="7"),
        by=case_manager,
        status="in_progress",
        owner="Council housing team",
        target_on=dt.date(2027, 5, 3),
    )
    timeline.record_event(
        person=person, type="escalation_requested", date=dt.date(2027, 2, 10), data={"by": "family"}
    )
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    path = tmp_path / "papers.pdf"
    path.write_bytes(client.get(f"{MEETINGS}{the_meeting().pk}/papers.pdf").content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert person.full_name in text
    assert discharge_plan_for(person).summary in text
    # Each point's owner, date and status sit in the plan's table (pdftotext reads its columns interleaved)
    assert all(words in text for words in ("Council", "housing team", "3 May", "progress"))


# ------------------------------------------------------------------------------------------- bad input


def test_the_panels_forms_with_mistakes_say_what_to_fix_keep_what_was_typed_and_save_nothing(
    due, icb, lead, login
):
    member = _member(icb, "medical_director", "Dr Mo Director")
    client = login(lead)
    schedule(client, dt.date(2027, 3, 15))
    meeting = the_meeting()
    before = (
        OversightPanelMember.history.count(),
        PanelMeeting.history.count(),
        AuditEvent.objects.count(),
    )
    for url, answers, says, kept in (
        (
            "/work/oversight-panel/members/new/",
            {"organisation": "Northdale Council"},
            "Enter their full name",
            "Northdale Council",
        ),
        (
            f"/work/oversight-panel/members/{member.pk}/",
            {"name": "", "role": "medical_director", "organisation": "Kept Trust"},
            "Enter their full name",
            "Kept Trust",
        ),
        (
            f"{MEETINGS}{meeting.pk}/edit/",
            {"date_day": "", "venue": "Kept House"},
            "Enter the date of the meeting",
            "Kept House",
        ),
        (f"{MEETINGS}{meeting.pk}/cancel/", {"reason": ""}, "Enter why the meeting is cancelled", ""),
        (
            f"{MEETINGS}{meeting.pk}/minutes/",
            {"minutes": "Kept minutes"},
            "Select the panel members who came to the meeting",
            "Kept minutes",
        ),
    ):
        response = client.post(url, answers)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert "<title>Error: " in page and "There is a problem" in page and says in page, url
        assert kept in page, url
    after = (OversightPanelMember.history.count(), PanelMeeting.history.count(), AuditEvent.objects.count())
    assert after == before
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.minutes == ""
