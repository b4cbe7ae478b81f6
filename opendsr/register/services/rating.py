"""Writes about a person's rating: the risk stratification decision, and telling them and their family the outcome."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.policy import band, joining, score
from opendsr.policy.dates import long_date
from opendsr.register.models import (
    DecidedRating,
    InstrumentVersion,
    OutcomeCommunication,
    Person,
    RatingDecision,
    RegisterStatus,
    ToldBy,
)
from opendsr.register.services.common import check_date, record_audit
from opendsr.register.services.consent import consent_in_force
from opendsr.register.services.instruments import saved_instrument
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today
from opendsr.web.validators import has_line_break

# Ratings that put a person on the register (s4, Table 1); blue is set while they are an inpatient.
ON_REGISTER_RATINGS = frozenset(DecidedRating(rating) for rating in joining.ON_REGISTER_RATINGS)
# Ratings the policy clock reads as a `stratified` event (blue follows from an admission, not a decision).
CLOCK_RATINGS = frozenset(
    {DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN, DecidedRating.NOT_ELIGIBLE}
)
# The code of the refusal of a rating that would add someone to the register without consent (s2.4).
CONSENT_NEEDED = "consent_needed"


def rating_effect(person: Person, rating: str, decided_on: dt.date) -> joining.RatingEffect:
    """What this rating does to the person's place on the register (`opendsr.policy.joining`), from their status
    and rating now and whether consent to be on it stands on the day."""
    return joining.rating_effect(
        rating=rating,
        decided_on=decided_on,
        rated_on=person.rating_decided_on,
        on_register=person.status == RegisterStatus.ACTIVE,
        consent_in_force=lambda: consent_in_force(person, decided_on),  # asked only when it would add them
    )


def _consent_needed(person: Person, decided_on: dt.date) -> ValidationError:
    return ValidationError(
        f"{person.given_name} cannot be rated onto the register without consent to be on it, or a recorded "
        "best-interests decision under the Mental Capacity Act 2005: none is recorded on or before "
        f"{long_date(decided_on)}. Record consent or the decision first",
        code=CONSENT_NEEDED,
        params={"link": ("register:consent", person.pk)},
    )


def consent_refusal(person: Person, rating: str, decided_on: dt.date) -> ValidationError | None:
    """Why this rating cannot be recorded, when it would add the person to the register with no consent to be on
    it standing on the day, given by them or for them, or as a best interests decision (s2.4, s2.4.1). The page
    links it to where consent is recorded, for those who may record it."""
    if not rating_effect(person, rating, decided_on).needs_consent:
        return None
    return _consent_needed(person, decided_on)


@transaction.atomic
def record_rating(
    *,
    person: Person,
    by,
    rating: str,
    decided_on: dt.date,
    rationale: str,
    person_view: str = "",
    family_view: str = "",
    professional_judgement: str = "",
    instrument: InstrumentVersion | None = None,
    answers: dict | None = None,
    shared_with_person: bool = False,
    shared_with_referrer: bool = False,
    referral_id: int | None = None,
    request=None,
) -> RatingDecision:
    """Record a stratification decision (s4). The instrument's score suggests a rating; the professional
    decides, and explains when their decision differs from the suggestion."""
    if rating not in DecidedRating.values:
        raise ValidationError({"rating": "Choose a rating"})
    check_date(decided_on, field="decided_on", subject="The date of the decision", person=person)
    effect = rating_effect(person, rating, decided_on)
    if effect.needs_consent:
        # s2.4: no name is added to the register without consent, or a best interests decision (s2.4.1).
        raise ValidationError({"rating": _consent_needed(person, decided_on)})
    total = suggested = None
    answers = dict(answers or {})
    if instrument is not None:
        instrument = saved_instrument(instrument)
        try:
            total = score(instrument.data, answers)
            suggested = band(instrument.data, total)
        except ValueError as error:
            raise ValidationError(
                {"answers": f"Answer every question in the instrument ({error})"}
            ) from error
    if suggested and suggested != rating:
        missing = {}
        if not (professional_judgement or "").strip():
            missing["professional_judgement"] = "Give your professional judgement of the risk"
        if not (rationale or "").strip():
            missing["rationale"] = "Explain why your rating is different from the rating the score suggests"
        if missing:
            raise ValidationError(missing)
    decision = RatingDecision.objects.create(
        person=person,
        rating=rating,
        decided_on=decided_on,
        decided_by=by,
        person_view=person_view,
        family_view=family_view,
        instrument=instrument,
        answers=answers,
        score=total,
        suggested_rating=suggested or "",
        professional_judgement=professional_judgement,
        rationale=rationale or "",
        shared_with_person=shared_with_person,
        shared_with_referrer=shared_with_referrer,
        referral_id=referral_id,
    )
    if effect.becomes_their_rating:
        person.current_rating = rating
        person.rating_decided_on = decided_on
        person.status = RegisterStatus.ACTIVE
        person.save(update_fields=["current_rating", "rating_decided_on", "status", "updated_at"])
    if rating in CLOCK_RATINGS:
        record_event(
            person=person,
            type="stratified",
            date=decided_on,
            by=by,
            data={"rating": rating},
            source=f"rating:{decision.pk}",
        )
    record_audit(
        by,
        "rating.recorded",
        person=person,
        summary=f"Rated {decision.get_rating_display().lower()}"
        + (f" (score {total}, suggested {suggested})" if total is not None else ""),
        detail={"rating": rating, "score": total, "suggested": suggested, "decision": decision.pk},
        request=request,
    )
    return decision


@transaction.atomic
def record_outcome_told(
    *,
    decision: RatingDecision,
    by,
    method: str,
    told_on: dt.date,
    told_person: bool,
    told_referrer: bool,
    who: str = "",
    notes: str = "",
    request=None,
) -> OutcomeCommunication:
    """The person and the referrer were told a rating decision, by letter, email or phone (s4; 000 Part 1:
    within 24 hours). This is the clock's `outcome_communicated`, which meets the obligation the decision
    raised. A phone call names who was spoken to."""
    problems = {}
    if method not in ToldBy.values:
        problems["method"] = "Choose how you told them"
    if told_on is None:
        problems["told_on"] = "Enter the date you told them"
    elif told_on > get_today():
        problems["told_on"] = "The date you told them must be today or in the past"
    elif told_on < decision.decided_on:
        problems["told_on"] = "The date you told them cannot be before the rating was decided"
    if not (told_person or told_referrer):
        problems["told_whom"] = "Choose who you told"
    who = (who or "").strip()
    if method == ToldBy.PHONE and not who:
        problems["who"] = "Enter who you spoke to on the phone"
    elif has_line_break(who):
        problems["who"] = "Who you told must be on one line"
    elif len(who) > 300:
        problems["who"] = "Who you told must be 300 characters or fewer"
    if problems:
        raise ValidationError(problems)
    told = OutcomeCommunication.objects.create(
        person=decision.person,
        decision=decision,
        method=method,
        told_on=told_on,
        told_person=bool(told_person),
        told_referrer=bool(told_referrer),
        who=who,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    decision.shared_with_person = decision.shared_with_person or bool(told_person)
    decision.shared_with_referrer = decision.shared_with_referrer or bool(told_referrer)
    decision.save(update_fields=["shared_with_person", "shared_with_referrer"])
    record_event(
        person=decision.person,
        type="outcome_communicated",
        date=told_on,
        by=by,
        source=told.source_ref,
        notes=f"{told.get_method_display()}" + (f": {who}" if who else ""),
    )
    record_audit(
        by,
        "rating.outcome_told",
        person=decision.person,
        summary=f"Told the {decision.get_rating_display().lower()} rating by {told.get_method_display().lower()}",
        detail={"decision": decision.pk, "method": method, "told": told.pk},
        request=request,
    )
    return told


# ------------------------------------------------------------------------------------------------ consent
