"""Writes for the referrals the public send online: a person or their family (the question pages), and a
professional once they have confirmed their work email address (`professional`).

An online referral goes through the referrals app's own `record_referral`, so it lands in the ICB's inbox with
every referral clock running (acknowledge it, stratify it), and is checked for duplicates as any referral is.
What the public form shows is the same whatever the check finds: it never says whether someone is already on
the register."""

from __future__ import annotations

import re
import secrets

from django.db import transaction

from opendsr.accounts import audit
from opendsr.public.forms import NEEDS, SIGNS
from opendsr.public.models import FrontDoor, OnlineReferral
from opendsr.public.rules import Refusal
from opendsr.referrals import services as referrals
from opendsr.referrals.models import Channel, Recipient, Source
from opendsr.register import queries as register_queries
from opendsr.register.models import Location
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today

REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone
PREFERRED = {
    "phone": "by phone",
    "email": "by email",
    "letter": "by letter",
    "through_me": "through the family member or carer who referred them",
}
AGREES = {"yes": True, "no": False, "not_sure": None, True: True, False: False}


# ------------------------------------------------------------------------------------------ online referrals


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_LETTERS) for _ in range(8))
        reference = f"{code[:4]}-{code[4:]}"
        if not OnlineReferral.objects.filter(reference=reference).exists():
            return reference


def _communication(answers: dict) -> str:
    labels = dict(NEEDS)
    needs = [labels[need] for need in answers.get("needs") or [] if need in labels]
    if answers.get("language"):
        needs.append(f"Language: {answers['language']}")
    if answers.get("other_needs"):
        needs.append(answers["other_needs"])
    preferred = PREFERRED.get(answers.get("preferred"), "")
    if preferred:
        needs.append(f"Prefers contact {preferred}")
    return ". ".join(needs)


def _match(icb, answers: dict):
    """The one person already on the register this referral is about, or None, and how they were matched.

    Their NHS number decides when it was given; otherwise one person with the same name and date of birth whose
    record does not hold a different NHS number. Several possible matches are left for the ICB to sort out."""
    found = register_queries.find_duplicates(
        icb=icb,
        nhs_number=answers.get("nhs_number"),
        family_name=answers["family_name"],
        given_name=answers["given_name"],
        date_of_birth=answers["date_of_birth"],
    )
    digits = answers.get("nhs_number") or ""
    by_number = [person for person in found if digits and person.nhs_number == digits]
    if by_number:
        return by_number[0], "their NHS number", found
    by_name = [person for person in found if not (digits and person.nhs_number)]
    if len(by_name) == 1:
        return by_name[0], "their name and date of birth", found
    return None, "", found


def _notes(answers: dict, reference: str, matched_by: str, possible: int, unverified: bool) -> str:
    lines = [f"Sent online with the reference {reference}."]
    if answers["who"] == "professional":
        lines.append(
            f"Sent by a professional who confirmed their email address ({answers['referrer_email']})"
            + (
                ". It is not from a domain you accept without review: check who they are before you rely on it."
                if unverified
                else ", from a domain you accept without review."
            )
        )
    if matched_by:
        lines.append(
            f"Matched to this record by {matched_by}. Check it is the same person: if not, withdraw this "
            "referral and record it for the right person. The details they gave:"
        )
        lines.append(
            f"Name: {answers['given_name']} {answers['family_name']}; date of birth: "
            f"{nhs_date(answers['date_of_birth'])}; NHS number: {answers.get('nhs_number') or 'not given'}"
        )
        lines.append(
            "Address: "
            + ", ".join(p for p in (answers.get("address", "").replace("\n", ", "), answers["postcode"]) if p)
        )
        contact = ", ".join(p for p in (answers.get("phone"), answers.get("email")) if p)
        lines.append(f"Contact: {contact or 'none given'}")
        if _communication(answers):
            lines.append(f"Communication: {_communication(answers)}")
    elif possible:
        lines.append(
            f"{possible} people already on the register have the same name and date of birth. Check whether this "
            "is one of them before you go on."
        )
    if answers["who"] != "self" and answers.get("agrees") == "not_sure":
        who = "family member" if answers["who"] == "family" else "professional"
        lines.append(f"The {who} is not sure whether the person knows about the referral.")
    return "\n".join(lines)


@transaction.atomic
def send_online_referral(
    *, front_door: FrontDoor, answers: dict, unverified: bool = False, request=None
) -> OnlineReferral:
    """Record a referral sent on the public pages in the ICB's referral inbox (source: the person, their family,
    or a professional whose email address is confirmed; channel: online), and email a receipt with its reference
    to whoever sent it if they gave an address. `unverified`: a professional's address is not from a domain
    the ICB accepts without review, and the referral is marked so."""
    icb = front_door.icb
    me = answers["who"] == "self"
    professional = answers["who"] == "professional"
    reference = new_reference()
    person, matched_by, found = _match(icb, answers)
    fields = {
        "received_on": get_today(),
        "source": Source.SELF if me else Source.PROFESSIONAL if professional else Source.FAMILY,
        "channel": Channel.ONLINE,
        "reason": answers["worries"],
        "triggers": [sign for sign in answers.get("signs") or [] if sign in SIGNS],
        "person_agrees": AGREES.get(answers.get("agrees")),
        "family_agrees": True if answers["who"] == "family" else None,
        "intake_notes": _notes(answers, reference, matched_by, 0 if person else len(found), unverified),
    }
    if professional:
        fields.update(
            {
                name: answers.get(name, "")
                for name in ("referrer_name", "referrer_role", "referrer_organisation")
            },
            referrer_email=answers["referrer_email"],
            referrer_phone=answers.get("referrer_phone", ""),
        )
    elif not me:
        fields.update(
            referrer_name=answers["referrer_name"],
            referrer_role=answers["relationship"],
            referrer_email=answers.get("referrer_email", ""),
            referrer_phone=answers.get("referrer_phone", ""),
        )
    person_fields = None
    if person is None:
        person_fields = {
            "given_name": answers["given_name"],
            "family_name": answers["family_name"],
            "date_of_birth": answers["date_of_birth"],
            "diagnosis": answers["diagnosis"],
            "location": Location.COMMUNITY,
            "address": answers.get("address", ""),
            "postcode": answers["postcode"],
            "nhs_number": answers.get("nhs_number", ""),
            "email": answers.get("email", ""),
            "phone": answers.get("phone", ""),
            "communication_needs": _communication(answers),
        }
    referral = referrals.record_referral(
        icb=icb,
        by=None,
        person=person,
        person_fields=person_fields,
        allow_duplicate=True,  # the possible matches are named in the referral's notes for the ICB to check
        request=request,
        **fields,
    )
    if unverified:
        referral.unverified_sender = True
        referral.save(update_fields=["unverified_sender"])
    online = OnlineReferral.objects.create(referral=referral, reference=reference, answers=_stored(answers))
    audit.record(
        request,
        "public.referral.sent",
        person=referral.person,
        summary=f"A referral was sent online ({referral.get_source_display().lower()}), reference {reference}",
        detail={"referral": referral.pk, "reference": reference},
    )
    _email_receipt(
        referral,
        answers,
        me=me,
        matched=person is not None,
        contact=front_door.contact,
        reference=reference,
        request=request,
    )
    return online


def _email_receipt(
    referral, answers: dict, *, me: bool, matched: bool, contact: str, reference: str, request
) -> None:
    """A receipt goes only to the address typed on the form: for someone already on the register, only when it is
    the address their record holds, so nobody else's address is ever written to. It gives the reference the
    confirmation page showed, whatever the ICB's wording of the receipt says."""
    if me:
        typed = answers.get("email") or ""
        if not typed or (matched and referral.person.email.lower() != typed.lower()):
            return
        recipient = Recipient.PERSON
    else:
        if not answers.get("referrer_email"):
            return
        recipient = Recipient.REFERRER
    for letter in referrals.email_receipt(
        referral=referral, recipient=recipient, contact=contact, request=request
    ):
        with_reference(letter, reference)
        if matched:
            as_typed(letter, referral.person, answers)


def as_typed(letter, person, answers: dict) -> None:
    """A receipt names the person as the sender typed them, never as the register does: someone who typed the NHS
    number of a person on the register learns nothing of them (not their name) from the email."""
    typed_full = f"{answers['given_name']} {answers['family_name']}"
    names = [(person.full_name, typed_full)]
    names += [(name, answers["given_name"]) for name in (person.preferred_name, person.given_name) if name]
    subject, body = letter.subject, letter.body
    for on_record, typed in names:
        if on_record and on_record != typed:
            pattern = re.compile(rf"\b{re.escape(on_record)}\b")
            subject, body = pattern.sub(typed, subject), pattern.sub(typed, body)
    if (subject, body) != (letter.subject, letter.body):
        letter.subject, letter.body = subject[:200], body
        letter.save(update_fields=["subject", "body"])


def with_reference(letter, reference: str) -> None:
    """Put the reference in a receipt's subject and, after its greeting, in its first lines (the email is sent
    only once this transaction commits, so it goes with them)."""
    if reference in letter.body:
        return
    line = f"Your reference is {reference}. Please give it if you contact us about this referral."
    greeting, gap, rest = letter.body.partition("\n\n")
    letter.body = f"{greeting}\n\n{line}\n\n{rest}" if gap else f"{line}\n\n{letter.body}"
    letter.subject = f"{letter.subject} (reference {reference})"[:200]
    letter.save(update_fields=["subject", "body"])


def _stored(answers: dict) -> dict:
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in answers.items()
    }


def record_refusal(*, front_door: FrontDoor, reason: Refusal, request=None) -> None:
    """A refused online referral is audited (with nothing the visitor typed), and counts towards the limit."""
    audit.record(
        request,
        "public.referral.refused",
        summary=f"An online referral to {front_door.icb.name} was refused ({reason.value})",
        detail={"reason": reason.value, "icb": front_door.icb_id},
    )
