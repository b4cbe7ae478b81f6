"""A professional without an account refers on the public pages: their referral waits, out of the inbox, until
they follow the one-time link emailed to their work address; an address from a domain the ICB does not accept
without review lands marked "Unverified sender"; an expired or used link says what to do instead."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from opendsr.accounts.models import AuditEvent
from opendsr.policy.rules import referral as referral_rules
from opendsr.public.models import ProfessionalReferral
from opendsr.referrals.models import Channel, Referral, Source
from opendsr.register.models import Obligation
from tests.conftest import TODAY
from tests.public.conftest import ODS

FORM = {
    "referrer_name": "Dr Sam Okafor",
    "referrer_role": "GP",
    "referrer_organisation": "Mill Lane Surgery",
    "referrer_email": "sam.okafor@nhs.net",
    "referrer_phone": "0300 000 2222",
    "given_name": "Daniel",
    "family_name": "Adeyemi",
    "date_of_birth_day": "14",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2011",
    "diagnosis": "autistic",
    "address": "4 Mill Lane",
    "postcode": "ND2 3BB",
    "nhs_number": "",
    "worries": "He has been excluded from school and his mother is struggling to keep him safe at home.",
    "signs": ["harm"],
    "agrees": "yes",
    "needs": ["easy_read"],
    "other_needs": "",
    "website": "",
}
LINK = re.compile(r"https?://\S+/professional/confirm/[\w-]+/")


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def refer(client, capture, **changes):
    """Send the professional's form; the link emailed to them (or None)."""
    before = len(mail.outbox)
    with capture(execute=True):
        response = client.post(f"/public/{ODS}/professional/", {**FORM, **changes})
    links = [
        LINK.search(message.body).group(0) for message in mail.outbox[before:] if LINK.search(message.body)
    ]
    return response, (links[-1] if links else None)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_the_referral_waits_until_the_link_is_followed(
    front_door, visitor, lead, login, django_capture_on_commit_callbacks
):
    response, link = refer(visitor, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/public/{ODS}/professional/emailed/"
    assert "sam.okafor@nhs.net" in text(visitor.get(response["Location"]))
    email = mail.outbox[-1]
    assert email.to == ["sam.okafor@nhs.net"] and link is not None
    assert "Daniel" not in email.body and "Adeyemi" not in email.body  # nothing about the person in the email
    assert Referral.objects.count() == 0
    assert "Daniel Adeyemi" not in text(login(lead).get("/referrals/"))

    # Opening the link (as a mail system checking it would) sends nothing; pressing the button does.
    opened = visitor.get(path_of(link))
    assert "Confirm and send the referral" in text(opened) and Referral.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = visitor.post(path_of(link))
    assert sent["Location"] == f"/public/{ODS}/refer/sent/"
    referral = Referral.objects.get()
    reference = referral.online.reference
    assert reference in text(visitor.get(sent["Location"]))
    assert referral.source == Source.PROFESSIONAL and referral.channel == Channel.ONLINE
    assert (referral.referrer_name, referral.referrer_role, referral.referrer_organisation) == (
        "Dr Sam Okafor",
        "GP",
        "Mill Lane Surgery",
    )
    assert referral.referrer_email == "sam.okafor@nhs.net" and not referral.unverified_sender
    acknowledge = Obligation.objects.get(person=referral.person, kind="acknowledge_referral")
    assert acknowledge.due == referral_rules.ACKNOWLEDGE_REFERRAL.after(TODAY)
    inbox = text(login(lead).get("/referrals/"))
    assert "Daniel Adeyemi" in inbox and "Unverified sender" not in inbox
    # Their receipt gives the reference the confirmation showed
    receipt = mail.outbox[-1]
    assert receipt.to == ["sam.okafor@nhs.net"] and reference in receipt.body and reference in receipt.subject


def test_a_link_works_only_once(front_door, visitor, django_capture_on_commit_callbacks):
    _, link = refer(visitor, django_capture_on_commit_callbacks)
    visitor.post(path_of(link))
    again = Client().post(path_of(link))
    page = text(again)
    assert "This link has already been used" in page and "Fill in the referral form again" in page
    assert "0300 000 1111" in page
    assert Referral.objects.count() == 1
    assert "already been used" in text(Client().get(path_of(link)))


def test_a_link_expires_after_24_hours(front_door, visitor, django_capture_on_commit_callbacks):
    _, link = refer(visitor, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=24, minutes=1), tick=False):
        response = visitor.post(path_of(link))
    page = text(response)
    assert "This link has expired" in page and "0300 000 1111" in page
    assert f'href="/public/{ODS}/professional/"' in response.content.decode()  # to send the form again
    assert Referral.objects.count() == 0
    assert AuditEvent.objects.filter(
        action="public.professional.link_refused", detail__state="expired"
    ).exists()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=23), tick=False):
        assert visitor.post(path_of(link)).status_code == 302
    assert Referral.objects.count() == 1


def test_a_made_up_link_does_not_work(front_door, visitor):
    page = text(visitor.post(f"/public/{ODS}/professional/confirm/not-a-real-link/"))
    assert "This link does not work" in page and "0300 000 1111" in page
    assert Referral.objects.count() == 0


def test_an_address_from_another_domain_lands_marked_unverified(
    front_door, visitor, lead, login, django_capture_on_commit_callbacks
):
    _, link = refer(visitor, django_capture_on_commit_callbacks, referrer_email="sam.okafor@example.com")
    visitor.post(path_of(link))
    referral = Referral.objects.get()
    assert referral.unverified_sender
    assert "not from a domain you accept without review" in referral.intake_notes
    client = login(lead)
    assert "Unverified sender" in text(client.get("/referrals/"))
    assert "Unverified sender" in text(client.get(f"/referrals/{referral.pk}/"))


def test_a_part_of_a_trusted_domain_is_trusted(front_door, visitor, django_capture_on_commit_callbacks):
    front_door.trusted_domains = "nhs.net\nnhs.uk"
    front_door.save()
    _, link = refer(visitor, django_capture_on_commit_callbacks, referrer_email="s.okafor@trust.nhs.uk")
    visitor.post(path_of(link))
    assert not Referral.objects.get().unverified_sender


def test_the_lead_sets_the_domains_accepted_without_review(front_door, lead, login):
    client = login(lead)
    page = client.get("/administration/public-pages/").content.decode()
    assert "Email domains accepted without review" in page and "nhs.net" in page
    data = {
        "service_name": "Test DSR team",
        "phone": "0300 000 1111",
        "hours": "Weekdays",
        "email": "",
        "criteria": "Anyone at risk of admission",
        "published": "yes",
        "privacy_notice": "",
    }
    refused = client.post(
        "/administration/public-pages/", {**data, "trusted_domains": "nhs.net\nnot a domain"}
    )
    assert refused.status_code == 200 and "not a domain is not a domain" in text(refused)
    client.post("/administration/public-pages/", {**data, "trusted_domains": "@NHS.net\nschools.example.org"})
    front_door.refresh_from_db()
    assert front_door.trusted_domains == "nhs.net\nschools.example.org"


def test_nothing_reaches_the_inbox_or_is_emailed_when_refused(
    front_door, visitor, settings, django_capture_on_commit_callbacks
):
    response, link = refer(visitor, django_capture_on_commit_callbacks, website="http://spam.example")
    assert "could not be sent" in text(response) and link is None
    settings.OPENDSR_PUBLIC_MINIMUM_SECONDS = 30
    response, link = refer(Client(REMOTE_ADDR="192.0.2.30"), django_capture_on_commit_callbacks)
    assert "could not be sent" in text(response) and link is None
    assert ProfessionalReferral.objects.count() == 0 and not mail.outbox
    assert AuditEvent.objects.filter(action="public.referral.refused").count() == 2


def test_one_network_address_may_send_only_so_many_an_hour(
    front_door, settings, django_capture_on_commit_callbacks
):
    settings.OPENDSR_PUBLIC_REFERRALS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="198.51.100.17")
    for _ in range(2):
        assert refer(client, django_capture_on_commit_callbacks)[1] is not None
    response, link = refer(client, django_capture_on_commit_callbacks)
    assert response.status_code == 429 and link is None and "0300 000 1111" in text(response)


def test_oversize_answers_are_refused_and_kept(front_door, visitor, django_capture_on_commit_callbacks):
    response, link = refer(visitor, django_capture_on_commit_callbacks, worries="x" * 5001)
    page = text(response)
    assert response.status_code == 200 and "5,000 characters or fewer" in page and link is None
    assert 'value="Dr Sam Okafor"' in response.content.decode()
    assert ProfessionalReferral.objects.count() == 0


def test_someone_already_on_the_register_looks_the_same(
    front_door, make_person, django_capture_on_commit_callbacks
):
    known = make_person(given_name="Daniel", family_name="Adeyemi", date_of_birth=dt.date(2011, 2, 14))
    shown = []
    for given, address in (("Asha", "192.0.2.41"), ("Daniel", "192.0.2.42")):
        client = Client(REMOTE_ADDR=address)
        response, link = refer(client, django_capture_on_commit_callbacks, given_name=given)
        emailed = text(client.get(response["Location"]))
        body = LINK.sub("LINK", mail.outbox[-1].body)
        confirm = text(client.get(path_of(link)))
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(path_of(link))
        reference = Referral.objects.order_by("pk").last().online.reference
        receipt = mail.outbox[-1].body.replace(reference, "REF").replace(given, "NAME")
        shown.append(
            (emailed, body, confirm, text(client.get(sent["Location"])).replace(reference, "REF"), receipt)
        )
    assert shown[0] == shown[1]
    assert Referral.objects.order_by("pk").last().person == known


def test_every_submission_is_audited(front_door, visitor, django_capture_on_commit_callbacks):
    _, link = refer(visitor, django_capture_on_commit_callbacks)
    started = AuditEvent.objects.get(action="public.professional.started")
    assert started.ip_address == "203.0.113.9"
    assert AuditEvent.objects.filter(action="public.professional.link_sent").exists()
    visitor.post(path_of(link))
    confirmed = AuditEvent.objects.get(action="public.professional.confirmed")
    assert confirmed.person == Referral.objects.get().person


def test_an_nhs_number_typed_tells_nothing_of_the_person_it_belongs_to(
    front_door, visitor, make_person, django_capture_on_commit_callbacks
):
    known = make_person(given_name="Olamide", family_name="Brown", nhs_number="9434765919")
    _, link = refer(visitor, django_capture_on_commit_callbacks, nhs_number="943 476 5919")
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(path_of(link))
    assert Referral.objects.get().person == known  # matched for the ICB to check
    receipt = mail.outbox[-1]
    assert "Olamide" not in receipt.body + receipt.subject and "Brown" not in receipt.body + receipt.subject
    assert "Daniel Adeyemi" in receipt.subject
