"""Inviting people to a C(E)TR (Appendix 5), their replies, and the panel's names sent to the person."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from opendsr.reviews.models import (
    Invitation,
    InviteeRole,
    InviteMethod,
    Reply,
    Review,
)
from opendsr.reviews.services import letters
from opendsr.reviews.services.common import _audit, _not_in_future
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today

REVIEW_LENGTH_HOURS = 3


def calendar_file(review: Review, invitation: Invitation | None = None) -> bytes:
    """An iCalendar (RFC 5545) event for the review, to attach to an invitation."""
    start_time = review.starts_at or dt.time(10, 0)
    start = dt.datetime.combine(review.scheduled_for, start_time)
    end = start + dt.timedelta(hours=REVIEW_LENGTH_HOURS)
    where = review.venue or review.video_link

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    uid = f"review-{review.pk}-{invitation.pk if invitation else 'panel'}@opendsr"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//OpenDSR//Care (Education) and Treatment Reviews//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{text('Care (Education) and Treatment Review for ' + review.person.given_name)}",
        f"LOCATION:{text(where)}",
        f"DESCRIPTION:{text('Reasonable adjustments: ' + (review.reasonable_adjustments or 'none asked for'))}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def invitation_text(review: Review, invitation: Invitation) -> str:
    when = nhs_date(review.scheduled_for) + (f" at {review.starts_at:%H:%M}" if review.starts_at else "")
    where = review.venue or review.video_link
    who = review.person.given_name
    lines = [
        f"Dear {invitation.name},",
        "",
        f"You are invited to a Care (Education) and Treatment Review for {review.person.full_name}.",
        "",
        f"When: {when}",
        f"Where: {where}",
    ]
    if review.video_link and review.venue:
        lines.append(f"Video link: {review.video_link}")
    if invitation.must_attend:
        lines += ["", f"As {who}'s keyworker, please make sure you attend."]
    lines += [
        "",
        "Please tell us whether you can come, or send information for the panel if you cannot.",
        "",
        review.person.icb.name,
    ]
    return "\n".join(lines)


@transaction.atomic
def send_invitations(*, review: Review, by, invitees: list[dict], request=None) -> list[Invitation]:
    if review.scheduled_for is None or not (review.venue or review.video_link):
        raise ValidationError("Agree the date and venue before you invite people")
    if not invitees:
        raise ValidationError({"invitees": "Choose at least one person to invite"})
    today = get_today()
    sent = []
    for row in invitees:
        if not (row.get("name") or "").strip():
            role = InviteeRole(row["role"]).label if row.get("role") in InviteeRole.values else "person"
            raise ValidationError({"invitees": f"Add a name to invite for “{role}”, or untick that row"})
        method = row.get("method") or (InviteMethod.EMAIL if row.get("email") else InviteMethod.LETTER)
        if method == InviteMethod.EMAIL and not row.get("email"):
            raise ValidationError({"invitees": f"Add an email address for {row['name']}, or send a letter"})
        sent.append(
            Invitation.objects.create(
                review=review,
                role=row["role"],
                name=row["name"].strip(),
                organisation=row.get("organisation", ""),
                email=row.get("email", "") if method == InviteMethod.EMAIL else "",
                address=row.get("address", ""),
                method=method,
                must_attend=bool(row.get("must_attend")),
                sent_on=today,
            )
        )
    # The person and their family get an invitation written for them (easy read when the person reads easy
    # read); every invitation goes in the person's communication log.
    written = {
        i.pk
        for i in sent
        if letters.invite(
            review,
            i,
            by=by,
            text=invitation_text(review, i),
            attachments=(("review.ics", calendar_file(review, i), "text/calendar"),),
        )
    }
    emails = [i for i in sent if i.method == InviteMethod.EMAIL and i.pk not in written]

    def deliver():
        for invitation in emails:
            message = EmailMessage(
                subject=f"Invitation: Care (Education) and Treatment Review on {nhs_date(review.scheduled_for)}",
                body=invitation_text(review, invitation),
                from_email=django_settings.DEFAULT_FROM_EMAIL,
                to=[invitation.email],
            )
            message.attach("review.ics", calendar_file(review, invitation), "text/calendar")
            message.send()

    transaction.on_commit(deliver)
    _audit(
        by, "review.invitations_sent", review, f"Invited {len(sent)} people ({len(emails)} by email)", request
    )
    return sent


@transaction.atomic
def record_reply(*, invitation: Invitation, by, reply: str, replied_on: dt.date, request=None) -> Invitation:
    if reply not in [r for r in Reply.values if r]:
        raise ValidationError({"reply": "Choose their reply"})
    _not_in_future(replied_on, "replied_on", "The date of the reply")
    invitation.reply, invitation.replied_on = reply, replied_on
    invitation.save(update_fields=["reply", "replied_on"])
    _audit(
        by,
        "review.reply_recorded",
        invitation.review,
        f"{invitation.name}: {invitation.get_reply_display()}",
        request,
    )
    return invitation


@transaction.atomic
def send_panel_details(*, review: Review, by, request=None) -> Review:
    """Send the person the names (and photos) of their panel before the review (000; s16)."""
    seats = list(review.seats.filter(removed_at__isnull=True).select_related("member"))
    if not seats:
        raise ValidationError("Choose the panel before you send their names")
    person = review.person
    body = "\n".join(
        [
            f"Dear {person.preferred_name or person.given_name},",
            "",
            f"These are the people who will be at your Care (Education) and Treatment Review on "
            f"{nhs_date(review.scheduled_for)}:",
            "",
            *[f"- {seat.member.name}, {seat.get_role_display().lower()}" for seat in seats],
            "",
            person.icb.name,
        ]
    )
    if person.email:
        message = EmailMessage(
            subject="Who will be at your Care (Education) and Treatment Review",
            body=body,
            from_email=django_settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
        for seat in seats:
            if seat.member.photo:
                with contextlib.suppress(OSError):
                    message.attach(seat.member.photo.name.rsplit("/", 1)[-1], seat.member.photo.read())
        transaction.on_commit(message.send)
    letters.log_panel_details(review, by=by, body=body)
    review.panel_details_sent_on = get_today()
    review.save(update_fields=["panel_details_sent_on", "updated_at"])
    _audit(by, "review.panel_details_sent", review, "Sent the panel's names to the person", request)
    return review
