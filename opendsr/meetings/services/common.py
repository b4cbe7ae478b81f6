"""What the DSR meeting's writes share: the audit call, tidy text, the check that a meeting is still open, and
a person's place on its agenda."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from opendsr.accounts import audit
from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingItem,
    DsrMeetingStatus,
)
from opendsr.register.models import DecidedRating, Person

MOST_AT_ONCE = 26  # a year of fortnightly meetings
CHANGEABLE_RATINGS = [DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN]


def _audit(by, action, *, summary, person=None, detail=None, request=None):
    audit.record(request or by, action, person=person, summary=summary, detail=detail)


def _text(value) -> str:
    return (value or "").strip()


def _still_open(meeting: DsrMeeting) -> None:
    if meeting.status != DsrMeetingStatus.SCHEDULED:
        raise ValidationError("The minutes of this meeting have been sent: it can no longer be changed")


def _item(meeting: DsrMeeting, person: Person) -> DsrMeetingItem:
    item = DsrMeetingItem.objects.select_for_update().filter(meeting=meeting, person=person).first()
    return item or DsrMeetingItem(meeting=meeting, person=person)
