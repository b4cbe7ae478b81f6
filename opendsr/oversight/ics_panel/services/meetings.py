"""Writes for the panel's meetings: scheduling, changing, cancelling, and recording the minutes once held."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, User
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    OversightPanelMember,
    PanelAttendance,
    PanelMeeting,
)
from opendsr.oversight.ics_panel.services.agenda import _fill_agenda
from opendsr.oversight.ics_panel.services.common import _actor
from opendsr.policy import dates
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _check_chair(icb: Organisation, chair: OversightPanelMember | None) -> None:
    if chair is not None and chair.icb_id != icb.pk:
        raise ValidationError({"chair": "Select a member of this ICB's panel"})


def _check_date(date: dt.date) -> None:
    problem = dates.event_date_problem(
        date, subject="The date of the meeting", today=get_today(), planned=True
    )
    if problem:
        raise ValidationError({"date": problem})


@transaction.atomic
def schedule_meeting(
    *,
    icb: Organisation,
    by: User,
    date: dt.date,
    starts_at: dt.time | None = None,
    venue: str = "",
    chair: OversightPanelMember | None = None,
    request=None,
) -> PanelMeeting:
    """Schedule a meeting, its agenda built from the clock's cohort: everyone due a panel review, with why."""
    _check_date(date)
    _check_chair(icb, chair)
    meeting = PanelMeeting.objects.create(
        icb=icb, date=date, starts_at=starts_at, venue=venue, chair=chair, created_by=by
    )
    added = _fill_agenda(meeting)
    audit.record(
        _actor(by, request),
        "oversight_panel.meeting_scheduled",
        summary=f"Scheduled the ICS oversight panel meeting on {nhs_date(date)} with {added} "
        f"{'person' if added == 1 else 'people'} on the agenda",
        detail={"meeting": meeting.pk},
    )
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: PanelMeeting,
    by: User,
    date: dt.date,
    starts_at: dt.time | None = None,
    venue: str = "",
    chair: OversightPanelMember | None = None,
    request=None,
) -> PanelMeeting:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled: schedule a new one instead")
    _check_date(date)
    if date != meeting.date and meeting.items.filter(discussed_on__isnull=False).exists():
        raise ValidationError(
            {
                "date": "People have been recorded as discussed at this meeting: undo that before changing its date"
            }
        )
    _check_chair(meeting.icb, chair)
    meeting.date, meeting.starts_at, meeting.venue, meeting.chair = date, starts_at, venue, chair
    meeting.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.meeting_changed",
        summary=f"Changed the ICS oversight panel meeting on {nhs_date(date)}",
        detail={"meeting": meeting.pk},
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: PanelMeeting, by: User, reason: str, request=None) -> PanelMeeting:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(f"This meeting is already {meeting.get_status_display().lower()}")
    if meeting.items.filter(discussed_on__isnull=False).exists():
        raise ValidationError("People have been recorded as discussed at this meeting, so it was held")
    meeting.status, meeting.cancelled_reason = MeetingStatus.CANCELLED, reason
    meeting.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.meeting_cancelled",
        summary=f"Cancelled the ICS oversight panel meeting on {nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk},
    )
    return meeting


def _check_held(meeting: PanelMeeting, what: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled")
    if meeting.date > get_today():
        raise ValidationError(
            f"You can record {what} once the meeting has been held: it is on {nhs_date(meeting.date)}"
        )


@transaction.atomic
def record_minutes(
    *,
    meeting: PanelMeeting,
    by: User,
    attendees: list[OversightPanelMember],
    others_present: str = "",
    minutes: str = "",
    request=None,
) -> PanelMeeting:
    """Record who came and the minutes; the meeting is then held."""
    _check_held(meeting, "the minutes")
    if any(member.icb_id != meeting.icb_id for member in attendees):
        raise ValidationError({"attendees": "Select members of this ICB's panel"})
    if not attendees:
        raise ValidationError({"attendees": "Select the panel members who came to the meeting"})
    wanted = {member.pk for member in attendees}
    now = timezone.now()
    for row in meeting.attendance.all():
        present = row.member_id in wanted
        if present and row.removed_at is not None:
            row.removed_at = None
            row.save()
        elif not present and row.removed_at is None:
            row.removed_at = now
            row.save()
        wanted.discard(row.member_id)
    for member_pk in sorted(wanted):
        PanelAttendance.objects.create(meeting=meeting, member_id=member_pk)
    meeting.others_present, meeting.minutes, meeting.status = others_present, minutes, MeetingStatus.HELD
    meeting.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.minutes_recorded",
        summary=f"Recorded the minutes of the ICS oversight panel meeting on {nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk},
    )
    return meeting
