"""Emailing a letter: it is sent by a background task after the letter is recorded, and it counts as sent (and
meets the acknowledgement or the outcome) only once it has actually gone. A failure is recorded and shown."""

import datetime as dt
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from opendsr.accounts.models import AuditEvent
from opendsr.referrals import services
from opendsr.referrals.models import Letter, LetterStatus
from opendsr.referrals.tasks import send_letter
from opendsr.register.models import Carer, Obligation
from tests.referrals.factories import ReferralFactory


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


ACKNOWLEDGE = {
    "recipients": ["person"],
    "method": "email",
    "sent_on_day": "1",
    "sent_on_month": "3",
    "sent_on_year": "2027",
}


@pytest.fixture
def referral(person, case_manager):
    person.given_name, person.email = "Alex", "alex@example.org"
    person.save()
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
    )


def _acknowledge_obligation(referral):
    return Obligation.objects.get(person=referral.person, kind="acknowledge_referral")


def test_a_failed_email_is_not_an_acknowledgement_and_the_referral_page_says_so(
    login, case_manager, referral, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.referrals.test_sending.RefusingBackend"
    client = login(case_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/referrals/{referral.pk}/acknowledge/", ACKNOWLEDGE)
    assert response.status_code == 302

    letter = Letter.objects.get()
    assert letter.status == LetterStatus.FAILED
    assert "Service not available" in letter.error
    referral.refresh_from_db()
    assert referral.acknowledged_on is None
    assert _acknowledge_obligation(referral).met_on is None
    assert AuditEvent.objects.filter(action="letter.failed", person=referral.person).exists()

    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "could not be emailed" in page and "Service not available" in page
    assert "It does not count as sent" in page
    assert "Send it again" in page
    assert "Acknowledged" not in page

    # When the mail server is back, sending it again acknowledges the referral.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/referrals/letters/{letter.pk}/send-again/")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert [m.to for m in mail.outbox] == [["alex@example.org"]]
    assert _acknowledge_obligation(referral).met_on == dt.date(2027, 3, 1)
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "could not be emailed" not in page
    assert "emailed to alex@example.org on 1 March 2027" in page


def test_a_queued_email_is_sent_by_the_task_and_only_then_counts(
    login, case_manager, referral, settings, django_capture_on_commit_callbacks
):
    # With the database queue, nothing goes until a worker runs the task.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client = login(case_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/referrals/{referral.pk}/acknowledge/", ACKNOWLEDGE)
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.QUEUED and mail.outbox == []
    assert _acknowledge_obligation(referral).met_on is None
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Waiting to be emailed" in page
    # A second try cannot queue a second acknowledgement.
    again = client.get(f"/referrals/{referral.pk}/acknowledge/")
    assert again.status_code == 302

    from django_tasks_db.models import DBTaskResult

    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "opendsr.referrals.tasks.send_letter"
    send_letter.call(*queued.args_kwargs["args"])

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert len(mail.outbox) == 1
    assert _acknowledge_obligation(referral).met_on == dt.date(2027, 3, 1)


def test_a_name_or_subject_with_a_line_break_cannot_break_the_email(
    case_manager, referral, django_capture_on_commit_callbacks
):
    # A name saved with a line break (before names were checked) still makes a one-line subject.
    person = referral.person
    person.given_name, person.family_name = "Alex\r\nBcc: someone@example.org", "Hale\n"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        [letter] = services.acknowledge(
            referral=referral, by=case_manager, recipients=["person"], method="email"
        )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.to == ["alex@example.org"]
    assert "\n" not in letter.to_name


@pytest.mark.parametrize("field", ["given_name", "family_name", "referrer_name"])
def test_a_line_break_in_a_name_is_refused_on_the_referral_form(login, case_manager, field):
    from .test_views import _form

    response = login(case_manager).post("/referrals/new/", _form(**{field: "Robin\r\nBcc: x@example.org"}))
    assert response.status_code == 200
    assert "must be on one line" in response.content.decode()


def test_each_reader_gets_a_letter_written_for_them(
    case_manager, referral, django_capture_on_commit_callbacks
):
    Carer.objects.create(
        person=referral.person, name="Sam Hale", relationship="Mother", contact="sam@example.org"
    )
    assert services.recipients_for(referral) == ["person", "referrer", "family"]
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(
            referral=referral, by=case_manager, recipients=["person", "referrer", "family"], method="email"
        )
    letters = {letter.recipient: letter for letter in Letter.objects.all()}
    assert letters["person"].body.startswith("Dear Alex,")
    assert "received a referral for you" in letters["person"].body
    assert "Thank you for referring" in letters["referrer"].body
    assert letters["referrer"].body.startswith("Dear Priya Nurse,")
    assert "for you" not in letters["referrer"].body
    assert letters["family"].body.startswith("Dear Sam Hale,")
    assert "for you" not in letters["family"].body
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alex@example.org",
        "priya.nurse@example.org",
        "sam@example.org",
    ]


def test_a_referrer_outcome_letter_does_not_say_you_were_added(
    case_manager, referral, django_capture_on_commit_callbacks
):
    from opendsr.register.services.rating import record_rating

    record_rating(
        person=referral.person,
        by=case_manager,
        rating="amber",
        decided_on=dt.date(2027, 3, 1),
        rationale="At risk.",
        referral_id=referral.pk,
    )
    [letter] = services.send_outcome(
        referral=referral, by=case_manager, recipients=["referrer"], method="pdf"
    )
    assert "decided to add you" not in letter.body
    assert f"decided to add {referral.person.given_name} to the dynamic support register" in letter.body


def test_the_acknowledgement_is_offered_by_post_when_the_person_has_no_email(login, case_manager, person):
    referral = ReferralFactory(person=person, referrer_email="")
    page = login(case_manager).get(f"/referrals/{referral.pk}/acknowledge/").content.decode()
    chosen = re.findall(r'<input[^>]*name="method"[^>]*>', page)
    assert [tag for tag in chosen if "checked" in tag] == [tag for tag in chosen if 'value="pdf"' in tag]


def test_the_persons_page_counts_only_letters_that_went(
    login, case_manager, referral, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.referrals.test_sending.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(referral=referral, by=case_manager, recipients=["person"], method="email")
    page = login(case_manager).get(f"/people/{referral.person.pk}/").content.decode()
    assert "1 not sent: the email failed" in page
    assert "1 sent" not in page
