"""Writes for the minutes: closing the meeting and sending its minutes to the members."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from opendsr.meetings import minutes
from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingAction,
    DsrMeetingStatus,
)
from opendsr.meetings.services.common import _audit, _still_open
from opendsr.web.today import today as get_today

# ---------------------------------------------------------------------------------------------- minutes


@transaction.atomic
def send_minutes(*, meeting: DsrMeeting, by, request=None) -> list[str]:
    """Finish the meeting: the minutes go, as a PDF, to every member with an email address."""
    _still_open(meeting)
    if meeting.date > get_today():
        raise ValidationError("The meeting has not happened yet")
    if not meeting.attendance_taken:
        raise ValidationError("Record who came before sending the minutes")
    recipients = sorted({m.email for m in meeting.standing.members.filter(active=True) if m.email})
    pdf = minutes.minutes_pdf(meeting)
    if recipients:
        message = EmailMessage(
            subject=f"Minutes: {meeting.standing.name}, {meeting.date:%-d %B %Y}",
            body=render_to_string(
                "meetings/email/minutes.txt",
                {
                    "meeting": meeting,
                    "link": settings.SITE_URL.rstrip("/") + reverse("meetings:detail", args=[meeting.pk]),
                    "actions": DsrMeetingAction.objects.filter(item__meeting=meeting).count(),
                },
            ),
            to=recipients,
        )
        message.attach(f"dsr-meeting-{meeting.date:%Y-%m-%d}-minutes.pdf", pdf, "application/pdf")
        message.send()
    meeting.status = DsrMeetingStatus.HELD
    meeting.minutes_sent_at, meeting.minutes_sent_to = timezone.now(), recipients
    meeting.save(update_fields=["status", "minutes_sent_at", "minutes_sent_to"])
    _audit(
        by,
        "dsr_meeting.minutes_sent",
        summary=f"Sent the minutes of {meeting} to {len(recipients)} members",
        request=request,
    )
    return recipients
