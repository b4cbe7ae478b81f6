"""Writing referrals and their letters. Each function is one thing a user does, all or nothing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.referrals import letters
from opendsr.referrals.models import (
    Channel,
    DisputeOutcome,
    Letter,
    LetterKind,
    LetterTemplate,
    Method,
    Outcome,
    OutcomeCall,
    Recipient,
    Referral,
    Source,
)
from opendsr.register import services as register_services
from opendsr.register.models import DecidedRating, Person, RatingDecision
from opendsr.register.timeline import record_event, void_events
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today
from opendsr.web.validators import has_line_break

REFERRAL_FIELDS = {
    "received_on",
    "source",
    "channel",
    "referrer_name",
    "referrer_role",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "referrer_address",
    "reason",
    "triggers",
    "risk_factors",
    "person_agrees",
    "family_agrees",
}


def _not_in_future(value: dt.date | None, field: str, label: str, *, required: bool = True) -> None:
    if value is None:
        if required:
            raise ValidationError({field: f"Enter {label.lower()}"})
        return
    if value > get_today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def _audit(by, action, referral, summary, request=None, **detail):
    audit.record(
        by,
        action,
        person=referral.person,
        summary=summary,
        detail={"referral": referral.pk, **detail},
        request=request,
    )


# ------------------------------------------------------------------------------------------- the referral


@transaction.atomic
def record_referral(
    *,
    icb,
    by,
    person: Person | None = None,
    person_fields: dict | None = None,
    team=None,
    allow_duplicate: bool = False,
    request=None,
    **fields,
) -> Referral:
    """Record a referral, for a person already on the register or a new one. A new person is only created
    when nobody on the register has their NHS number, or their name and date of birth, unless the user has
    looked at the possible matches and said this is someone else (`allow_duplicate`)."""
    unknown = set(fields) - REFERRAL_FIELDS
    if unknown:
        raise TypeError(f"unknown referral fields: {', '.join(sorted(unknown))}")
    _not_in_future(fields.get("received_on"), "received_on", "The date the referral was received")
    if fields.get("source") not in Source.values:
        raise ValidationError({"source": "Choose who made the referral"})
    if fields.get("channel") not in Channel.values:
        raise ValidationError({"channel": "Choose how the referral was received"})
    if not (fields.get("reason") or "").strip():
        raise ValidationError({"reason": "Enter why they are being referred"})
    if person is not None and person.icb_id != icb.pk:
        raise ValidationError("This person is on another integrated care board's register")
    if person is None:
        person_fields = dict(person_fields or {})
        if not allow_duplicate:
            matches = register_services.find_duplicates(
                icb=icb,
                nhs_number=person_fields.get("nhs_number"),
                family_name=person_fields.get("family_name"),
                given_name=person_fields.get("given_name"),
                date_of_birth=person_fields.get("date_of_birth"),
            )
            if matches:
                raise ValidationError(
                    "This person may already be on the register. Choose them, or say they are someone else."
                )
        person = register_services.create_person(icb=icb, by=by, team=team, request=request, **person_fields)
    referral = Referral.objects.create(person=person, recorded_by=by, **fields)
    record_event(
        person=person,
        type="referral_received",
        date=referral.received_on,
        by=by,
        data={"source": referral.source},
        source=referral.source_ref,
    )
    _audit(
        by,
        "referral.recorded",
        referral,
        f"Recorded a referral from {referral.get_source_display().lower()} received "
        f"{nhs_date(referral.received_on)}",
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
    _audit(by, "referral.withdrawn", referral, f"Withdrew the referral: {reason}"[:300], request)
    return referral


# -------------------------------------------------------------------------------------------- the letters


def template_for(icb, kind: str) -> LetterTemplate:
    """The ICB's template of this kind; until the DSR lead changes it, the default wording (not yet saved, so
    reading a letter never writes anything)."""
    template = LetterTemplate.objects.filter(icb=icb, kind=kind).first()
    if template is None:
        subject, body = letters.DEFAULTS[LetterKind(kind)]
        template = LetterTemplate(icb=icb, kind=kind, subject=subject, body=body)
    return template


def templates_for(icb) -> list[LetterTemplate]:
    return [template_for(icb, kind) for kind in LetterKind.values]


@transaction.atomic
def update_template(*, template: LetterTemplate, by, subject: str, body: str, request=None) -> LetterTemplate:
    problems = {}
    for field, text, label in (("subject", subject, "The subject"), ("body", body, "The letter")):
        if not (text or "").strip():
            problems[field] = f"Enter {label.lower()}"
            continue
        found = letters.template_problems(text, label)
        if field == "subject" and has_line_break(text.strip()):
            found.insert(0, "The subject must be on one line")
        if field == "subject" and len(text.strip()) > letters.MAX_SUBJECT:
            found.insert(0, f"The subject must be {letters.MAX_SUBJECT} characters or fewer")
        if field == "body" and len(text.strip()) > letters.MAX_TEMPLATE:
            found.insert(0, f"The letter must be {letters.MAX_TEMPLATE:,} characters or fewer")
        if found:
            problems[field] = found
    if problems:
        raise ValidationError(problems)
    template.subject, template.body, template.updated_by = subject.strip(), body.strip(), by
    template.save()
    audit.record(
        by,
        "letter_template.changed",
        summary=f"Changed the {template.get_kind_display().lower()} letter",
        detail={"template": template.pk},
        request=request,
    )
    return template


def latest_decision(referral: Referral) -> RatingDecision | None:
    return (
        RatingDecision.objects.filter(person=referral.person, referral_id=referral.pk)
        .order_by("-decided_on", "-pk")
        .first()
    )


def _contact(by, icb) -> str:
    name = by.get_full_name() or by.email
    parts = [f"{name}, {icb.name}"]
    if getattr(by, "phone", ""):
        parts.append(f"Phone: {by.phone}")
    parts.append(f"Email: {by.email}")
    return "\n".join(parts)


def letter_values(referral: Referral, by, *, decision=None, reason: str = "", signposting: str = "") -> dict:
    person = referral.person
    rating, meaning = letters.RATING_WORDS.get(getattr(decision, "rating", ""), ("", ""))
    return {
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
        "contact": _contact(by, person.icb),
    }


def recipient_address(referral: Referral, recipient: str) -> tuple[str, str]:
    """The name and email address a letter to this recipient goes to."""
    if recipient == Recipient.PERSON:
        return referral.person.full_name, referral.person.email
    return referral.referrer_name or "The referrer", referral.referrer_email


def preview(referral: Referral, kind: str, by, **values) -> letters.RenderedLetter:
    template = template_for(referral.person.icb, kind)
    return letters.render(template.subject, template.body, letter_values(referral, by, **values))


def _send(*, referral, kind, by, recipients, method, sent_on, values, request) -> list[Letter]:
    recipients = [r for r in dict.fromkeys(recipients or []) if r in Recipient.values]
    if not recipients:
        raise ValidationError({"recipients": "Choose who the letter is for"})
    if method not in Method.values:
        raise ValidationError({"method": "Choose how to send the letter"})
    rendered = preview(referral, kind, by, **values)
    sent = []
    for recipient in recipients:
        name, email = recipient_address(referral, recipient)
        if method == Method.EMAIL and not email:
            who = "the person" if recipient == Recipient.PERSON else "the referrer"
            raise ValidationError(
                {
                    "recipients": f"There is no email address for {who}. Add one, or download the letter as a PDF"
                }
            )
        letter = Letter.objects.create(
            referral=referral,
            kind=kind,
            recipient=recipient,
            to_name=name,
            to_email=email if method == Method.EMAIL else "",
            subject=rendered.subject,
            body=rendered.body,
            method=method,
            sent_on=sent_on,
            sent_by=by,
        )
        sent.append(letter)
    if method == Method.EMAIL:
        # Sent after every letter is recorded, and only once the transaction commits, so a refusal part way
        # through never leaves an email out in the world that the record does not show.
        def deliver(letters_=tuple(sent)):
            for letter in letters_:
                EmailMessage(
                    subject=letter.subject,
                    body=letter.body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[letter.to_email],
                ).send()

        transaction.on_commit(deliver)
    for letter in sent:
        _audit(
            by,
            "letter.sent" if method == Method.EMAIL else "letter.recorded",
            referral,
            f"{letter.get_kind_display()} letter to {letter.get_recipient_display().lower()} "
            f"({letter.get_method_display().lower()})",
            request,
            letter=letter.pk,
        )
    return sent


@transaction.atomic
def acknowledge(
    *, referral: Referral, by, recipients, method: str, sent_on: dt.date | None = None, request=None
) -> list[Letter]:
    """Acknowledge a referral (000 Part 1: within 5 working days) with a letter to the person and/or the referrer."""
    sent_on = sent_on or get_today()
    _not_in_future(sent_on, "sent_on", "The date it was sent")
    if referral.withdrawn_at is not None:
        raise ValidationError("This referral was withdrawn")
    if referral.acknowledged_on is not None:
        raise ValidationError(
            f"This referral was already acknowledged on {nhs_date(referral.acknowledged_on)}"
        )
    if sent_on < referral.received_on:
        raise ValidationError({"sent_on": "The acknowledgement cannot be before the referral was received"})
    sent = _send(
        referral=referral,
        kind=LetterKind.ACKNOWLEDGEMENT,
        by=by,
        recipients=recipients,
        method=method,
        sent_on=sent_on,
        values={},
        request=request,
    )
    referral.acknowledged_on = sent_on
    referral.save(update_fields=["acknowledged_on"])
    record_event(
        person=referral.person, type="referral_acknowledged", date=sent_on, by=by, source=referral.source_ref
    )
    return sent


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
    request=None,
) -> list[Letter]:
    """Tell the person and the referrer the outcome (s5: within 24 hours of the decision). The outcome is the
    rating decision made for this referral on the rating page."""
    sent_on = sent_on or get_today()
    _not_in_future(sent_on, "sent_on", "The date it was sent")
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
    sent = _send(
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
    )
    referral.outcome = Outcome.ELIGIBLE if eligible else Outcome.NOT_ELIGIBLE
    referral.outcome_decided_on = decision.decided_on
    referral.not_eligible_reason = "" if eligible else not_eligible_reason.strip()
    referral.signposting = "" if eligible else signposting.strip()
    first = referral.outcome_communicated_on is None
    referral.outcome_communicated_on = referral.outcome_communicated_on or sent_on
    referral.save(
        update_fields=[
            "outcome",
            "outcome_decided_on",
            "not_eligible_reason",
            "signposting",
            "outcome_communicated_on",
        ]
    )
    record_event(
        person=referral.person,
        type="outcome_communicated",
        date=sent_on,
        by=by,
        source=referral.source_ref if first else f"{referral.source_ref}:outcome:{sent[0].pk}",
    )
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
) -> OutcomeCall:
    """Record that the outcome of a rating decision was told by phone (000 Part 1: "by letter, email or
    phone"), which meets the 'communicate the outcome' obligation. The decision is the one given, else the
    referral's latest, else the person's latest."""
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
    call = OutcomeCall.objects.create(
        person=person,
        decision=decision,
        referral=referral,
        told_on=told_on,
        told_who=told_who,
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
    record_event(person=person, type="outcome_communicated", date=told_on, by=by, source=source)
    audit.record(
        by,
        "outcome.told_by_phone",
        person=person,
        summary=f"Told {told_who} the outcome by phone on {nhs_date(told_on)}"[:300],
        detail={"decision": decision.pk, "referral": getattr(referral, "pk", None), "call": call.pk},
        request=request,
    )
    return call


# -------------------------------------------------------------------------------------------- disputes


@transaction.atomic
def record_dispute(*, referral: Referral, by, disputed_on: dt.date, grounds: str, request=None) -> Referral:
    _not_in_future(disputed_on, "disputed_on", "The date it was disputed")
    if referral.outcome_communicated_on is None:
        raise ValidationError("A decision can be disputed once its outcome has been sent")
    if disputed_on < referral.outcome_communicated_on:
        raise ValidationError({"disputed_on": "The dispute cannot be before the outcome was sent"})
    if not (grounds or "").strip():
        raise ValidationError({"grounds": "Enter why they disagree with the decision"})
    referral.disputed_on, referral.dispute_grounds = disputed_on, grounds.strip()
    referral.dispute_outcome, referral.dispute_decided_on, referral.dispute_notes = "", None, ""
    referral.save()
    _audit(by, "referral.disputed", referral, "Recorded that the decision is disputed", request)
    return referral


@transaction.atomic
def decide_dispute(
    *, referral: Referral, by, outcome: str, decided_on: dt.date, notes: str = "", request=None
) -> Referral:
    if referral.disputed_on is None:
        raise ValidationError("There is no dispute to decide")
    if outcome not in (DisputeOutcome.UPHELD, DisputeOutcome.NOT_UPHELD):
        raise ValidationError({"outcome": "Choose the outcome of the dispute"})
    _not_in_future(decided_on, "decided_on", "The date of the decision")
    if decided_on < referral.disputed_on:
        raise ValidationError({"decided_on": "The decision cannot be before the dispute was made"})
    if not (notes or "").strip():
        raise ValidationError({"notes": "Explain the decision, as you will explain it to them"})
    referral.dispute_outcome, referral.dispute_decided_on = outcome, decided_on
    referral.dispute_notes = notes.strip()
    referral.save()
    _audit(
        by,
        "referral.dispute_decided",
        referral,
        f"Decided the dispute: {referral.get_dispute_outcome_display().lower()}",
        request,
    )
    return referral
