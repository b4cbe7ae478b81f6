"""Given an ICB with three DSR leads and a mail server that refuses the second lead's address, when the monthly
return is made, then the first and third leads are still emailed, the second's failure is recorded, the next
daily run sends the second's email once the server takes it, and no lead is ever emailed twice for a return."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from opendsr.accounts.models import Role
from opendsr.register.models import Rating
from opendsr.register.timeline import record_event
from opendsr.reporting.models import RETURN_EMAIL_TRIES, MonthlyReturn, ReturnEmail
from opendsr.reporting.tasks import monthly_returns

REFUSED: set[str] = set()


class RefusingBackend(EmailBackend):
    """The test mail outbox, refusing any message to an address in REFUSED as a mail server would."""

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & REFUSED:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"Mailbox unavailable")})
        return super().send_messages(messages)


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    REFUSED.clear()
    yield REFUSED
    REFUSED.clear()


@pytest.fixture
def leads(make_user, icb):
    return [make_user(Role.DSR_LEAD, email=f"lead{n}@example.nhs.uk") for n in (1, 2, 3)]


def _run_on(settings, day, capture):
    settings.OPENDSR_TODAY = day
    with capture(execute=True):
        return monthly_returns.enqueue().return_value


def _sent_to():
    return sorted(m.to[0] for m in mail.outbox)


def test_a_refused_address_does_not_stop_the_other_leads_and_is_tried_again_the_next_day(
    icb, leads, make_person, refusing, settings, django_capture_on_commit_callbacks
):
    record_event(
        person=make_person(current_rating=Rating.RED),
        type="stratified",
        date=dt.date(2027, 1, 10),
        data={"rating": "red"},
    )
    refusing.add("lead2@example.nhs.uk")

    assert _run_on(settings, "2027-02-01", django_capture_on_commit_callbacks) == 1
    assert _sent_to() == ["lead1@example.nhs.uk", "lead3@example.nhs.uk"]
    kept = MonthlyReturn.objects.get(icb=icb)
    failed = ReturnEmail.objects.get(monthly_return=kept, lead=leads[1])
    assert failed.sent_at is None and failed.failed_at is not None
    assert "Mailbox unavailable" in failed.error
    assert ReturnEmail.objects.filter(monthly_return=kept, sent_at__isnull=False).count() == 2

    # The next day the server still refuses: tried again, nothing sent, and the others are not sent again.
    assert _run_on(settings, "2027-02-02", django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    failed.refresh_from_db()
    assert failed.tries == 2

    # The day after, the server takes it: only the second lead is emailed, once, and never again.
    refusing.clear()
    assert _run_on(settings, "2027-02-03", django_capture_on_commit_callbacks) == 0
    assert _sent_to() == ["lead1@example.nhs.uk", "lead2@example.nhs.uk", "lead3@example.nhs.uk"]
    assert f"/figures/returns/{kept.pk}/" in mail.outbox[-1].body
    failed.refresh_from_db()
    assert failed.sent_at is not None and failed.error == ""
    _run_on(settings, "2027-02-04", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3


def test_a_lead_who_has_left_is_not_emailed_when_their_email_is_tried_again(
    icb, leads, refusing, settings, django_capture_on_commit_callbacks
):
    refusing.add("lead1@example.nhs.uk")
    _run_on(settings, "2027-02-01", django_capture_on_commit_callbacks)
    assert _sent_to() == ["lead2@example.nhs.uk", "lead3@example.nhs.uk"]
    leads[0].is_active = False
    leads[0].save()
    refusing.clear()
    _run_on(settings, "2027-02-02", django_capture_on_commit_callbacks)
    assert _sent_to() == ["lead2@example.nhs.uk", "lead3@example.nhs.uk"]


def test_the_returns_page_says_which_leads_were_emailed_and_which_not_yet(
    icb, leads, refusing, settings, django_capture_on_commit_callbacks, login
):
    refusing.add("lead2@example.nhs.uk")
    _run_on(settings, "2027-02-01", django_capture_on_commit_callbacks)
    kept = MonthlyReturn.objects.get(icb=icb)
    page = " ".join(login(leads[0]).get(f"/figures/returns/{kept.pk}/").content.decode().split())
    told = page[page.index("Who was told it is ready") :]
    assert told.count(": emailed on ") == 2
    refused = ReturnEmail.objects.get(monthly_return=kept, lead__email="lead2@example.nhs.uk").lead
    assert f"{refused.get_full_name()}: not emailed yet." in told
    assert "it is tried again every day until it goes" in told


def test_an_email_refused_five_days_running_is_given_up_and_the_page_says_to_tell_the_lead_another_way(
    icb, leads, refusing, settings, django_capture_on_commit_callbacks, login
):
    refusing.add("lead2@example.nhs.uk")
    for day in ("2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04"):
        _run_on(settings, day, django_capture_on_commit_callbacks)
    kept = MonthlyReturn.objects.get(icb=icb)
    refused = ReturnEmail.objects.get(monthly_return=kept, lead=leads[1])
    assert (refused.tries, refused.gave_up_at) == (4, None)
    page = " ".join(login(leads[0]).get(f"/figures/returns/{kept.pk}/").content.decode().split())
    assert "it is tried again every day until it goes, up to 1 more time." in page

    with time_machine.travel(dt.datetime(2027, 2, 5, 6, 0, tzinfo=dt.UTC), tick=False):
        _run_on(settings, "2027-02-05", django_capture_on_commit_callbacks)  # the fifth try fails too
    refused.refresh_from_db()
    assert refused.tries == RETURN_EMAIL_TRIES == 5 and refused.gave_up_at is not None

    # Not tried again, even once the server would take it.
    refusing.clear()
    _run_on(settings, "2027-02-08", django_capture_on_commit_callbacks)
    refused.refresh_from_db()
    assert refused.tries == 5 and refused.sent_at is None
    assert _sent_to() == ["lead1@example.nhs.uk", "lead3@example.nhs.uk"]

    page = " ".join(login(leads[0]).get(f"/figures/returns/{kept.pk}/").content.decode().split())
    told = page[page.index("Who was told it is ready") :]
    name = refused.lead.get_full_name()
    assert f"We could not email {name} after 5 tries." in told
    assert "The last try was on 5 February 2027 and we will not try again." in told
    assert "Let them know another way that this return is ready." in told
    assert "not emailed yet" not in told
