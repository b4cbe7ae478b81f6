"""Writes for the public front door: what the DSR lead publishes, and the referrals the public send.

An online referral goes through the referrals app's own `record_referral`, so it lands in the ICB's inbox with
every referral clock running (acknowledge it, stratify it), and is checked for duplicates as any referral is.
What the public form shows is the same whatever the check finds: it never says whether someone is already on
the register."""

from __future__ import annotations

import secrets

from django.db import transaction

from opendsr.accounts import audit
from opendsr.public.forms import NEEDS, SIGNS
from opendsr.public.models import EasyReadPicture, FrontDoor, OnlineReferral
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


# ---------------------------------------------------------------------------------------- the DSR lead's


@transaction.atomic
def save_front_door(*, icb, by, request=None, **fields) -> FrontDoor:
    front_door = FrontDoor.objects.filter(icb=icb).first() or FrontDoor(icb=icb)
    for name, value in fields.items():
        setattr(front_door, name, value.strip() if isinstance(value, str) else value)
    front_door.updated_by = by
    front_door.full_clean()
    front_door.save()
    audit.record(
        by,
        "public_pages.changed",
        summary="Changed the public pages" + (" and showed them" if front_door.published else " (not shown)"),
        detail={"published": front_door.published},
        request=request,
    )
    return front_door


@transaction.atomic
def add_picture(*, icb, by, image, sentence: str, alt_text: str, request=None) -> EasyReadPicture:
    """Add a picture to the easy read page. `image` is already re-made by `uploads.photo_from_upload`."""
    position = EasyReadPicture.objects.filter(icb=icb).count()
    picture = EasyReadPicture(
        icb=icb,
        image=image,
        sentence=sentence.strip(),
        alt_text=alt_text.strip(),
        position=position,
        added_by=by,
    )
    picture.full_clean()
    picture.save()
    audit.record(
        by,
        "public_pages.picture_added",
        summary=f"Added an easy read picture: {alt_text}"[:300],
        request=request,
    )
    return picture


@transaction.atomic
def remove_picture(*, picture: EasyReadPicture, by, request=None) -> None:
    alt_text = picture.alt_text
    picture.image.delete(save=False)
    picture.delete()
    audit.record(
        by,
        "public_pages.picture_removed",
        summary=f"Removed an easy read picture: {alt_text}"[:300],
        request=request,
    )


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


def _notes(answers: dict, reference: str, matched_by: str, possible: int) -> str:
    lines = [f"Sent online with the reference {reference}."]
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
    if answers["who"] == "family" and answers.get("agrees") == "not_sure":
        lines.append("The family member is not sure whether the person knows about the referral.")
    return "\n".join(lines)


@transaction.atomic
def send_online_referral(*, front_door: FrontDoor, answers: dict, request=None) -> OnlineReferral:
    """Record a referral sent on the public pages in the ICB's referral inbox (source: the person or their
    family; channel: online), and email a receipt to whoever sent it if they gave an address."""
    icb = front_door.icb
    me = answers["who"] == "self"
    reference = new_reference()
    person, matched_by, found = _match(icb, answers)
    fields = {
        "received_on": get_today(),
        "source": Source.SELF if me else Source.FAMILY,
        "channel": Channel.ONLINE,
        "reason": answers["worries"],
        "triggers": [sign for sign in answers.get("signs") or [] if sign in SIGNS],
        "person_agrees": AGREES.get(answers.get("agrees")),
        "family_agrees": None if me else True,
        "intake_notes": _notes(answers, reference, matched_by, 0 if person else len(found)),
    }
    if not me:
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
    online = OnlineReferral.objects.create(referral=referral, reference=reference, answers=_stored(answers))
    audit.record(
        request,
        "public.referral.sent",
        person=referral.person,
        summary=f"A referral was sent online ({referral.get_source_display().lower()}), reference {reference}",
        detail={"referral": referral.pk, "reference": reference},
    )
    _email_receipt(
        referral, answers, me=me, matched=person is not None, contact=front_door.contact, request=request
    )
    return online


def _email_receipt(referral, answers: dict, *, me: bool, matched: bool, contact: str, request) -> None:
    """A receipt goes only to the address typed on the form: for someone already on the register, only when it is
    the address their record holds, so nobody else's address is ever written to."""
    if me:
        typed = answers.get("email") or ""
        if not typed or (matched and referral.person.email.lower() != typed.lower()):
            return
        recipient = Recipient.PERSON
    else:
        if not answers.get("referrer_email"):
            return
        recipient = Recipient.REFERRER
    referrals.email_receipt(referral=referral, recipient=recipient, contact=contact, request=request)


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
