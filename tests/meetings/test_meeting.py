"""The multi-agency DSR meeting (000 Part 1; 001 s4, s16.2): set up, agenda, discussion, actions and minutes."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from opendsr.meetings import minutes
from opendsr.meetings.models import DsrMeeting, DsrMeetingAction, DsrMeetingItem, Escalation
from opendsr.meetings.services.escalation import save_manager
from opendsr.meetings.services.meeting import add_action, record_discussion
from opendsr.register.models import Obligation, RatingDecision, RegisterStatus, TimelineEvent
from opendsr.register.services.consent import record_consent
from tests.conftest import TODAY


def text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def date_fields(name, day: dt.date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


# ------------------------------------------------------------------------------------------------ set up


def test_the_lead_sets_up_a_fortnightly_meeting_with_members_and_schedules_three(login, lead):
    client = login(lead)
    response = client.post(
        reverse("meetings:standing_new"),
        {"name": "Adults DSR meeting", "terms_of_reference": "Reviews reds and ambers.", "every_weeks": "2"},
    )
    assert response.status_code == 302
    standing_url = response["Location"]
    pk = int(standing_url.rstrip("/").split("/")[-1])
    response = client.post(
        reverse("meetings:member_add", args=[pk]),
        {
            "name": "Hugh Housing",
            "organisation": "Test Council",
            "sector": "housing",
            "email": "hugh@example.org",
            "active": "true",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:schedule", args=[pk]), {**date_fields("first_date", TODAY), "count": "3"}
    )
    assert response.status_code == 302
    page = text(client.get(standing_url))
    assert "Reviews reds and ambers." in page
    assert "Hugh Housing" in page and "Housing" in page
    listing = text(client.get(reverse("meetings:list")))
    assert "1 March 2027" in listing and "15 March 2027" in listing and "29 March 2027" in listing


def test_a_meeting_without_a_name_shows_the_error_summary_and_saves_nothing(login, lead):
    response = login(lead).post(
        reverse("meetings:standing_new"), {"name": "", "terms_of_reference": "", "every_weeks": "0"}
    )
    page = text(response)
    assert response.status_code == 200
    assert page.startswith("Error:") or "Error:" in page[:200]
    assert "There is a problem" in page and "Enter the name of the meeting" in page
    assert not DsrMeeting.objects.exists()


def test_a_case_manager_may_schedule_but_not_change_the_terms(login, case_manager, standing):
    client = login(case_manager)
    assert client.get(reverse("meetings:standing_edit", args=[standing.pk])).status_code == 403
    assert client.get(reverse("meetings:schedule", args=[standing.pk])).status_code == 200


# ----------------------------------------------------------------------------------------------- agenda


def sections_of(page: str) -> list[str]:
    return re.findall(r"\d+\. ([A-Z][^0-9]+?) \d+ ", page)


def test_the_agenda_lists_new_referrals_then_reds_then_ambers_from_the_register(
    login, lead, meeting, register
):
    page = text(login(lead).get(reverse("meetings:detail", args=[meeting.pk])))
    referrals = page.index("New referrals waiting for a rating")
    reds = page.index("Everyone rated red")
    ambers = page.index("Everyone rated amber")
    assert (
        referrals
        < page.index("Rhea Referred")
        < reds
        < page.index("Rowan Red")
        < ambers
        < page.index("Amir Amber")
    )
    assert (
        "Rating due by 19 March 2027" in page
    )  # four weeks from 19 February, read from the stored obligation
    assert "Community C(E)TR" in page  # the red person's overdue review is among their reasons
    assert "Gina Green" not in page  # green, told, nothing overdue
    assert "Lee Left" not in page
    assert "Not discussed before" in page


def test_days_since_last_discussed_come_from_the_last_meeting_on_the_timeline(login, lead, meeting, register):
    from opendsr.register.timeline import record_event

    record_event(person=register["red"], type="mdt_held", date=TODAY - dt.timedelta(days=14))
    page = text(login(lead).get(reverse("meetings:detail", args=[meeting.pk])))
    assert "15 February 2027 (14 days ago)" in page


def test_the_chair_moves_ambers_above_reds(login, lead, meeting, register):
    client = login(lead)
    response = client.post(
        reverse("meetings:move_section", args=[meeting.pk]), {"section": "amber", "direction": "up"}
    )
    assert response.status_code == 302
    page = text(client.get(reverse("meetings:detail", args=[meeting.pk])))
    assert page.index("Everyone rated amber") < page.index("Everyone rated red")
    assert page.index("Amir Amber") < page.index("Rowan Red")


def test_the_chair_adds_someone_proposed_to_leave_and_takes_someone_off(login, lead, meeting, register):
    client = login(lead)
    green = register["green"]
    response = client.post(
        reverse("meetings:add_person", args=[meeting.pk]),
        {"person": green.pk, "section": "leaving", "reason": "Stable for a year"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:remove_person", args=[meeting.pk, register["amber"].pk]),
        {"reason": "Discussed at the LAEP"},
    )
    assert response.status_code == 302
    page = text(client.get(reverse("meetings:detail", args=[meeting.pk])))
    leaving = page.index("People proposed to leave the register")
    assert page.rindex("Gina Green") > leaving and "Stable for a year" in page
    assert "Taken off the agenda 1 Amir Amber: Discussed at the LAEP" in page


def test_taking_someone_off_without_a_reason_is_refused(login, lead, meeting, register):
    response = login(lead).post(
        reverse("meetings:remove_person", args=[meeting.pk, register["red"].pk]), {"reason": ""}
    )
    assert "There is a problem" in text(response)
    assert not DsrMeetingItem.objects.filter(removed=True).exists()


# ------------------------------------------------------------------------------------------ discussion


def test_changing_a_rating_at_the_meeting_goes_through_the_rating_service_and_records_the_meeting(
    login, lead, meeting, register
):
    amber = register["amber"]
    open_mdt = Obligation.objects.get(person=amber, kind="mdt_or_cetr", is_open=True)
    assert open_mdt.met_on is None
    response = login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, amber.pk]),
        {
            "note": "Placement breaking down.",
            "rating_outcome": "changed",
            "new_rating": "red",
            "rationale": "Police called twice this week.",
        },
    )
    assert response.status_code == 302
    amber.refresh_from_db()
    assert amber.current_rating == "red"
    decision = RatingDecision.objects.filter(person=amber).latest("pk")
    assert (decision.rating, decision.rationale, decision.decided_on) == (
        "red",
        "Police called twice this week.",
        TODAY,
    )
    item = DsrMeetingItem.objects.get(meeting=meeting, person=amber)
    event = TimelineEvent.objects.get(person=amber, type="mdt_held")
    assert event.source == f"dsr_meeting_item:{item.pk}" and event.date == TODAY
    # s4: the amber rating's multi-agency meeting is met by this one.
    assert (
        Obligation.objects.get(person=amber, kind="mdt_or_cetr", raised_on=dt.date(2027, 2, 22)).met_on
        == TODAY
    )
    page = text(login(lead).get(reverse("meetings:detail", args=[meeting.pk])))
    assert "Discussed" in page


def test_a_changed_rating_without_a_rationale_saves_nothing(login, lead, meeting, register):
    amber = register["amber"]
    response = login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, amber.pk]),
        {"note": "Worse.", "rating_outcome": "changed", "new_rating": "red", "rationale": ""},
    )
    page = text(response)
    assert "There is a problem" in page and "Explain why the rating changed" in page
    assert "Worse." in page  # what was typed is kept
    amber.refresh_from_db()
    assert amber.current_rating == "amber"
    assert not TimelineEvent.objects.filter(person=amber, type="mdt_held").exists()
    assert not DsrMeetingItem.objects.filter(discussed=True).exists()


def test_a_new_referral_is_rated_at_the_meeting_and_joins_the_register(login, lead, meeting, register):
    referred = register["referred"]
    record_consent(
        person=referred,
        by=lead,
        scope=["inclusion"],
        given_by="person",
        given_on=TODAY - dt.timedelta(days=3),
    )
    login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, referred.pk]),
        {
            "note": "Meets the criteria.",
            "rating_outcome": "changed",
            "new_rating": "amber",
            "rationale": "At risk of placement breakdown.",
        },
    )
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "amber")


def test_a_new_referral_without_consent_is_not_rated_onto_the_register(login, lead, meeting, register):
    referred = register["referred"]
    answers = {
        "note": "Meets the criteria.",
        "rating_outcome": "changed",
        "new_rating": "amber",
        "rationale": "At risk of placement breakdown.",
    }
    client = login(lead)
    response = client.post(reverse("meetings:discussion", args=[meeting.pk, referred.pk]), answers)
    page = text(response)
    assert "There is a problem" in page
    assert (
        "cannot be rated onto the register without consent to be on it, or a recorded best-interests" in page
    )
    html = response.content.decode()
    summary = html[html.index("nhsuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    assert (
        f'href="/people/{referred.pk}/consent/"' in summary
    )  # the message links to where consent is recorded
    assert "At risk of placement breakdown." in page  # what was typed is kept
    referred.refresh_from_db()
    assert referred.status == RegisterStatus.REFERRED
    assert not RatingDecision.objects.filter(person=referred).exists()
    assert not DsrMeetingItem.objects.filter(person=referred, discussed=True).exists()
    # A best-interests decision under the Mental Capacity Act 2005, by a named decision-maker, is enough.
    record_consent(
        person=referred,
        by=lead,
        scope=["inclusion"],
        given_by="best_interests",
        given_on=TODAY - dt.timedelta(days=1),
        capacity_notes="Lacks capacity to decide about the register (assessed 25 February 2027)",
        best_interests_record="Dr Amy Shah, consultant psychiatrist, decided on 26 February 2027 after meeting family",
    )
    response = client.post(reverse("meetings:discussion", args=[meeting.pk, referred.pk]), answers)
    assert response.status_code == 302
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "amber")


def test_leaving_the_register_at_the_meeting_goes_through_the_leaving_service(login, lead, meeting, register):
    green = register["green"]
    login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, green.pk]),
        {
            "note": "Stable for a year.",
            "rating_outcome": "confirmed",
            "leave": "true",
            "leave_reason": "risk_reduced",
        },
    )
    green.refresh_from_db()
    assert green.status == RegisterStatus.LEFT
    assert green.exits.get().left_on == TODAY


def test_escalating_at_the_meeting_reaches_the_first_level_manager(
    login, lead, case_manager, meeting, register, icb
):
    save_manager(icb=icb, by=lead, user=case_manager, organisation=icb, level=1, title="Team manager")
    red = register["red"]
    login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, red.pk]),
        {
            "note": "No provider found.",
            "rating_outcome": "confirmed",
            "escalate": "true",
            "escalation_reason": "No provider will take the package",
            "urgent": "true",
        },
    )
    escalation = Escalation.objects.get(person=red)
    assert escalation.manager.user == case_manager and escalation.urgent
    assert "No provider will take the package" in escalation.reason


def test_escalating_with_no_manager_named_is_refused_and_saves_nothing(login, lead, meeting, register):
    red = register["red"]
    response = login(lead).post(
        reverse("meetings:discussion", args=[meeting.pk, red.pk]),
        {"note": "Stuck.", "rating_outcome": "confirmed", "escalate": "true", "escalation_reason": "Stuck"},
    )
    assert "No senior manager is named" in text(response)
    assert not TimelineEvent.objects.filter(person=red, type="mdt_held").exists()


# --------------------------------------------------------------------------------------------- actions


def test_an_action_is_in_its_owners_my_work_and_on_the_next_agenda_until_done(
    login, lead, owner, meeting, register, standing
):
    red = register["red"]
    client = login(lead)
    response = client.post(
        reverse("meetings:action_add", args=[meeting.pk, red.pk]),
        {
            "text": "Find a new provider",
            "owner_user": owner.pk,
            "owner_name": "",
            "owner_organisation": "Test ICB",
            **date_fields("due", TODAY + dt.timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    action = DsrMeetingAction.objects.get()
    work = text(login(owner).get(reverse("oversight:my_work") + "?show=all"))
    assert "DSR meeting action: Find a new provider" in work
    later = DsrMeeting.objects.create(standing=standing, icb=standing.icb, date=TODAY + dt.timedelta(days=14))
    page = text(login(lead).get(reverse("meetings:detail", args=[later.pk])))
    assert "Action from the meeting on 1 March 2027: Find a new provider" in page
    response = login(owner).post(
        reverse("meetings:action", args=[action.pk]), {"status": "done", "outcome_note": "Found one"}
    )
    assert response.status_code == 302
    assert "Find a new provider" not in text(login(owner).get(reverse("oversight:my_work") + "?show=all"))
    assert "Find a new provider" not in text(login(lead).get(reverse("meetings:detail", args=[later.pk])))


def test_an_action_without_an_owner_or_date_shows_the_errors(login, lead, meeting, register):
    response = login(lead).post(
        reverse("meetings:action_add", args=[meeting.pk, register["red"].pk]),
        {"text": "Do something", "owner_name": "", "owner_organisation": ""},
    )
    page = text(response)
    assert "Enter the date the action is due" in page
    assert not DsrMeetingAction.objects.exists()


# ---------------------------------------------------------------------------------------------- minutes


@pytest.fixture
def held(meeting, lead, register, owner):
    from opendsr.meetings.services.meeting import record_attendance

    members = list(meeting.standing.members.order_by("pk"))
    record_attendance(
        meeting=meeting, by=lead, present=[members[0].pk], guests="Gail Guest, Oakwood Hospital"
    )
    item = record_discussion(
        meeting=meeting,
        person=register["red"],
        by=lead,
        note="Provider pulling out.",
        rating_outcome="confirmed",
    )
    add_action(
        item=item,
        by=lead,
        text="Find a new provider",
        owner_user=owner,
        owner_organisation="Test ICB",
        due=TODAY,
    )
    add_action(
        item=item,
        by=lead,
        text="Call the housing team",
        owner_name="Hugh Housing",
        owner_organisation="Test Council",
        due=TODAY,
    )
    return meeting


def test_the_minutes_name_members_in_full_and_everyone_else_by_initials(held, register):
    html = minutes.minutes_html(held)
    assert "Lena Lead" in html and "Hugh Housing" in html  # members
    assert "G.G." in html and "Gail Guest" not in html  # a guest
    assert "R.R. (register number" in html and "Rowan Red" not in html  # the person discussed
    assert "O.O." in html and "Olive Owner" not in html  # an action owner who is not a member
    assert minutes.minutes_pdf(held).startswith(b"%PDF")


def test_sending_the_minutes_emails_the_members_the_pdf_and_closes_the_meeting(login, lead, held):
    response = login(lead).post(reverse("meetings:minutes", args=[held.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["hugh@example.org", "lena@example.org"]
    name, content, kind = message.attachments[0]
    assert kind == "application/pdf" and content.startswith(b"%PDF")
    page = text(login(lead).get(reverse("meetings:detail", args=[held.pk])))
    assert "The minutes were sent on" in page and "Record the discussion" not in page


def test_the_minutes_are_not_sent_before_attendance_is_taken(login, lead, meeting):
    response = login(lead).post(reverse("meetings:minutes", args=[meeting.pk]))
    assert "Record who came before sending the minutes" in text(response)
    assert not mail.outbox


def test_another_icbs_meeting_is_not_found(login, make_user, other_icb, meeting):
    from opendsr.accounts.models import Role

    stranger = make_user(Role.DSR_LEAD, icb=other_icb)
    assert login(stranger).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404


def test_a_rating_confirmed_at_the_meeting_shows_in_the_rating_history_without_a_new_decision(
    login, lead, meeting, register
):
    red = register["red"]
    decisions = RatingDecision.objects.filter(person=red).count()
    client = login(lead)
    response = client.post(
        reverse("meetings:discussion", args=[meeting.pk, red.pk]),
        {
            "note": "Still no stable placement.",
            "rating_outcome": "confirmed",
            "rationale": "Risk of admission is unchanged while the placement search goes on.",
        },
    )
    assert response.status_code == 302
    red.refresh_from_db()
    assert red.current_rating == "red" and red.rating_decided_on == dt.date(2027, 1, 11)
    assert RatingDecision.objects.filter(person=red).count() == decisions  # not a change of rating
    assert not TimelineEvent.objects.filter(person=red, type="stratified", date=TODAY).exists()
    page = text(client.get(reverse("register:detail", args=[red.pk])))
    history = page[page.index("Rating decisions") :]
    assert "Ratings reviewed and confirmed" in history
    assert "Confirmed at the DSR meeting on 1 March 2027 (Test DSR meeting), recorded by Lena Lead" in history
    assert "Rationale: Risk of admission is unchanged while the placement search goes on." in history
