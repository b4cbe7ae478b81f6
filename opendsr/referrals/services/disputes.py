"""A decision disputed and the dispute decided; a referral recorded in error withdrawn."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.referrals.models import (
    DisputeOutcome,
    Referral,
)
from opendsr.referrals.services.common import audit_referral, not_in_future
from opendsr.register.timeline import void_events


@transaction.atomic
def record_dispute(*, referral: Referral, by, disputed_on: dt.date, grounds: str, request=None) -> Referral:
    not_in_future(disputed_on, "disputed_on", "The date it was disputed")
    if referral.outcome_communicated_on is None:
        raise ValidationError("A decision can be disputed once its outcome has been sent")
    if disputed_on < referral.outcome_communicated_on:
        raise ValidationError({"disputed_on": "The dispute cannot be before the outcome was sent"})
    if not (grounds or "").strip():
        raise ValidationError({"grounds": "Enter why they disagree with the decision"})
    referral.disputed_on, referral.dispute_grounds = disputed_on, grounds.strip()
    referral.dispute_outcome, referral.dispute_decided_on, referral.dispute_notes = "", None, ""
    referral.save()
    audit_referral(by, "referral.disputed", referral, "Recorded that the decision is disputed", request)
    return referral


@transaction.atomic
def decide_dispute(
    *, referral: Referral, by, outcome: str, decided_on: dt.date, notes: str = "", request=None
) -> Referral:
    if referral.disputed_on is None:
        raise ValidationError("There is no dispute to decide")
    if outcome not in (DisputeOutcome.UPHELD, DisputeOutcome.NOT_UPHELD):
        raise ValidationError({"outcome": "Choose the outcome of the dispute"})
    not_in_future(decided_on, "decided_on", "The date of the decision")
    if decided_on < referral.disputed_on:
        raise ValidationError({"decided_on": "The decision cannot be before the dispute was made"})
    if not (notes or "").strip():
        raise ValidationError({"notes": "Explain the decision, as you will explain it to them"})
    referral.dispute_outcome, referral.dispute_decided_on = outcome, decided_on
    referral.dispute_notes = notes.strip()
    referral.save()
    audit_referral(
        by,
        "referral.dispute_decided",
        referral,
        f"Decided the dispute: {referral.get_dispute_outcome_display().lower()}",
        request,
    )
    return referral


@transaction.atomic
def withdraw_referral(*, referral: Referral, by, reason: str, request=None) -> Referral:
    """A referral recorded in error: kept, marked withdrawn, and its clock events voided."""
    if referral.withdrawn_at is not None:
        raise ValidationError("This referral has already been withdrawn")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the referral is being withdrawn"})
    referral.withdrawn_at = timezone.now()
    referral.withdrawn_reason = reason.strip()[:300]
    referral.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    void_events(person=referral.person, source=referral.source_ref, reason=f"Referral withdrawn: {reason}")
    audit_referral(by, "referral.withdrawn", referral, f"Withdrew the referral: {reason}"[:300], request)
    return referral
