"""Writing referrals and their letters. Each function is one thing a user does, all or nothing."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.referrals import letters
from opendsr.referrals.models import (
    Channel,
    DisputeOutcome,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
    Method,
    Outcome,
    OutcomeCall,
    Recipient,
    Referral,
    Source,
)
from opendsr.register import queries as register_queries
from opendsr.register.models import Carer, DecidedRating, Person, RatingDecision, TimelineEvent
from opendsr.register.services.common import check_date
from opendsr.register.services.people import create_person
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
    "intake_notes",
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
    check_date(
        fields["received_on"],
        field="received_on",
        subject="The date the referral was received",
        born=person.date_of_birth if person is not None else (person_fields or {}).get("date_of_birth"),
    )
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
            matches = register_queries.find_duplicates(
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
        person = create_person(icb=icb, by=by, team=team, request=request, **person_fields)
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


def template_for(icb, kind: str, recipient: str = Recipient.PERSON) -> LetterTemplate:
    """The ICB's template of this kind for this reader; until the DSR lead changes it, the standard wording (not
    yet saved, so reading a letter never writes anything)."""
    template = LetterTemplate.objects.filter(icb=icb, kind=kind, recipient=recipient).first()
    if template is None:
        subject, body = letters.DEFAULTS[(LetterKind(kind), Recipient(recipient))]
        template = LetterTemplate(icb=icb, kind=kind, recipient=recipient, subject=subject, body=body)
    return template


def templates_for(icb) -> list[LetterTemplate]:
    return [
        template_for(icb, kind, recipient) for kind in LetterKind.values for recipient in Recipient.values
    ]


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
        summary=f"Changed the {template.get_kind_display().lower()} letter to {_who(template.recipient)}",
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


def letter_values(
    referral: Referral,
    by,
    *,
    recipient: str = Recipient.PERSON,
    decision=None,
    reason: str = "",
    signposting: str = "",
    contact: str = "",
) -> dict:
    person = referral.person
    rating, meaning = letters.RATING_WORDS.get(getattr(decision, "rating", ""), ("", ""))
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


def family_of(referral: Referral) -> Carer | None:
    """Their family or carer a letter can go to: the first unpaid carer on their record."""
    return referral.person.carers.filter(active=True).order_by("pk").first()


def recipients_for(referral: Referral) -> list[str]:
    """Who a letter about this referral can be for: the person, the referrer when there is one, and their family
    or carer when their record names one."""
    found = [Recipient.PERSON]
    if referral.referrer_name or referral.referrer_email:
        found.append(Recipient.REFERRER)
    if family_of(referral) is not None:
        found.append(Recipient.FAMILY)
    return found


def recipient_address(referral: Referral, recipient: str) -> tuple[str, str]:
    """The name and email address a letter to this recipient goes to."""
    if recipient == Recipient.PERSON:
        return referral.person.full_name, referral.person.email
    if recipient == Recipient.FAMILY:
        carer = family_of(referral)
        if carer is None:
            return "Their family or carer", ""
        contact = (carer.contact or "").strip()
        try:
            validate_email(contact)
        except ValidationError:
            contact = ""
        return carer.name, contact
    return referral.referrer_name or "The referrer", referral.referrer_email


def preview(
    referral: Referral, kind: str, by, recipient: str = Recipient.PERSON, **values
) -> letters.RenderedLetter:
    template = template_for(referral.person.icb, kind, recipient)
    return letters.render(
        template.subject, template.body, letter_values(referral, by, recipient=recipient, **values)
    )


def _who(recipient: str) -> str:
    return Recipient(recipient).label[0].lower() + Recipient(recipient).label[1:]


def _send(*, referral, kind, by, recipients, method, sent_on, values, request) -> list[Letter]:
    """Record a letter to each recipient. A PDF is sent when recorded; an email is queued and sent by a
    background task once this transaction commits (`deliver_letter`)."""
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
                    "recipients": f"There is no email address for {_who(recipient)}. Add one, or download the "
                    "letter as a PDF"
                }
            )
        rendered = preview(referral, kind, by, recipient=recipient, **values)
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
            status=LetterStatus.QUEUED if method == Method.EMAIL else LetterStatus.SENT,
        )
        sent.append(letter)
        _audit(
            by,
            "letter.queued" if method == Method.EMAIL else "letter.recorded",
            referral,
            f"{letter.get_kind_display()} letter to {_who(recipient)} "
            f"({'queued to be emailed' if method == Method.EMAIL else letter.get_method_display().lower()})",
            request,
            letter=letter.pk,
        )
    if method == Method.EMAIL:
        _enqueue([letter.pk for letter in sent])
    return sent


def _enqueue(letter_pks: list[int]) -> None:
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
            _audit(
                letter.sent_by,
                "letter.failed",
                letter.referral,
                f"{letter.get_kind_display()} letter to {_who(letter.recipient)} could not be emailed",
                letter=letter.pk,
                error=letter.error,
            )
            return letter.status
        letter.status, letter.error = LetterStatus.SENT, ""
        letter.emailed_at, letter.sent_on = timezone.now(), get_today()
        letter.save(update_fields=["status", "error", "emailed_at", "sent_on"])
        _audit(
            letter.sent_by,
            "letter.sent",
            letter.referral,
            f"{letter.get_kind_display()} letter emailed to {_who(letter.recipient)}",
            letter=letter.pk,
        )
        _letter_sent(letter)
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
    _audit(
        by,
        "letter.queued",
        letter.referral,
        "Queued a letter that could not be sent to be emailed again",
        request,
        letter=letter.pk,
    )
    _enqueue([letter.pk])
    return letter


def _letter_sent(letter: Letter) -> None:
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
    _outcome_told(referral, on=letter.sent_on, by=by, source_suffix=f"letter:{letter.pk}")


def _already_told(person, decision, by: dt.date) -> bool:
    """Whether the outcome of `decision` was told on or before `by` (a later telling adds nothing)."""
    return TimelineEvent.objects.filter(
        person=person,
        type="outcome_communicated",
        voided_at__isnull=True,
        date__gte=decision.decided_on,
        date__lte=by,
    ).exists()


def _outcome_told(referral: Referral, *, on: dt.date, by, source_suffix: str) -> None:
    """The outcome of the referral's latest decision has been told: the referral is closed, and the clock's
    'communicate the outcome' is met (once for each decision)."""
    decision = latest_decision(referral)
    if decision is None or _already_told(referral.person, decision, on):
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


@transaction.atomic
def acknowledge(
    *,
    referral: Referral,
    by,
    recipients,
    method: str,
    sent_on: dt.date | None = None,
    contact: str = "",
    request=None,
) -> list[Letter]:
    """Acknowledge a referral (000 Part 1: within 5 working days) with a letter to the person, the referrer and
    their family. A PDF acknowledges it when recorded; an email when it has gone. `contact` is who the letter
    says to contact when nobody is sending it (a referral sent online is acknowledged by OpenDSR itself)."""
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
        values={"contact": contact} if contact else {},
        request=request,
    )
    if method == Method.PDF:
        _letter_sent(sent[0])
    return sent


@transaction.atomic
def email_receipt(*, referral: Referral, recipient: str, contact: str, request=None) -> list[Letter]:
    """Email whoever sent a referral online that it arrived, naming the ICB's single point of contact. Sent by
    OpenDSR itself (no user); it meets no obligation."""
    return _send(
        referral=referral,
        kind=LetterKind.ONLINE_RECEIPT,
        by=None,
        recipients=[recipient],
        method=Method.EMAIL,
        sent_on=referral.received_on,
        values={"contact": contact},
        request=request,
    )


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
    rating decision made for this referral on the rating page. A PDF tells it when recorded; an email when it
    has gone."""
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
    referral.save(update_fields=["outcome", "outcome_decided_on", "not_eligible_reason", "signposting"])
    if method == Method.PDF:
        _letter_sent(sent[0])
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
    if not _already_told(person, decision, told_on):
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
