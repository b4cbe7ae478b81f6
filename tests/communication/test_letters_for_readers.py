"""Every letter reads for its reader: the person (standard or easy read), their family, the referrer; the
person's communication needs choose the version, and the easy read letter prints in large text."""

import datetime as dt

import pytest
from django.core import mail

from opendsr.communication import letters
from opendsr.communication import services as communication
from opendsr.communication.models import Communication
from opendsr.referrals import services
from opendsr.referrals.models import Letter
from opendsr.register.models import Carer
from opendsr.register.services.rating import record_rating

ACKNOWLEDGE = {
    "recipients": ["person", "referrer", "family"],
    "method": "pdf",
    "sent_on_day": "1",
    "sent_on_month": "3",
    "sent_on_year": "2027",
}


@pytest.fixture
def referral(person, case_manager):
    person.given_name, person.family_name, person.email = "Alex", "Smith", "alex@example.org"
    person.address, person.postcode = "1 High Street\nLeeds", "LS1 1AA"
    person.save()
    Carer.objects.create(person=person, name="Sam Smith", relationship="Mother", contact="sam@example.org")
    return services.record_referral(
        icb=person.icb,
        by=case_manager,
        person=person,
        received_on=dt.date(2027, 2, 25),
        source="professional",
        channel="in_app",
        reason="Placement at risk of breaking down.",
        referrer_name="Priya Nurse",
        referrer_email="priya.nurse@example.org",
        referrer_address="Oak Surgery\nBradford",
    )


def _needs(person, case_manager, **needs):
    communication.update_needs(
        person=person,
        by=case_manager,
        easy_read=needs.get("easy_read", False),
        large_print=needs.get("large_print", False),
        preferred_method=needs.get("preferred_method", ""),
    )


def test_each_reader_gets_a_letter_written_for_them(referral, case_manager):
    sent = services.acknowledge(
        referral=referral, by=case_manager, recipients=["person", "referrer", "family"], method="pdf"
    )
    by_reader = {letter.recipient: letter for letter in sent}
    assert by_reader["person"].body.startswith("Dear Alex,")
    assert "We received a referral for you" in by_reader["person"].body
    assert by_reader["referrer"].body.startswith("Dear Priya Nurse,")
    assert "Thank you for referring Alex Smith" in by_reader["referrer"].body
    assert by_reader["family"].body.startswith("Dear Sam Smith,")
    assert "with you and with the people who support them" in by_reader["family"].body
    assert not any(letter.easy_read for letter in sent)


def test_a_person_who_reads_easy_read_gets_short_lines_and_their_family_the_standard_letter(
    referral, case_manager
):
    _needs(referral.person, case_manager, easy_read=True)
    sent = services.acknowledge(
        referral=referral, by=case_manager, recipients=["person", "family"], method="pdf"
    )
    to_person = next(letter for letter in sent if letter.recipient == "person")
    to_family = next(letter for letter in sent if letter.recipient == "family")
    assert to_person.easy_read and to_person.subject == "We got the referral about you"
    assert (
        "Hello Alex.\n\nSomeone asked us to think about extra help for you.\nThis is called a referral."
        in (to_person.body)
    )
    # One idea on each line: no line of the wording itself runs on past a short sentence.
    wording = to_person.body.split("You can talk to us")[0]
    assert all(len(line) <= 90 for line in wording.splitlines())
    assert not to_family.easy_read and to_family.body.startswith("Dear Sam Smith,")


def test_the_sender_can_choose_the_standard_letter_for_someone_who_reads_easy_read(referral, case_manager):
    _needs(referral.person, case_manager, easy_read=True)
    [letter] = services.acknowledge(
        referral=referral, by=case_manager, recipients=["person"], method="pdf", easy_read=False
    )
    assert not letter.easy_read and letter.body.startswith("Dear Alex,")


def test_the_letter_page_offers_the_version_their_needs_choose(login, referral, case_manager):
    client = login(case_manager)
    page = client.get(f"/referrals/{referral.pk}/acknowledge/").content.decode()
    assert "The letter to the person</h2>" in page
    _needs(referral.person, case_manager, easy_read=True, preferred_method="letter")
    page = client.get(f"/referrals/{referral.pk}/acknowledge/").content.decode()
    assert "The letter to the person (easy read)" in page and "We got the referral about you" in page
    assert 'value="easy_read" checked' in page
    assert 'value="pdf" checked' in page  # they prefer a letter by post, though they have an email address


def test_the_easy_read_outcome_explains_the_colour_in_plain_words(referral, case_manager):
    _needs(referral.person, case_manager, easy_read=True)
    record_rating(
        person=referral.person,
        by=case_manager,
        rating="red",
        decided_on=dt.date(2027, 2, 27),
        rationale="Placement at risk.",
        referral_id=referral.pk,
    )
    [letter] = services.send_outcome(referral=referral, by=case_manager, recipients=["person"], method="pdf")
    assert "Your colour is red.\nThis means you need a lot of help now" in letter.body


def test_the_easy_read_pdf_renders_in_large_text(login, referral, case_manager, monkeypatch):
    _needs(referral.person, case_manager, easy_read=True)
    client = login(case_manager)
    assert (
        client.post(
            f"/referrals/{referral.pk}/acknowledge/", {**ACKNOWLEDGE, "version": "easy_read"}
        ).status_code
        == 302
    )
    letter = Letter.objects.get(recipient="person")
    assert letter.easy_read and services.large_print(letter)
    seen = {}
    real = letters.render_to_string

    def spy(name, context):
        seen.update(context)
        html = real(name, context)
        seen["html"] = html
        return html

    monkeypatch.setattr(letters, "render_to_string", spy)
    pdf = client.get(f"/referrals/letters/{letter.pk}.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert '<body class="large">' in seen["html"] and "font-size: 16pt" in seen["html"]
    assert seen["address_lines"] == ["Alex Smith", "1 High Street", "Leeds", "LS1 1AA"]
    to_referrer = Letter.objects.get(recipient="referrer")
    assert not services.large_print(to_referrer)


def test_an_emailed_letter_is_in_the_log_once_it_has_gone(
    referral, case_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(referral=referral, by=case_manager, recipients=["referrer"], method="email")
    assert [m.to for m in mail.outbox] == [["priya.nurse@example.org"]]
    entry = Communication.objects.get()
    assert (entry.method, entry.to_whom, entry.to_address) == ("email", "referrer", "priya.nurse@example.org")
    assert entry.body.startswith("Dear Priya Nurse,") and entry.sent_by == case_manager


def test_the_dsr_lead_can_change_the_easy_read_template(login, lead):
    client = login(lead)
    page = client.get("/referrals/templates/").content.decode()
    assert "The person (easy read)" in page
    form = client.get("/referrals/templates/acknowledgement/?to=person&version=easy_read").content.decode()
    assert "We got the referral about you" in form
    assert client.get("/referrals/templates/acknowledgement/?to=family&version=easy_read").status_code == 404
