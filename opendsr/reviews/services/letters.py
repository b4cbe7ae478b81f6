"""The letters a C(E)TR sends people, written for each reader and logged on the person's communication log:
the invitation (easy read for the person, and for their family when the person reads easy read), and the
thank-you letter after the review (001 s16.6.1)."""

from __future__ import annotations

from opendsr.communication import services as communication
from opendsr.communication import wording
from opendsr.reviews.models import Invitation, InviteMethod, Review
from opendsr.reviews.queries import report_obligation
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _values(review: Review, by) -> dict:
    person = review.person
    contact = review.lead_contact
    if not contact and by is not None:
        contact = f"{by.get_full_name() or by.email}, {person.icb.name}\nEmail: {by.email}"
    report = report_obligation(review, get_today()) if review.held_on else None
    return {
        "first_name": person.preferred_name or person.given_name,
        "person_name": person.full_name,
        "review_date": nhs_date(review.scheduled_for or review.held_on),
        "review_time": f" at {review.starts_at:%H:%M}" if review.starts_at else "",
        "venue": review.venue or review.video_link or "to be confirmed",
        "report_date": nhs_date(report["due"]) if report else "the date we agreed with you",
        "contact": contact,
        "icb_name": person.icb.name,
    }


def invite(review: Review, invitation: Invitation, *, by, text: str, attachments: tuple) -> bool:
    """Log one invitation; the person and their family get the letter written for them (sent here when by
    email). Returns whether it was sent here, so the caller sends only the professionals' own invitations."""
    reader = wording.reader_of(invitation.role)
    email = invitation.email if invitation.method == InviteMethod.EMAIL else ""
    if reader in ("person", "family"):
        communication.send_letter(
            person=review.person,
            kind=wording.INVITATION,
            reader=reader,
            to_name=invitation.name,
            to_email=email,
            to_address=invitation.address,
            values=_values(review, by),
            by=by,
            source=f"review-invitation:{invitation.pk}",
            attachments=attachments if email else (),
        )
        return True
    communication.log(
        person=review.person,
        what=wording.KIND_LABELS[wording.INVITATION],
        method="email" if email else "letter",
        to_whom="professional",
        to_name=f"{invitation.name}, {invitation.get_role_display().lower()}",
        to_address=email or invitation.address,
        subject=f"Invitation: Care (Education) and Treatment Review on {nhs_date(review.scheduled_for)}",
        body=text,
        by=by,
        source=f"review-invitation:{invitation.pk}",
    )
    return False


def thank_everyone(review: Review, *, by) -> int:
    """After the review, thank the person, their family and the professionals invited for taking part, and say
    how they will be kept updated (001 s16.6.1). Returns how many letters were written."""
    values = _values(review, by)
    count = 0
    for invitation in review.invitations.filter(withdrawn_at__isnull=True):
        communication.send_letter(
            person=review.person,
            kind=wording.THANK_YOU,
            reader=wording.reader_of(invitation.role),
            to_name=invitation.name,
            to_email=invitation.email if invitation.method == InviteMethod.EMAIL else "",
            to_address=invitation.address,
            values=values,
            by=by,
            source=f"review-thanks:{invitation.pk}",
        )
        count += 1
    return count


def log_report(review: Review, *, by, sent_on, recipients: list[tuple[str, str]], method: str) -> None:
    """The report sent to each recipient, in the person's communication log."""
    person = review.person
    for name, email in recipients:
        by_email = method == "email"
        communication.log(
            person=person,
            what="C(E)TR report",
            method="email" if by_email else "letter",
            to_whom="person" if name.strip() == person.full_name else "other",
            to_name=name,
            to_address=email if by_email else "",
            subject="The report from your Care (Education) and Treatment Review",
            body=f"The report from the review on {nhs_date(review.held_on)}, with an easy read summary, "
            f"sent {'by email' if by_email else 'by post'}.",
            sent_on=sent_on,
            by=by,
            source=f"review-report:{review.pk}",
        )


def log_panel_details(review: Review, *, by, body: str) -> None:
    """The panel's names sent to the person before their review, in their communication log."""
    person = review.person
    communication.log(
        person=person,
        what="Who will be at the C(E)TR",
        method="email" if person.email else "letter",
        to_whom="person",
        to_name=person.full_name,
        to_address=person.email,
        subject="Who will be at your Care (Education) and Treatment Review",
        body=body,
        by=by,
        source=f"review-panel:{review.pk}",
    )
