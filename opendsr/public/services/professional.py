"""Writes for a professional's referral on the public pages (s3, s5): it waits, out of the inbox, until they
follow the one-time link emailed to their work address, which confirms the address; then it is sent as any
online referral is, marked "Unverified sender" when the address is not from a domain the ICB accepts without
review.

The link's secret is made when the email is sent, and only its hash is kept: nothing stored (not the database,
not the queue of background tasks) can make the link again. It works once, for 24 hours."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.public import rules
from opendsr.public.models import FrontDoor, OnlineReferral, ProfessionalReferral
from opendsr.public.services.self_referral import send_online_referral

# The answers a professional gives that are kept until they confirm (the form's own fields, nothing more).
ANSWERS = (
    "referrer_name",
    "referrer_role",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "given_name",
    "family_name",
    "date_of_birth",
    "diagnosis",
    "address",
    "postcode",
    "nhs_number",
    "worries",
    "signs",
    "agrees",
    "needs",
    "other_needs",
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def start_professional_referral(*, front_door: FrontDoor, answers: dict, site: str, request=None):
    """Keep a professional's referral until they confirm their address, and email them the link once this is
    committed. `site` is the address the link starts with (https://host)."""
    kept = {name: answers.get(name) for name in ANSWERS}
    kept["date_of_birth"] = answers["date_of_birth"].isoformat()
    pending = ProfessionalReferral.objects.create(
        icb=front_door.icb, email=answers["referrer_email"], answers=kept
    )
    audit.record(
        request,
        "public.professional.started",
        summary=f"A professional's referral to {front_door.icb.name} waits for them to confirm their email "
        "address",
        detail={"pending": pending.pk, "icb": front_door.icb_id},
    )
    from opendsr.public.tasks import send_confirmation_link

    transaction.on_commit(partial(send_confirmation_link.enqueue, pending.pk, site))
    return pending


def email_link(*, pending_pk: int, site: str) -> str:
    """Make the one-time link and email it (run by the background task). A link sent again replaces the one
    before it."""
    with transaction.atomic():
        pending = (
            ProfessionalReferral.objects.select_for_update(of=("self",))
            .select_related("icb", "icb__front_door")
            .filter(pk=pending_pk)
            .first()
        )
        if pending is None or pending.confirmed_at is not None:
            return "nothing to send"
        token = secrets.token_urlsafe(32)
        pending.token_hash, pending.sent_at = token_hash(token), timezone.now()
        pending.save(update_fields=["token_hash", "sent_at"])
        front_door = pending.icb.front_door
        link = site.rstrip("/") + reverse("public:professional_confirm", args=[pending.icb.ods_code, token])
        try:
            EmailMessage(
                subject=f"Confirm your email address to send your referral to {pending.icb.name}",
                body=_link_email(front_door, link),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[pending.email],
            ).send()
        except Exception as error:  # noqa: BLE001 - a mail system's failure is recorded; they can send again
            audit.record(
                None,
                "public.professional.link_failed",
                summary=f"The link to confirm a professional's referral could not be emailed: {error}"[:300],
                detail={"pending": pending.pk, "icb": pending.icb_id},
            )
            return "failed"
        audit.record(
            None,
            "public.professional.link_sent",
            summary="The link to confirm a professional's referral was emailed",
            detail={"pending": pending.pk, "icb": pending.icb_id},
        )
        return "sent"


def _link_email(front_door: FrontDoor, link: str) -> str:
    """The email holds nothing about the person referred: whoever the address belongs to learns only that a
    referral was started with it."""
    return (
        "Hello,\n\n"
        f"Someone started a referral to the dynamic support register of {front_door.icb.name} and gave this "
        "email address as their work address.\n\n"
        "If it was you, follow this link to confirm your address and send the referral:\n\n"
        f"{link}\n\n"
        f"The link works once, for {rules.LINK_VALID_FOR_WORDS}. Until you follow it, we have not received the referral.\n\n"
        "If it was not you, you do not need to do anything: the referral will not be sent.\n\n"
        f"{front_door.contact}\n\n"
        f"{front_door.icb.name}"
    )


def find(token: str) -> tuple[ProfessionalReferral | None, rules.LinkState]:
    """The waiting referral a link is for, and whether the link may still be used."""
    pending = (
        ProfessionalReferral.objects.select_related("icb").filter(token_hash=token_hash(token)).first()
        if token and len(token) <= 100
        else None
    )
    state = rules.link_state(
        found=pending is not None,
        sent_at=getattr(pending, "sent_at", None),
        used=getattr(pending, "confirmed_at", None) is not None,
        now=timezone.now(),
    )
    return pending, state


@transaction.atomic
def confirm_professional_referral(
    *, front_door: FrontDoor, token: str, request=None
) -> tuple[rules.LinkState, OnlineReferral | None]:
    """Follow a professional's link: the first time, within 24 hours, their address is confirmed and the referral
    is sent to the inbox; after that, or later, nothing is sent and the state says why."""
    pending, state = find(token)
    if pending is not None:
        pending = ProfessionalReferral.objects.select_for_update(of=("self",)).get(pk=pending.pk)
        state = rules.link_state(
            found=pending.icb_id == front_door.icb_id,
            sent_at=pending.sent_at,
            used=pending.confirmed_at is not None,
            now=timezone.now(),
        )
    if state != rules.LinkState.VALID:
        audit.record(
            request,
            "public.professional.link_refused",
            summary=f"A link to confirm a professional's referral was refused ({state.value})",
            detail={"state": state.value, "pending": getattr(pending, "pk", None), "icb": front_door.icb_id},
        )
        return state, None
    answers = {**pending.answers, "who": "professional"}
    answers["date_of_birth"] = dt.date.fromisoformat(answers["date_of_birth"])
    trusted, _ = rules.domains(front_door.trusted_domains)
    online = send_online_referral(
        front_door=front_door,
        answers=answers,
        unverified=not rules.is_trusted(pending.email, trusted),
        request=request,
    )
    pending.confirmed_at, pending.online = timezone.now(), online
    pending.save(update_fields=["confirmed_at", "online"])
    audit.record(
        request,
        "public.professional.confirmed",
        person=online.referral.person,
        summary=f"A professional confirmed their email address and sent referral {online.reference}",
        detail={"pending": pending.pk, "referral": online.referral_id},
    )
    return state, online
