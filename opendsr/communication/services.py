"""Writing a person's communication needs, and adding to their communication log. Other rooms call `log` when
they send a letter or an email, or record a phone call; nothing in the log is changed or deleted afterwards."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction

from opendsr.accounts import audit
from opendsr.communication import rules, wording
from opendsr.communication.models import Communication, CommunicationNeeds, Method, Preferred, ToWhom, Version
from opendsr.register.models import Person
from opendsr.web.today import today as get_today
from opendsr.web.validators import email_in, has_line_break


def needs_of(person: Person) -> rules.Needs:
    """The person's recorded communication needs, as plain data for the rules (none recorded: no needs)."""
    found = CommunicationNeeds.objects.filter(person=person).first()
    if found is None:
        return rules.Needs()
    return rules.Needs(
        easy_read=found.easy_read,
        large_print=found.large_print,
        interpreter=found.interpreter,
        preferred_method=found.preferred_method,
    )


@transaction.atomic
def update_needs(
    *,
    person: Person,
    by,
    easy_read: bool,
    large_print: bool,
    interpreter: str = "",
    preferred_method: str = "",
    request=None,
) -> CommunicationNeeds:
    interpreter = (interpreter or "").strip()
    if has_line_break(interpreter) or len(interpreter) > 100:
        raise ValidationError({"interpreter": "Enter the language on one line, in 100 characters or fewer"})
    if preferred_method not in Preferred.values:
        raise ValidationError({"preferred_method": "Choose how they prefer to be contacted"})
    needs = CommunicationNeeds.objects.filter(person=person).first() or CommunicationNeeds(person=person)
    needs.easy_read, needs.large_print = bool(easy_read), bool(large_print)
    needs.interpreter, needs.preferred_method, needs.updated_by = interpreter, preferred_method, by
    needs.save()
    audit.record(
        by,
        "communication_needs.changed",
        person=person,
        summary=f"Changed {person.full_name}'s communication needs: "
        f"{rules.summary(needs_of(person)) or 'none'}"[:300],
        request=request,
    )
    return needs


def log(
    *,
    person: Person,
    what: str,
    method: str,
    to_whom: str,
    to_name: str = "",
    to_address: str = "",
    subject: str = "",
    body: str = "",
    version: str = Version.STANDARD,
    sent_on: dt.date | None = None,
    by=None,
    source: str = "",
) -> Communication:
    """Add one letter, email or phone call to the person's log, with a copy of what was sent."""
    if method not in Method.values:
        raise ValueError(f"unknown method: {method}")
    return Communication.objects.create(
        person=person,
        what=what[:200],
        method=method,
        to_whom=to_whom if to_whom in ToWhom.values else ToWhom.OTHER,
        to_name=" ".join((to_name or "").split())[:200],
        to_address=", ".join(line.strip() for line in (to_address or "").splitlines() if line.strip())[:300],
        subject=" ".join((subject or "").split())[:200],
        body=body or "",
        version=version if version in Version.values else Version.STANDARD,
        sent_on=sent_on or get_today(),
        sent_by=by if getattr(by, "is_authenticated", False) else None,
        source=source[:60],
    )


@transaction.atomic
def record_call(
    *, person: Person, by, called_on: dt.date | None, to_whom: str, to_name: str, notes: str, request=None
) -> Communication:
    """Record a phone call with the person, their family or someone who supports them."""
    problems = {}
    if called_on is None:
        problems["called_on"] = "Enter the date of the call"
    elif called_on > get_today():
        problems["called_on"] = "The date of the call must be today or in the past"
    if to_whom not in ToWhom.values:
        problems["to_whom"] = "Choose who you spoke to"
    if not (to_name or "").strip():
        problems["to_name"] = "Enter the name of who you spoke to"
    if not (notes or "").strip():
        problems["notes"] = "Enter what was said"
    if problems:
        raise ValidationError(problems)
    entry = log(
        person=person,
        what="Phone call",
        method=Method.PHONE,
        to_whom=to_whom,
        to_name=to_name,
        body=notes.strip(),
        sent_on=called_on,
        by=by,
    )
    audit.record(
        by,
        "communication.call_recorded",
        person=person,
        summary=f"Recorded a phone call with {entry.to_name} on {called_on:%-d %B %Y}"[:300],
        detail={"communication": entry.pk},
        request=request,
    )
    return entry


def version_for(person: Person, reader: str, *, shared: bool = False) -> str:
    return rules.version_for(reader, needs_of(person), shared=shared)


def send_letter(
    *,
    person: Person,
    kind: str,
    reader: str,
    to_name: str,
    to_email: str = "",
    to_address: str = "",
    values: dict,
    by,
    version: str | None = None,
    sent_on: dt.date | None = None,
    source: str = "",
    attachments: tuple = (),
) -> Communication:
    """Write one letter from its wording for this reader and version (by default, the version the person's
    communication needs choose), log it, and email it once the caller's transaction commits when there is an
    address; otherwise it is a letter to print from the log."""
    version = version or version_for(person, reader, shared=kind == wording.INVITATION)
    subject, body = wording.compose(kind, reader, version, {"recipient_name": to_name, **values})
    entry = log(
        person=person,
        what=wording.KIND_LABELS[kind],
        method=Method.EMAIL if to_email else Method.LETTER,
        to_whom=reader if reader in ToWhom.values else ToWhom.OTHER,
        to_name=to_name,
        to_address=to_email or to_address,
        subject=subject,
        body=body,
        version=version,
        sent_on=sent_on,
        by=by,
        source=source,
    )
    if to_email:

        def deliver():
            message = EmailMessage(
                subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to_email]
            )
            for name, content, mimetype in attachments:
                message.attach(name, content, mimetype)
            message.send()

        transaction.on_commit(deliver)
    return entry


@transaction.atomic
def send_consent_request(
    *, person: Person, by, to_whom: str, version: str, method: str, request=None
) -> Communication:
    """Ask the person (or their family or carer, who decides for them) for consent to be on the register, to
    share information and to a C(E)TR (001 s2.4); the easy read versions, for the person and for their family,
    are forms to tick."""
    if to_whom == "person":
        name, email = person.full_name, person.email
        address = "\n".join(filter(None, [person.address, person.postcode]))
    elif to_whom == "family":
        carer = person.carers.filter(active=True).order_by("pk").first()
        if carer is None:
            raise ValidationError({"to_whom": "Their record names no family member or carer. Add one first"})
        name, email, address = carer.name, email_in(carer.contact), ""
    else:
        raise ValidationError({"to_whom": "Choose who you are asking"})
    if method not in ("email", "letter"):
        raise ValidationError({"method": "Choose how to send it"})
    if method == "email" and not email:
        raise ValidationError({"method": f"There is no email address for {name}. Send a letter instead"})
    if not wording.has_version(wording.CONSENT_REQUEST, to_whom, version):
        version = Version.STANDARD
    icb = person.icb
    contact = f"{by.get_full_name() or by.email}, {icb.name}\nEmail: {by.email}"
    entry = send_letter(
        person=person,
        kind=wording.CONSENT_REQUEST,
        reader=to_whom,
        to_name=name,
        to_email=email if method == "email" else "",
        to_address=address,
        values={
            "first_name": person.preferred_name or person.given_name,
            "contact": contact,
            "icb_name": icb.name,
        },
        by=by,
        version=version,
    )
    audit.record(
        by,
        "communication.consent_requested",
        person=person,
        summary=f"Asked {name} for consent by {'email' if method == 'email' else 'letter'}"[:300],
        detail={"communication": entry.pk},
        request=request,
    )
    return entry
