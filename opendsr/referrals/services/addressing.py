"""Who a letter about a referral can go to, and where: the person, their family or carer, the referrer. The
choice of address is `opendsr.referrals.rules`; this reads what their records say."""

from __future__ import annotations

from opendsr.communication import rules as communication_rules
from opendsr.communication import services as communication
from opendsr.referrals import rules
from opendsr.referrals.models import Letter, Recipient, Referral
from opendsr.register.models import Carer
from opendsr.web.validators import email_in


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


def addressee(referral: Referral, recipient: str) -> rules.Addressee:
    """What the records say about this reader of a letter: name, email and postal address."""
    person = referral.person
    if recipient == Recipient.PERSON:
        return rules.Addressee(
            recipient, person.full_name, person.email, address=person.address, postcode=person.postcode
        )
    if recipient == Recipient.FAMILY:
        carer = family_of(referral)
        if carer is None:
            return rules.Addressee(recipient, "Their family or carer")
        return rules.Addressee(recipient, carer.name, email_in(carer.contact))
    return rules.Addressee(
        recipient,
        referral.referrer_name or "The referrer",
        referral.referrer_email,
        address=referral.referrer_address,
    )


def recipient_address(referral: Referral, recipient: str) -> tuple[str, str]:
    """The name and email address a letter to this recipient goes to."""
    found = addressee(referral, recipient)
    return found.name, found.email


def letter_address(letter: Letter) -> list[str]:
    """The address block printed on a letter already sent: to the name it was sent to, at that reader's
    address."""
    found = addressee(letter.referral, letter.recipient)
    return rules.address_lines(
        rules.Addressee(
            letter.recipient, letter.to_name or found.name, address=found.address, postcode=found.postcode
        )
    )


def default_method(referral: Referral) -> str:
    """How a letter is sent unless the user says otherwise: by email when everyone it can go to has an email
    address, else as a PDF; a person who prefers a letter by post (or email) has their way."""
    otherwise = rules.default_method([addressee(referral, r) for r in recipients_for(referral)])
    needs = communication.needs_of(referral.person)
    return communication_rules.method_for(needs, has_email=bool(referral.person.email), otherwise=otherwise)
