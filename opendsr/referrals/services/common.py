"""What every step of a referral shares: date checks, the audit line, the latest decision, who a letter is to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from opendsr.accounts import audit
from opendsr.referrals.models import Recipient, Referral
from opendsr.register.models import RatingDecision
from opendsr.web.today import today as get_today


def not_in_future(value: dt.date | None, field: str, label: str, *, required: bool = True) -> None:
    if value is None:
        if required:
            raise ValidationError({field: f"Enter {label.lower()}"})
        return
    if value > get_today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def audit_referral(by, action, referral, summary, request=None, **detail):
    audit.record(
        by,
        action,
        person=referral.person,
        summary=summary,
        detail={"referral": referral.pk, **detail},
        request=request,
    )


def latest_decision(referral: Referral) -> RatingDecision | None:
    return (
        RatingDecision.objects.filter(person=referral.person, referral_id=referral.pk)
        .order_by("-decided_on", "-pk")
        .first()
    )


def who(recipient: str) -> str:
    """The recipient in the middle of a sentence: "the person", "their family or carer", "the referrer"."""
    return Recipient(recipient).label[0].lower() + Recipient(recipient).label[1:]
