"""The communication log on a person's page: every letter, email and phone call, with date, method, who it went
to and a copy, and whoever sent it."""

import datetime as dt

from opendsr.accounts.models import AuditEvent
from opendsr.communication.models import CommunicationNeeds
from opendsr.referrals import services
from opendsr.register.services.rating import record_outcome_told, record_rating
from tests.referrals.factories import ReferralFactory


def test_an_empty_log_says_so(login, case_manager, person):
    client = login(case_manager)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Letters, emails and calls" in page
    assert f"No letters, emails or calls have been recorded for {person.given_name}." in page
    assert "No communication needs recorded." in page
    log = client.get(f"/people/{person.pk}/communication/").content.decode()
    assert f"No letters, emails or calls have been recorded for {person.given_name}." in log


def test_the_log_lists_letters_emails_outcome_calls_told_ratings_and_phone_calls(
    login, case_manager, person, django_capture_on_commit_callbacks
):
    person.email = "alex@example.org"
    person.save()
    referral = ReferralFactory(person=person, acknowledged_on=None)
    services.acknowledge(referral=referral, by=case_manager, recipients=["person"], method="pdf")
    decision = record_rating(
        person=person,
        by=case_manager,
        rating="amber",
        decided_on=dt.date(2027, 2, 27),
        rationale="Placement at risk.",
        referral_id=referral.pk,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcome(referral=referral, by=case_manager, recipients=["referrer"], method="email")
    services.record_outcome_by_phone(
        person=person,
        referral=referral,
        by=case_manager,
        told_on=dt.date(2027, 2, 28),
        told_who="Alex's mother",
    )
    record_outcome_told(
        decision=decision,
        by=case_manager,
        method="letter",
        told_on=dt.date(2027, 2, 28),
        told_person=True,
        told_referrer=False,
        notes="Posted a letter to their home.",
    )
    client = login(case_manager)
    assert (
        client.post(
            f"/people/{person.pk}/communication/call/",
            {
                "called_on_day": "1",
                "called_on_month": "3",
                "called_on_year": "2027",
                "to_whom": "family",
                "to_name": "Sam Smith",
                "notes": "Talked about the review next week.",
            },
        ).status_code
        == 302
    )

    log = client.get(f"/people/{person.pk}/communication/").content.decode()
    assert "Referral letter: acknowledgement" in log
    assert "Referral letter: outcome: added to the register" in log and "priya.nurse@example.org" in log
    assert "Outcome told: amber" in log and "Alex&#39;s mother" in log
    assert "Rating decision told (amber)" in log and "Posted a letter to their home." in log
    assert "Phone call" in log and "Sam Smith" in log
    assert log.count(case_manager.get_full_name()) >= 5
    assert AuditEvent.objects.filter(
        action="person.viewed", person=person, summary__contains="communication log"
    ).exists()

    # Each logged letter keeps a copy of what was sent.
    entry = person.communications.get(what="Referral letter: acknowledgement")
    copy = client.get(f"/people/{person.pk}/communication/{entry.pk}/").content.decode()
    assert entry.subject in copy and "Dear " in copy

    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Phone call (phone call) to Sam Smith" in page
    assert "View every letter, email and call" in page


def test_communication_needs_are_saved_with_history_and_shown_on_the_person_page(login, case_manager, person):
    client = login(case_manager)
    response = client.post(
        f"/people/{person.pk}/communication/needs/",
        {"reads": ["easy_read", "large_print"], "interpreter": "Polish", "preferred_method": "phone"},
    )
    assert response.status_code == 302
    needs = CommunicationNeeds.objects.get(person=person)
    assert needs.history.count() == 1
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Communication needs: <strong>easy read, large print, interpreter (Polish)</strong>" in page
    assert "Prefers a phone call." in page
    log = client.get(f"/people/{person.pk}/communication/").content.decode()
    assert "Needs an interpreter (Polish) for calls and meetings" in log


def test_a_person_in_another_icb_is_not_found(login, case_manager, make_person, other_icb):
    stranger = make_person(icb=other_icb)
    client = login(case_manager)
    assert client.get(f"/people/{stranger.pk}/communication/").status_code == 404
    assert client.get(f"/people/{stranger.pk}/communication/needs/").status_code == 404
