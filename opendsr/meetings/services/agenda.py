"""Writes for the meeting's agenda: the order of its sections, and people added or removed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.meetings.agenda import SECTIONS, section_order
from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingAttendance,
    DsrMeetingItem,
)
from opendsr.meetings.services.common import _audit, _item, _still_open, _text
from opendsr.register.models import Person

# ----------------------------------------------------------------------------------------------- agenda


@transaction.atomic
def move_section(*, meeting: DsrMeeting, by, section: str, up: bool, request=None) -> list[str]:
    _still_open(meeting)
    order = section_order(meeting)
    if section not in order:
        raise ValidationError("Choose a section of the agenda")
    at = order.index(section)
    to = at - 1 if up else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    meeting.sections = order
    meeting.save(update_fields=["sections"])
    _audit(
        by,
        "dsr_meeting.agenda_reordered",
        summary=f"Moved '{SECTIONS[section]}' {'up' if up else 'down'}",
        request=request,
    )
    return order


@transaction.atomic
def add_to_agenda(
    *, meeting: DsrMeeting, person: Person, by, section: str, reason: str = "", request=None
) -> DsrMeetingItem:
    _still_open(meeting)
    if person.icb_id != meeting.icb_id:
        raise ValidationError({"person": "Choose someone on this ICB's register"})
    if section not in SECTIONS:
        raise ValidationError({"section": "Choose the part of the agenda to add them to"})
    if len(_text(reason)) > 300:
        raise ValidationError({"reason": "Why they are on the agenda must be 300 characters or fewer"})
    item = _item(meeting, person)
    item.removed, item.removed_reason = False, ""
    item.added_by_chair, item.section, item.added_reason = True, section, _text(reason)
    item.save()
    _audit(
        by,
        "dsr_meeting.person_added",
        person=person,
        summary=f"Added to the agenda of {meeting}",
        request=request,
    )
    return item


@transaction.atomic
def remove_from_agenda(
    *, meeting: DsrMeeting, person: Person, by, reason: str, request=None
) -> DsrMeetingItem:
    _still_open(meeting)
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": "Say why they are being taken off the agenda"})
    if len(reason) > 300:
        raise ValidationError({"reason": "Why they are being taken off must be 300 characters or fewer"})
    item = _item(meeting, person)
    if item.discussed:
        raise ValidationError("They have been discussed at this meeting, so they stay on its agenda")
    item.removed, item.removed_reason = True, reason
    item.save()
    _audit(
        by,
        "dsr_meeting.person_removed",
        person=person,
        summary=f"Taken off the agenda of {meeting}: {reason}",
        request=request,
    )
    return item


@transaction.atomic
def record_attendance(*, meeting: DsrMeeting, by, present: list[int], guests: str = "", request=None) -> None:
    """Who came: members ticked as present, the rest sent apologies or did not come; guests one to a line,
    "Name, Organisation"."""
    _still_open(meeting)
    members = {m.pk: m for m in meeting.standing.members.filter(active=True)}
    unknown = set(present) - set(members)
    if unknown:
        raise ValidationError({"present": "Choose members of this meeting"})
    lines = [line.strip() for line in (guests or "").splitlines() if line.strip()]
    parsed = []
    for line in lines:
        name, _, organisation = line.partition(",")
        if len(name.strip()) > 200 or len(organisation.strip()) > 200:
            raise ValidationError(
                {"guests": "Each guest's name and organisation must be 200 characters or fewer"}
            )
        parsed.append((name.strip(), organisation.strip()))
    for row in meeting.attendance.all():
        row.delete()
    for pk, member in members.items():
        DsrMeetingAttendance.objects.create(
            meeting=meeting,
            member=member,
            name=member.name,
            organisation=member.organisation,
            present=pk in present,
        )
    for name, organisation in parsed:
        DsrMeetingAttendance.objects.create(
            meeting=meeting, name=name, organisation=organisation, present=True
        )
    meeting.attendance_taken = True
    meeting.save(update_fields=["attendance_taken"])
    _audit(by, "dsr_meeting.attendance", summary=f"Recorded who came to {meeting}", request=request)
