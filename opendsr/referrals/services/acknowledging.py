"""Acknowledging a referral, and telling whoever sent one online that it arrived."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.referrals.models import (
    Letter,
    LetterKind,
    Method,
    Referral,
)
from opendsr.referrals.services.common import not_in_future
from opendsr.referrals.services.sending import letter_sent, send_letters
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


@transaction.atomic
def acknowledge(
    *,
    referral: Referral,
    by,
    recipients,
    method: str,
    sent_on: dt.date | None = None,
    contact: str = "",
    easy_read: bool | None = None,
    request=None,
) -> list[Letter]:
    """Acknowledge a referral (000 Part 1: within 5 working days) with a letter to the person, the referrer and
    their family. A PDF acknowledges it when recorded; an email when it has gone. `contact` is who the letter
    says to contact when nobody is sending it (a referral sent online is acknowledged by OpenDSR itself)."""
    sent_on = sent_on or get_today()
    not_in_future(sent_on, "sent_on", "The date it was sent")
    if referral.withdrawn_at is not None:
        raise ValidationError("This referral was withdrawn")
    if referral.acknowledged_on is not None:
        raise ValidationError(
            f"This referral was already acknowledged on {nhs_date(referral.acknowledged_on)}"
        )
    if sent_on < referral.received_on:
        raise ValidationError({"sent_on": "The acknowledgement cannot be before the referral was received"})
    sent = send_letters(
        referral=referral,
        kind=LetterKind.ACKNOWLEDGEMENT,
        by=by,
        recipients=recipients,
        method=method,
        sent_on=sent_on,
        values={"contact": contact} if contact else {},
        request=request,
        easy_read=easy_read,
    )
    if method == Method.PDF:
        letter_sent(sent[0])
    return sent


@transaction.atomic
def email_receipt(*, referral: Referral, recipient: str, contact: str, request=None) -> list[Letter]:
    """Email whoever sent a referral online that it arrived, naming the ICB's single point of contact. Sent by
    OpenDSR itself (no user); it meets no obligation."""
    return send_letters(
        referral=referral,
        kind=LetterKind.ONLINE_RECEIPT,
        by=None,
        recipients=[recipient],
        method=Method.EMAIL,
        sent_on=referral.received_on,
        values={"contact": contact},
        request=request,
    )
