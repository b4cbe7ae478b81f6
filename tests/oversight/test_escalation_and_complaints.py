"""Escalation requests and complaints recorded on the person (s18): each writes its clock event, shows on the
person page and puts them on the ICS oversight panel's agenda, and bad input saves nothing."""

import datetime as dt

from opendsr.accounts.models import AuditEvent, Role
from opendsr.oversight.visits.models import Complaint, EscalationRequest
from opendsr.register.models import TimelineEvent


def test_an_escalation_request_writes_the_event_with_who_asked_and_shows_on_the_person_page(
    login, case_manager, person
):
    client = login(case_manager)
    form = client.get(f"/work/people/{person.pk}/escalations/new/").content.decode()
    assert "Their responsible clinician" in form and "Their advocate" in form
    response = client.post(
        f"/work/people/{person.pk}/escalations/new/",
        {
            "requested_on_day": "20",
            "requested_on_month": "2",
            "requested_on_year": "2027",
            "requested_by": "advocate",
            "requester_name": "Pat Advocate",
            "what_asked": "Review the use of seclusion.",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    row = EscalationRequest.objects.get(person=person)
    event = TimelineEvent.objects.get(person=person, type="escalation_requested")
    assert (event.date, event.data, event.source) == (
        dt.date(2027, 2, 20),
        {"by": "advocate"},
        f"escalation:{row.pk}",
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        "is on the ICS oversight panel&#39;s agenda" in page
        or "is on the ICS oversight panel's agenda" in page
    )
    assert "20 February 2027, asked by their advocate (Pat Advocate): Review the use of seclusion." in page
    assert AuditEvent.objects.filter(action="escalation.recorded", person=person).exists()
    assert row.history.count() == 1


def test_an_escalation_without_who_asked_is_refused_and_saves_nothing(login, case_manager, person):
    response = login(case_manager).post(
        f"/work/people/{person.pk}/escalations/new/",
        {
            "requested_on_day": "20",
            "requested_on_month": "2",
            "requested_on_year": "2027",
            "what_asked": "Look.",
        },
    )
    page = response.content.decode()
    assert "<title>Error: " in page and "There is a problem" in page
    assert 'value="Look."' in page or ">Look.</textarea>" in page
    assert not EscalationRequest.objects.exists() and not TimelineEvent.objects.exists()


def test_a_complaint_is_shown_unresolved_until_marked_resolved(login, case_manager, person):
    client = login(case_manager)
    response = client.post(
        f"/work/people/{person.pk}/complaints/new/",
        {
            "made_on_day": "10",
            "made_on_month": "2",
            "made_on_year": "2027",
            "made_by": "Their father",
            "summary": "Visits were cancelled at short notice.",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    made = TimelineEvent.objects.get(person=person, type="complaint_made")
    assert (made.date, made.source) == (dt.date(2027, 2, 10), f"complaint:{complaint.pk}")
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "10 February 2027, from Their father: Visits were cancelled at short notice." in page
    assert "Not resolved" in page
    assert f"/work/complaints/{complaint.pk}/resolve/" in page

    refused = client.post(
        f"/work/complaints/{complaint.pk}/resolve/",
        {
            "resolved_on_day": "25",
            "resolved_on_month": "2",
            "resolved_on_year": "2027",
            "everyone_satisfied": "no",
            "resolution": "Apology given.",
        },
    ).content.decode()
    assert "A complaint is resolved only when everyone involved is satisfied" in refused
    assert not TimelineEvent.objects.filter(type="complaint_resolved").exists()

    response = client.post(
        f"/work/complaints/{complaint.pk}/resolve/",
        {
            "resolved_on_day": "25",
            "resolved_on_month": "2",
            "resolved_on_year": "2027",
            "everyone_satisfied": "yes",
            "resolution": "Apology given and a visiting plan agreed.",
        },
    )
    assert response.status_code == 302
    resolved = TimelineEvent.objects.get(person=person, type="complaint_resolved")
    assert resolved.date == dt.date(2027, 2, 25)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Resolved" in page and "Apology given and a visiting plan agreed." in page
    assert "Not resolved" not in page


def test_a_complaint_cannot_be_resolved_before_it_was_made(login, case_manager, person):
    client = login(case_manager)
    client.post(
        f"/work/people/{person.pk}/complaints/new/",
        {
            "made_on_day": "10",
            "made_on_month": "2",
            "made_on_year": "2027",
            "made_by": "Them",
            "summary": "S",
        },
    )
    complaint = Complaint.objects.get()
    page = client.post(
        f"/work/complaints/{complaint.pk}/resolve/",
        {
            "resolved_on_day": "1",
            "resolved_on_month": "2",
            "resolved_on_year": "2027",
            "everyone_satisfied": "yes",
            "resolution": "Sorted.",
        },
    ).content.decode()
    assert (
        "The date it was resolved must be the same as or after the date of the complaint (10 February 2027)"
        in page
    )
    complaint.refresh_from_db()
    assert complaint.resolved_on is None


def test_an_analyst_cannot_record_a_complaint_and_another_icbs_person_is_not_found(
    login, make_user, person, other_icb
):
    from tests.factories import PersonFactory

    analyst = make_user(Role.ANALYST)
    assert login(analyst).post(f"/work/people/{person.pk}/complaints/new/", {}).status_code in (403, 404)
    lead = make_user(Role.DSR_LEAD)
    stranger = PersonFactory(icb=other_icb)
    assert login(lead).get(f"/work/people/{stranger.pk}/complaints/new/").status_code == 404
    assert not Complaint.objects.exists()


def test_who_may_ask_for_escalation_is_who_the_clock_knows():
    from opendsr import policy
    from opendsr.oversight.visits.models import EscalatedBy

    assert sorted(EscalatedBy.values) == sorted(who.value for who in policy.EscalatedBy)


def test_the_timeline_says_who_asked_for_escalation():
    from opendsr.web.labels import event_details

    assert event_details("escalation_requested", {"by": "responsible_clinician"}) == (
        "Asked by their responsible clinician"
    )


def test_an_escalation_and_an_unresolved_complaint_put_the_person_on_the_panels_agenda(
    login, case_manager, lead, make_person, team
):
    asked = make_person(team=team, case_manager=case_manager, given_name="Esme", family_name="Escalated")
    complained = make_person(
        team=team, case_manager=case_manager, given_name="Cody", family_name="Complained"
    )
    client = login(case_manager)
    client.post(
        f"/work/people/{asked.pk}/escalations/new/",
        {
            "requested_on_day": "20",
            "requested_on_month": "2",
            "requested_on_year": "2027",
            "requested_by": "family",
            "requester_name": "Jo Parent",
            "what_asked": "Review the placement.",
        },
    )
    client.post(
        f"/work/people/{complained.pk}/complaints/new/",
        {
            "made_on_day": "10",
            "made_on_month": "2",
            "made_on_year": "2027",
            "made_by": "Their father",
            "summary": "Visits were cancelled at short notice.",
        },
    )
    panel = login(lead)
    meetings = "/work/oversight-panel/meetings/"
    response = panel.post(
        meetings + "new/",
        {"date_day": "15", "date_month": "3", "date_year": "2027", "venue": "Northdale House"},
    )
    assert response.status_code == 302
    agenda = panel.get(response["Location"]).content.decode().replace("&#39;", "'")
    assert "Esme Escalated" in agenda and "Escalation to the panel asked for by their family (s18)" in agenda
    assert "Cody Complained" in agenda and "A complaint about their care is not resolved (s18)" in agenda
