"""Telling the outcome of the decision: by letter or email, or recorded as told by phone."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.communication import services as communication
from opendsr.referrals.models import (
    Letter,
    LetterKind,
    Method,
    Outcome,
    Referral,
)
from opendsr.referrals.services.common import latest_decision, not_in_future
from opendsr.referrals.services.sending import already_told, letter_sent, send_letters
from opendsr.register.models import DecidedRating, OutcomeCommunication, Person, RatingDecision, ToldBy
from opendsr.register.timeline import record_event
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today
from opendsr.web.validators import has_line_break


@transaction.atomic
def send_outcome(
    *,
    referral: Referral,
    by,
    recipients,
    method: str,
    sent_on: dt.date | None = None,
    not_eligible_reason: str = "",
    signposting: str = "",
    easy_read: bool | None = None,
    request=None,
) -> list[Letter]:
    """Tell the person and the referrer the outcome (s5: within 24 hours of the decision). The outcome is the
    rating decision made for this referral on the rating page. A PDF tells it when recorded; an email when it
    has gone."""
    sent_on = sent_on or get_today()
    not_in_future(sent_on, "sent_on", "The date it was sent")
    if referral.withdrawn_at is not None:
        raise ValidationError("This referral was withdrawn")
    decision = latest_decision(referral)
    if decision is None:
        raise ValidationError("Decide their rating before you send the outcome")
    if sent_on < decision.decided_on:
        raise ValidationError({"sent_on": "The outcome cannot be sent before the decision was made"})
    eligible = decision.rating != DecidedRating.NOT_ELIGIBLE
    if not eligible:
        problems = {}
        if not (not_eligible_reason or "").strip():
            problems["not_eligible_reason"] = "Explain, in plain words, why they are not eligible"
        if not (signposting or "").strip():
            problems["signposting"] = "Say who else can help them: there is no wrong door"
        if problems:
            raise ValidationError(problems)
    kind = LetterKind.OUTCOME_ELIGIBLE if eligible else LetterKind.OUTCOME_NOT_ELIGIBLE
    sent = send_letters(
        referral=referral,
        kind=kind,
        by=by,
        recipients=recipients,
        method=method,
        sent_on=sent_on,
        values={
            "decision": decision,
            "reason": (not_eligible_reason or "").strip(),
            "signposting": (signposting or "").strip(),
        },
        request=request,
        easy_read=easy_read,
    )
    referral.outcome = Outcome.ELIGIBLE if eligible else Outcome.NOT_ELIGIBLE
    referral.outcome_decided_on = decision.decided_on
    referral.not_eligible_reason = "" if eligible else not_eligible_reason.strip()
    referral.signposting = "" if eligible else signposting.strip()
    referral.save(update_fields=["outcome", "outcome_decided_on", "not_eligible_reason", "signposting"])
    if method == Method.PDF:
        letter_sent(sent[0])
    return sent


@transaction.atomic
def record_outcome_by_phone(
    *,
    person: Person,
    by,
    told_on: dt.date | None,
    told_who: str,
    decision: RatingDecision | None = None,
    referral: Referral | None = None,
    notes: str = "",
    request=None,
) -> OutcomeCommunication:
    """Record that the outcome of a rating decision was told by phone (000 Part 1: "by letter, email or
    phone"), which meets the 'communicate the outcome' obligation. The decision is the one given, else the
    referral's latest, else the person's latest. It is kept with the tellings recorded on the rating page."""
    if referral is not None:
        if referral.person_id != person.pk:
            raise ValidationError("This referral is about someone else")
        if referral.withdrawn_at is not None:
            raise ValidationError("This referral was withdrawn")
        decision = decision or latest_decision(referral)
    decision = decision or RatingDecision.objects.filter(person=person).order_by("-decided_on", "-pk").first()
    if decision is None or decision.person_id != person.pk:
        raise ValidationError("Decide their rating before you tell them the outcome")
    problems = {}
    if told_on is None:
        problems["told_on"] = "Enter the date you told them"
    elif told_on > get_today():
        problems["told_on"] = "The date you told them must be today or in the past"
    elif told_on < decision.decided_on:
        problems["told_on"] = (
            f"The date you told them cannot be before the decision was made ({nhs_date(decision.decided_on)})"
        )
    told_who = (told_who or "").strip()
    if not told_who:
        problems["told_who"] = "Enter who you told, for example the person and the referrer"
    elif has_line_break(told_who):
        problems["told_who"] = "Who you told must be on one line"
    elif len(told_who) > 300:
        problems["told_who"] = "Who you told must be 300 characters or fewer"
    if problems:
        raise ValidationError(problems)
    call = OutcomeCommunication.objects.create(
        person=person,
        decision=decision,
        referral_id=getattr(referral, "pk", None),
        method=ToldBy.PHONE,
        told_on=told_on,
        who=told_who,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    source = call.source_ref
    if referral is not None:
        eligible = decision.rating != DecidedRating.NOT_ELIGIBLE
        referral.outcome = Outcome.ELIGIBLE if eligible else Outcome.NOT_ELIGIBLE
        referral.outcome_decided_on = decision.decided_on
        if referral.outcome_communicated_on is None:
            referral.outcome_communicated_on = told_on
            source = referral.source_ref
        referral.save(update_fields=["outcome", "outcome_decided_on", "outcome_communicated_on"])
    if not already_told(person, decision, told_on):
        record_event(person=person, type="outcome_communicated", date=told_on, by=by, source=source)
    communication.log(
        person=person,
        what=f"Outcome told: {decision.get_rating_display().lower()}",
        method="phone",
        to_whom="other",
        to_name=told_who,
        body=call.notes,
        sent_on=told_on,
        by=by,
        source=call.source_ref,  # the log shows this copy, not the telling again
    )
    audit.record(
        by,
        "outcome.told_by_phone",
        person=person,
        summary=f"Told {told_who} the outcome by phone on {nhs_date(told_on)}"[:300],
        detail={"decision": decision.pk, "referral": getattr(referral, "pk", None), "call": call.pk},
        request=request,
    )
    return call
