"""Writes for setting up the DSR meeting: terms of reference, members and the schedule."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingMember,
    StandingMeeting,
)
from opendsr.meetings.services.common import MOST_AT_ONCE, _audit, _text
from opendsr.policy import add_weeks
from opendsr.web.today import today as get_today

# ------------------------------------------------------------------------------- terms and membership


@transaction.atomic
def save_standing_meeting(
    *,
    icb,
    by,
    standing: StandingMeeting | None = None,
    name: str,
    terms_of_reference: str,
    every_weeks: int,
    usual_time: dt.time | None = None,
    usual_venue: str = "",
    request=None,
) -> StandingMeeting:
    problems = {}
    if not _text(name):
        problems["name"] = "Enter the name of the meeting"
    if not _text(terms_of_reference):
        problems["terms_of_reference"] = "Enter the terms of reference"
    if not every_weeks or not 1 <= every_weeks <= 12:
        problems["every_weeks"] = "How often it meets must be between 1 and 12 weeks"
    if problems:
        raise ValidationError(problems)
    standing = standing or StandingMeeting(icb=icb, created_by=by)
    standing.name, standing.terms_of_reference = _text(name), _text(terms_of_reference)
    standing.every_weeks, standing.usual_time, standing.usual_venue = (
        every_weeks,
        usual_time,
        _text(usual_venue),
    )
    standing.save()
    _audit(
        by,
        "dsr_meeting.terms_saved",
        summary=f"Saved the terms of reference of {standing.name}",
        request=request,
    )
    return standing


@transaction.atomic
def save_member(
    *,
    standing: StandingMeeting,
    by,
    member: DsrMeetingMember | None = None,
    name: str,
    organisation: str,
    sector: str,
    role: str = "",
    email: str = "",
    user=None,
    active: bool = True,
    request=None,
) -> DsrMeetingMember:
    if user is not None and user.icb_id != standing.icb_id:
        raise ValidationError({"user": "Choose someone who works on this ICB's register"})
    member = member or DsrMeetingMember(standing=standing)
    member.name = _text(name) or (user.display_name if user else "")
    if not member.name:
        raise ValidationError({"name": "Enter the member's name"})
    member.organisation, member.sector, member.role = _text(organisation), sector, _text(role)
    member.email = _text(email) or (user.email if user else "")
    member.user, member.active = user, active
    member.save()
    _audit(
        by,
        "dsr_meeting.member_saved",
        summary=f"{'Saved' if active else 'Took off'} {member.name} on the invitation list of {standing.name}",
        request=request,
    )
    return member


@transaction.atomic
def schedule_meetings(
    *,
    standing: StandingMeeting,
    by,
    first_date: dt.date,
    count: int = 1,
    start_time: dt.time | None = None,
    venue: str = "",
    chair=None,
    request=None,
) -> list[DsrMeeting]:
    """Schedule one meeting, or several at the standing meeting's rhythm."""
    if first_date is None:
        raise ValidationError({"first_date": "Enter the date of the meeting"})
    if first_date < get_today():
        raise ValidationError({"first_date": "The date of the meeting must be today or in the future"})
    if not count or not 1 <= count <= MOST_AT_ONCE:
        raise ValidationError({"count": f"How many meetings must be between 1 and {MOST_AT_ONCE}"})
    meetings = [
        DsrMeeting.objects.create(
            standing=standing,
            icb=standing.icb,
            date=add_weeks(first_date, standing.every_weeks * n),
            start_time=start_time or standing.usual_time,
            venue=_text(venue) or standing.usual_venue,
            chair=chair,
            created_by=by,
        )
        for n in range(count)
    ]
    _audit(
        by,
        "dsr_meeting.scheduled",
        summary=f"Scheduled {count} meeting{'s' if count != 1 else ''} of {standing.name} from {first_date:%-d %B %Y}",
        request=request,
    )
    return meetings
