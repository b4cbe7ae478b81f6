"""Sending a letter: written from its template, recorded, and emailed after the record commits (or a PDF)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from opendsr.communication import rules as communication_rules
from opendsr.communication import services as communication
from opendsr.referrals import letters
from opendsr.referrals.models import (
    Letter,
    LetterKind,
    LetterStatus,
    Method,
    Recipient,
    Referral,
)
from opendsr.referrals.services.addressing import letter_address, recipient_address, recipients_for
from opendsr.referrals.services.common import audit_referral, latest_decision, who
from opendsr.referrals.services.templates import template_for
from opendsr.register.models import TimelineEvent
from opendsr.register.timeline import record_event
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _contact(by, icb) -> str:
    name = by.get_full_name() or by.email
    parts = [f"{name}, {icb.name}"]
    if getattr(by, "phone", ""):
        parts.append(f"Phone: {by.phone}")
    parts.append(f"Email: {by.email}")
    return "\n".join(parts)


def letter_values(
    referral: Referral,
    by,
    *,
    recipient: str = Recipient.PERSON,
    decision=None,
    reason: str = "",
    signposting: str = "",
    contact: str = "",
    easy_read: bool = False,
) -> dict:
    person = referral.person
    rating, meaning = letters.RATING_WORDS.get(getattr(decision, "rating", ""), ("", ""))
    if easy_read:
        meaning = letters.EASY_READ_RATING_WORDS.get(getattr(decision, "rating", ""), meaning)
    return {
        "recipient_name": recipient_address(referral, recipient)[0],
        "first_name": person.preferred_name or person.given_name,
        "person_name": person.full_name,
        "referral_date": nhs_date(referral.received_on),
        "referrer_name": referral.referrer_name or "the person who referred you",
        "icb_name": person.icb.name,
        "rating": rating,
        "rating_meaning": meaning,
        "decision_date": nhs_date(decision.decided_on) if decision else "",
        "not_eligible_reason": reason,
        "signposting": signposting,
        # Who to contact: the sender, or for a letter OpenDSR sends itself, the ICB's single point of contact.
        "contact": contact or _contact(by, person.icb),
    }


def preview(
    referral: Referral, kind: str, by, recipient: str = Recipient.PERSON, easy_read: bool = False, **values
) -> letters.RenderedLetter:
    easy_read = easy_read and recipient == Recipient.PERSON
    template = template_for(referral.person.icb, kind, recipient, easy_read)
    return letters.render(
        template.subject,
        template.body,
        letter_values(referral, by, recipient=recipient, easy_read=easy_read, **values),
    )


def easy_read_by_default(referral: Referral) -> bool:
    """Whether the person's letter is the easy read version unless the sender says otherwise: their recorded
    communication needs decide."""
    needs = communication.needs_of(referral.person)
    return communication_rules.version_for(Recipient.PERSON, needs) == communication_rules.EASY_READ


def large_print(letter: Letter) -> bool:
    """Whether the printed letter is in large text: easy read, or a person who reads large print."""
    version = communication_rules.EASY_READ if letter.easy_read else communication_rules.STANDARD
    return communication_rules.large_text(
        letter.recipient, version, communication.needs_of(letter.referral.person)
    )


def log_letter(letter: Letter) -> None:
    """Add a letter that has gone (a PDF when recorded, an email once sent) to the person's communication log."""
    to_address = letter.to_email if letter.method == Method.EMAIL else "\n".join(letter_address(letter)[1:])
    communication.log(
        person=letter.referral.person,
        what=f"Referral letter: {letter.get_kind_display().lower()}",
        method="email" if letter.method == Method.EMAIL else "letter",
        to_whom=letter.recipient,
        to_name=letter.to_name,
        to_address=to_address,
        subject=letter.subject,
        body=letter.body,
        version=communication_rules.EASY_READ if letter.easy_read else communication_rules.STANDARD,
        sent_on=letter.sent_on,
        by=letter.sent_by,
        source=f"referral-letter:{letter.pk}",
    )


def send_letters(
    *, referral, kind, by, recipients, method, sent_on, values, request, easy_read: bool | None = None
) -> list[Letter]:
    """Record a letter to each recipient. A PDF is sent when recorded; an email is queued and sent by a
    background task once this transaction commits (`deliver_letter`). The person's letter is the easy read
    version when `easy_read`, or when it is not given and their communication needs say so."""
    if easy_read is None:
        easy_read = easy_read_by_default(referral)
    offered = recipients_for(referral)
    recipients = [r for r in dict.fromkeys(recipients or []) if r in offered]
    if not recipients:
        raise ValidationError({"recipients": "Choose who the letter is for"})
    if method not in Method.values:
        raise ValidationError({"method": "Choose how to send the letter"})
    queued = referral.letters.filter(kind=kind, status=LetterStatus.QUEUED)
    if method == Method.EMAIL and queued.exists():
        raise ValidationError("This letter is already waiting to be emailed")
    sent = []
    for recipient in recipients:
        name, email = recipient_address(referral, recipient)
        name = " ".join(name.split())[:200]  # one line, even for a name saved with a line break in it
        if method == Method.EMAIL and not email:
            raise ValidationError(
                {
                    "recipients": f"There is no email address for {who(recipient)}. Add one, or download the "
                    "letter as a PDF"
                }
            )
        version_easy = bool(easy_read) and recipient == Recipient.PERSON
        rendered = preview(referral, kind, by, recipient=recipient, easy_read=version_easy, **values)
        letter = Letter.objects.create(
            referral=referral,
            kind=kind,
            recipient=recipient,
            easy_read=version_easy,
            to_name=name,
            to_email=email if method == Method.EMAIL else "",
            subject=rendered.subject,
            body=rendered.body,
            method=method,
            sent_on=sent_on,
            sent_by=by,
            status=LetterStatus.QUEUED if method == Method.EMAIL else LetterStatus.SENT,
        )
        sent.append(letter)
        audit_referral(
            by,
            "letter.queued" if method == Method.EMAIL else "letter.recorded",
            referral,
            f"{letter.get_kind_display()} letter to {who(recipient)} "
            f"({'queued to be emailed' if method == Method.EMAIL else letter.get_method_display().lower()})",
            request,
            letter=letter.pk,
        )
        if method == Method.PDF:
            log_letter(letter)
    if method == Method.EMAIL:
        enqueue([letter.pk for letter in sent])
    return sent


def enqueue(letter_pks: list[int]) -> None:
    # Queued only once the letters are committed, so the task never looks for a letter that is not there yet,
    # and a refusal part way through sends nothing.
    from opendsr.referrals.tasks import send_letter

    for pk in letter_pks:
        transaction.on_commit(partial(send_letter.enqueue, pk))


def deliver_letter(*, letter_pk: int) -> str:
    """Email one queued letter (run by the background task). Whatever the mail system says is recorded on the
    letter: sent, or failed with the reason; only a sent letter meets the acknowledgement or the outcome."""
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("referral", "referral__person", "sent_by")
            .filter(pk=letter_pk)
            .first()
        )
        if letter is None or letter.status != LetterStatus.QUEUED:
            return getattr(letter, "status", "missing")
        try:
            EmailMessage(
                subject=letter.subject,
                body=letter.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[letter.to_email],
            ).send()
        except Exception as error:  # noqa: BLE001 - any failure of the mail system is recorded, not raised
            letter.status = LetterStatus.FAILED
            letter.error = (f"{error}" or type(error).__name__)[:500]
            letter.save(update_fields=["status", "error"])
            audit_referral(
                letter.sent_by,
                "letter.failed",
                letter.referral,
                f"{letter.get_kind_display()} letter to {who(letter.recipient)} could not be emailed",
                letter=letter.pk,
                error=letter.error,
            )
            return letter.status
        letter.status, letter.error = LetterStatus.SENT, ""
        letter.emailed_at, letter.sent_on = timezone.now(), get_today()
        letter.save(update_fields=["status", "error", "emailed_at", "sent_on"])
        log_letter(letter)
        audit_referral(
            letter.sent_by,
            "letter.sent",
            letter.referral,
            f"{letter.get_kind_display()} letter emailed to {who(letter.recipient)}",
            letter=letter.pk,
        )
        letter_sent(letter)
        return letter.status


@transaction.atomic
def retry_letter(*, letter: Letter, by, request=None) -> Letter:
    """Queue a letter whose email failed to be sent again."""
    if letter.status != LetterStatus.FAILED:
        raise ValidationError("Only a letter that could not be sent can be sent again")
    if letter.referral.withdrawn_at is not None:
        raise ValidationError("This referral was withdrawn")
    letter.status = LetterStatus.QUEUED
    letter.save(update_fields=["status"])
    audit_referral(
        by,
        "letter.queued",
        letter.referral,
        "Queued a letter that could not be sent to be emailed again",
        request,
        letter=letter.pk,
    )
    enqueue([letter.pk])
    return letter


def letter_sent(letter: Letter) -> None:
    """A letter has gone: the first acknowledgement meets the acknowledgement; an outcome letter tells the
    outcome of the latest decision."""
    referral, by = letter.referral, letter.sent_by
    if letter.kind == LetterKind.ONLINE_RECEIPT:
        return  # tells the sender it arrived; the acknowledgement is still the ICB's to send
    if letter.kind == LetterKind.ACKNOWLEDGEMENT:
        if referral.acknowledged_on is None:
            referral.acknowledged_on = letter.sent_on
            referral.save(update_fields=["acknowledged_on"])
            record_event(
                person=referral.person,
                type="referral_acknowledged",
                date=letter.sent_on,
                by=by,
                source=referral.source_ref,
            )
        return
    outcome_told(referral, on=letter.sent_on, by=by, source_suffix=f"letter:{letter.pk}")


def already_told(person, decision, by: dt.date) -> bool:
    """Whether the outcome of `decision` was told on or before `by` (a later telling adds nothing)."""
    return TimelineEvent.objects.filter(
        person=person,
        type="outcome_communicated",
        voided_at__isnull=True,
        date__gte=decision.decided_on,
        date__lte=by,
    ).exists()


def outcome_told(referral: Referral, *, on: dt.date, by, source_suffix: str) -> None:
    """The outcome of the referral's latest decision has been told: the referral is closed, and the clock's
    'communicate the outcome' is met (once for each decision)."""
    decision = latest_decision(referral)
    if decision is None or already_told(referral.person, decision, on):
        return
    first = referral.outcome_communicated_on is None
    if first:
        referral.outcome_communicated_on = on
        referral.save(update_fields=["outcome_communicated_on"])
    record_event(
        person=referral.person,
        type="outcome_communicated",
        date=on,
        by=by,
        source=referral.source_ref if first else f"{referral.source_ref}:outcome:{source_suffix}",
    )
