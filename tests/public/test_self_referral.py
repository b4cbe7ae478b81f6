"""A person or their family refers online: one question a page, answers kept in their session, checked, sent to
the ICB's referral inbox with its clocks, and refused (with the number to phone) when a program sends it."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from opendsr.accounts.models import AuditEvent
from opendsr.policy.rules import referral as referral_rules
from opendsr.public.models import OnlineReferral
from opendsr.referrals.models import Channel, LetterKind, LetterStatus, Referral, Source
from opendsr.register.models import Obligation, Person
from tests.conftest import TODAY
from tests.public.conftest import FAMILY_ANSWERS, ODS, SELF_ANSWERS, answer_every_question


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def send(client):
    return client.post(f"/public/{ODS}/refer/check/", {"website": ""})


def test_a_family_referral_lands_in_the_inbox_with_its_clocks(front_door, visitor, lead, login):
    answer_every_question(visitor, FAMILY_ANSWERS)
    check = visitor.get(f"/public/{ODS}/refer/check/").content.decode()
    assert "Grace Adeyemi" in check and "Daniel" in check and "14 February 2011" in check
    assert "4 Mill Lane<br>Northdale" in check  # each line of the address on its own line

    response = send(visitor)
    assert response.status_code == 302 and response["Location"] == f"/public/{ODS}/refer/sent/"
    confirmation = text(visitor.get(response["Location"]))
    online = OnlineReferral.objects.get()
    assert f"<strong>{online.reference}</strong>" in visitor.get(response["Location"]).content.decode()
    assert "within 5 working days" in confirmation

    referral = online.referral
    assert referral.source == Source.FAMILY and referral.channel == Channel.ONLINE
    assert referral.referrer_name == "Grace Adeyemi" and referral.referrer_role == "Mother"
    assert referral.person.full_name == "Daniel Adeyemi" and referral.person.icb == front_door.icb
    assert referral.triggers == ["harm"] and referral.person_agrees is True
    acknowledge = Obligation.objects.get(person=referral.person, kind="acknowledge_referral")
    assert acknowledge.due == referral_rules.ACKNOWLEDGE_REFERRAL.after(TODAY) and acknowledge.met_on is None
    assert Obligation.objects.filter(person=referral.person, kind="stratify_referral", met_on=None).exists()

    inbox = text(login(lead).get("/referrals/"))
    assert "Daniel Adeyemi" in inbox


def test_the_sender_is_emailed_a_receipt_that_does_not_meet_the_acknowledgement(
    front_door, visitor, django_capture_on_commit_callbacks
):
    answer_every_question(visitor, FAMILY_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):
        send(visitor)
    referral = Referral.objects.get()
    letter = referral.letters.get()
    assert letter.kind == LetterKind.ONLINE_RECEIPT and letter.status == LetterStatus.SENT
    assert mail.outbox[0].to == ["grace@example.org"]
    assert "0300 000 1111" in mail.outbox[0].body and "Dear Grace Adeyemi" in mail.outbox[0].body
    referral.refresh_from_db()
    assert referral.acknowledged_on is None  # the ICB still acknowledges it to the person and the referrer


def test_a_self_referral_is_from_the_person_and_emails_them(
    front_door, visitor, django_capture_on_commit_callbacks
):
    answer_every_question(visitor, SELF_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):
        send(visitor)
    referral = Referral.objects.get()
    assert referral.source == Source.SELF and referral.referrer_name == ""
    assert referral.person.email == "priya@example.org"
    assert "Prefers contact by email" in referral.person.communication_needs
    assert mail.outbox[0].to == ["priya@example.org"] and "Dear Priya" in mail.outbox[0].body


def test_the_receipt_gives_the_reference_the_confirmation_showed(
    front_door, visitor, django_capture_on_commit_callbacks
):
    answer_every_question(visitor, SELF_ANSWERS)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(visitor)
    reference = OnlineReferral.objects.get().reference
    assert reference in text(visitor.get(response["Location"]))
    receipt = mail.outbox[0]
    assert f"Your reference is {reference}." in receipt.body and reference in receipt.subject
    assert receipt.body.startswith("Dear Priya,\n\nYour reference is")


def test_a_mistake_keeps_the_answer_and_shows_an_nhs_error_summary(front_door, visitor):
    visitor.post(f"/public/{ODS}/refer/who/", {"who": "self"})
    response = visitor.post(
        f"/public/{ODS}/refer/date-of-birth/",
        {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2001"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "nhsuk-error-summary" in html
    assert 'href="#id_date_of_birth' in html
    assert 'value="31"' in html and 'value="2001"' in html


def test_answers_are_kept_when_going_back(front_door, visitor):
    visitor.post(f"/public/{ODS}/refer/who/", {"who": "self"})
    visitor.post(f"/public/{ODS}/refer/name/", {"given_name": "Priya", "family_name": "Shah"})
    assert 'value="Priya"' in visitor.get(f"/public/{ODS}/refer/name/").content.decode()


def test_oversize_answers_are_refused_and_kept(front_door, visitor):
    visitor.post(f"/public/{ODS}/refer/who/", {"who": "self"})
    response = visitor.post(f"/public/{ODS}/refer/worries/", {"worries": "x" * 5001})
    page = text(response)
    assert response.status_code == 200 and "5,000 characters or fewer" in page
    assert Referral.objects.count() == 0


def test_the_check_page_sends_them_back_to_a_question_not_answered(front_door, visitor):
    visitor.post(f"/public/{ODS}/refer/who/", {"who": "self"})
    response = visitor.get(f"/public/{ODS}/refer/check/")
    assert response["Location"] == f"/public/{ODS}/refer/name/"
    assert send(visitor).status_code == 302 and Referral.objects.count() == 0


def test_the_honeypot_refuses_and_says_to_phone(front_door, visitor):
    answer_every_question(visitor, SELF_ANSWERS)
    response = visitor.post(f"/public/{ODS}/refer/check/", {"website": "http://spam.example"})
    page = text(response)
    assert "could not be sent" in page and "0300 000 1111" in page
    assert Referral.objects.count() == 0
    assert AuditEvent.objects.filter(action="public.referral.refused", detail__reason="honeypot").exists()


def test_a_form_sent_faster_than_a_person_reads_is_refused(front_door, visitor, settings):
    settings.OPENDSR_PUBLIC_MINIMUM_SECONDS = 30
    answer_every_question(visitor, SELF_ANSWERS)
    page = text(send(visitor))
    assert "could not be sent" in page and "0300 000 1111" in page
    assert Referral.objects.count() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31), tick=False):
        assert send(visitor)["Location"] == f"/public/{ODS}/refer/sent/"
    assert Referral.objects.count() == 1


def test_one_network_address_may_send_only_so_many_an_hour(front_door, settings):
    settings.OPENDSR_PUBLIC_REFERRALS_PER_HOUR = 2
    for _ in range(2):
        client = Client(REMOTE_ADDR="198.51.100.7")
        answer_every_question(client, SELF_ANSWERS)
        assert send(client).status_code == 302
    client = Client(REMOTE_ADDR="198.51.100.7")
    answer_every_question(client, SELF_ANSWERS)
    response = send(client)
    assert response.status_code == 429 and "0300 000 1111" in text(response)
    assert Referral.objects.count() == 2
    elsewhere = Client(REMOTE_ADDR="198.51.100.8")
    answer_every_question(elsewhere, SELF_ANSWERS)
    assert send(elsewhere).status_code == 302
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, minutes=1), tick=False):
        assert send(client).status_code == 302


def test_someone_already_on_the_register_gets_the_same_confirmation(front_door, make_person):
    known = make_person(given_name="Priya", family_name="Shah", date_of_birth=dt.date(1999, 9, 3), email="")
    new, existing = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    other = {**SELF_ANSWERS, "name": {"given_name": "Asha", "family_name": "Shah"}}
    answer_every_question(new, other)
    answer_every_question(existing, SELF_ANSWERS)
    first, second = send(new), send(existing)
    shown = [
        text(client.get(response["Location"])).replace(ref.reference, "REF")
        for client, response, ref in zip(
            (new, existing), (first, second), OnlineReferral.objects.order_by("pk"), strict=True
        )
    ]
    assert shown[0] == shown[1]
    matched = OnlineReferral.objects.order_by("pk").last().referral
    assert matched.person == known and Person.objects.filter(family_name="Shah").count() == 2
    assert "Matched to this record by their name and date of birth" in matched.intake_notes
    # The address typed is not the one on their record: nothing is sent to anyone.
    assert not matched.letters.exists()


def test_the_confirmation_is_only_for_the_browser_that_sent_it(front_door, visitor):
    answer_every_question(visitor, SELF_ANSWERS)
    send(visitor)
    reference = OnlineReferral.objects.get().reference
    stranger = Client()
    response = stranger.get(f"/public/{ODS}/refer/sent/")
    assert response.status_code == 302 and reference not in response.content.decode()
    assert "Priya" not in text(stranger.get(f"/public/{ODS}/refer/name/"))


def test_every_online_referral_is_audited(front_door, visitor):
    answer_every_question(visitor, SELF_ANSWERS)
    send(visitor)
    event = AuditEvent.objects.get(action="public.referral.sent")
    assert event.ip_address == "203.0.113.9" and event.person == Referral.objects.get().person
