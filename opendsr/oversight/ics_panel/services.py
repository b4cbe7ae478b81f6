"""Writes for the ICS oversight panel (s18). One function per thing a user does, each one transaction: the
record, its clock event where it is one, and the audit entry are saved together or not at all.

Recording a person as discussed writes `oversight_panel_reviewed` on the meeting's date, sourced
"panel_item:<pk>", which meets their `oversight_panel_review`; undoing it voids that event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, User
from opendsr.oversight.ics_panel import queries
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    OversightPanelMember,
    PanelAction,
    PanelActionStatus,
    PanelAttendance,
    PanelItem,
    PanelMeeting,
)
from opendsr.policy import EventType, dates
from opendsr.register import timeline
from opendsr.register.models import Person
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _source(item: PanelItem) -> str:
    return f"panel_item:{item.pk}"


def _actor(by, request):
    return request if request is not None else by


# ------------------------------------------------------------------------------------------- members


@transaction.atomic
def save_member(
    *,
    icb: Organisation,
    by: User,
    member: OversightPanelMember | None = None,
    name: str,
    role: str,
    organisation: str,
    email: str = "",
    user: User | None = None,
    is_chair: bool = False,
    left_on: dt.date | None = None,
    request=None,
) -> OversightPanelMember:
    if user is not None and user.icb_id != icb.pk:
        raise ValidationError({"user": "Select someone from this ICB"})
    if left_on is not None and left_on > get_today():
        raise ValidationError({"left_on": "The date they left the panel must be today or in the past"})
    new = member is None
    member = member or OversightPanelMember(icb=icb)
    member.name, member.role, member.organisation = name, role, organisation
    member.email, member.user, member.is_chair, member.left_on = email, user, is_chair, left_on
    member.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.member_added" if new else "oversight_panel.member_changed",
        summary=f"{'Added' if new else 'Changed'} {member.name} ({member.get_role_display()}) on the ICS "
        "oversight panel",
        detail={"member": member.pk},
    )
    return member


# ------------------------------------------------------------------------------------------- meetings


def _check_chair(icb: Organisation, chair: OversightPanelMember | None) -> None:
    if chair is not None and chair.icb_id != icb.pk:
        raise ValidationError({"chair": "Select a member of this ICB's panel"})


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
    problem = dates.event_date_problem(
        date, subject="The date of the meeting", today=get_today(), planned=True
    )
    if problem:
        raise ValidationError({"date": problem})
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
    problem = dates.event_date_problem(
        date, subject="The date of the meeting", today=get_today(), planned=True
    )
    if problem:
        raise ValidationError({"date": problem})
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


# ------------------------------------------------------------------------------------------- the agenda


def _fill_agenda(meeting: PanelMeeting) -> int:
    """Put everyone the clock says is due a panel review on the agenda (never anyone the chair took off),
    and bring the reasons of those not yet discussed up to date."""
    existing = {item.person_id: item for item in meeting.items.all()}
    added = 0
    for row in queries.due_for_panel(meeting.icb_id, get_today()):
        item = existing.get(row.person.pk)
        if item is None:
            PanelItem.objects.create(meeting=meeting, person=row.person, reasons=list(row.reasons))
            added += 1
        elif item.discussed_on is None and item.removed_at is None and item.reasons != list(row.reasons):
            chair = [r for r in item.reasons if r not in row.reasons] if item.added_by_chair else []
            item.reasons = [*row.reasons, *chair]
            item.save()
    return added


@transaction.atomic
def refresh_agenda(*, meeting: PanelMeeting, by: User, request=None) -> int:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError("The agenda of a meeting that was held or cancelled cannot change")
    added = _fill_agenda(meeting)
    audit.record(
        _actor(by, request),
        "oversight_panel.agenda_updated",
        summary=f"Added {added} {'person' if added == 1 else 'people'} due a panel review to the agenda of the "
        f"meeting on {nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk},
    )
    return added


@transaction.atomic
def add_to_agenda(*, meeting: PanelMeeting, by: User, person: Person, reason: str, request=None) -> PanelItem:
    """The chair adds someone the panel should review (s18: the cohort "is not exclusive to" the listed
    groups)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled")
    if person.icb_id != meeting.icb_id:
        raise ValidationError({"person": "Select someone on this ICB's register"})
    why = f"Added by the chair: {reason}"
    item = meeting.items.filter(person=person).first()
    if item is not None and item.removed_at is None:
        raise ValidationError({"person": f"{person.full_name} is already on the agenda"})
    if item is None:
        item = PanelItem(meeting=meeting, person=person, reasons=[])
    item.removed_at, item.removed_reason = None, ""
    item.added_by_chair, item.chair_reason = True, reason
    item.reasons = [*[r for r in item.reasons if not r.startswith("Added by the chair: ")], why]
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.person_added",
        person=person,
        summary=f"Added {person.full_name} to the agenda of the ICS oversight panel meeting on "
        f"{nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk, "item": item.pk},
    )
    return item


@transaction.atomic
def remove_from_agenda(*, item: PanelItem, by: User, reason: str, request=None) -> PanelItem:
    if item.discussed_on is not None:
        raise ValidationError(
            f"{item.person.full_name} was discussed at this meeting: undo that first if they were not"
        )
    if item.removed_at is not None:
        raise ValidationError(f"{item.person.full_name} is not on the agenda")
    item.removed_at, item.removed_reason = timezone.now(), reason
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.person_removed",
        person=item.person,
        summary=f"Took {item.person.full_name} off the agenda of the ICS oversight panel meeting on "
        f"{nhs_date(item.meeting.date)}",
        detail={"meeting": item.meeting_id, "item": item.pk},
    )
    return item


# ------------------------------------------------------------------------------------------- discussion


@transaction.atomic
def record_discussion(
    *, item: PanelItem, by: User, decision: str, discussion: str = "", request=None
) -> PanelItem:
    """The panel discussed the person: what it decided. The first time, this writes `oversight_panel_reviewed`
    on the meeting's date, which meets their panel review (s18); the meeting is then held."""
    meeting = item.meeting
    if item.removed_at is not None:
        raise ValidationError(f"{item.person.full_name} is not on the agenda: add them back first")
    _check_held(meeting, "a discussion")
    first_time = item.discussed_on is None
    item.decision, item.discussion, item.discussed_on = decision, discussion, meeting.date
    item.save()
    if first_time:
        timeline.record_event(
            person=item.person,
            type=EventType.OVERSIGHT_PANEL_REVIEWED,
            date=meeting.date,
            by=by,
            source=_source(item),
        )
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.discussed" if first_time else "oversight_panel.decision_changed",
        person=item.person,
        summary=f"Recorded the ICS oversight panel's decision for {item.person.full_name} at the meeting on "
        f"{nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk, "item": item.pk},
    )
    return item


@transaction.atomic
def undo_discussion(*, item: PanelItem, by: User, request=None) -> PanelItem:
    """They were recorded as discussed by mistake: void the panel review it wrote."""
    if item.discussed_on is None:
        raise ValidationError(f"{item.person.full_name} has not been recorded as discussed")
    if item.actions.exists():
        raise ValidationError("The panel agreed actions for them: a person with actions was discussed")
    timeline.void_events(
        person=item.person, source=_source(item), reason="Recorded as discussed at the panel by mistake"
    )
    item.discussed_on, item.decision, item.discussion = None, "", ""
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.discussion_undone",
        person=item.person,
        summary=f"Undid the ICS oversight panel's discussion of {item.person.full_name}",
        detail={"meeting": item.meeting_id, "item": item.pk},
    )
    return item


# ------------------------------------------------------------------------------------------- actions


@transaction.atomic
def add_action(
    *,
    item: PanelItem,
    by: User,
    text: str,
    due: dt.date,
    owner_user: User | None = None,
    owner_name: str = "",
    owner_organisation: str = "",
    request=None,
) -> PanelAction:
    """An action the panel takes ownership of (s18), with a named owner and a date. An owner with an OpenDSR
    account sees it in their work."""
    if item.discussed_on is None:
        raise ValidationError("Record what the panel decided for them before adding actions")
    if owner_user is not None and owner_user.icb_id != item.meeting.icb_id:
        raise ValidationError({"owner_user": "Select someone from this ICB"})
    if owner_user is None and not owner_name.strip():
        raise ValidationError({"owner_user": "Select who will do it, or enter their name"})
    if due < item.meeting.date:
        raise ValidationError(
            {
                "due": f"The date it must be done by must be on or after the meeting ({nhs_date(item.meeting.date)})"
            }
        )
    if owner_user is not None:
        owner_name = owner_name.strip() or owner_user.get_full_name() or owner_user.email
        owner_organisation = owner_organisation.strip() or str(
            owner_user.organisation or owner_user.icb or ""
        )
    action = PanelAction.objects.create(
        item=item,
        person=item.person,
        text=text,
        owner_user=owner_user,
        owner_name=owner_name,
        owner_organisation=owner_organisation,
        due=due,
    )
    audit.record(
        _actor(by, request),
        "oversight_panel.action_added",
        person=item.person,
        summary=f"Added an ICS oversight panel action for {item.person.full_name}, owned by {owner_name}",
        detail={"meeting": item.meeting_id, "item": item.pk, "action": action.pk},
    )
    return action


@transaction.atomic
def update_action(
    *,
    action: PanelAction,
    by: User,
    status: str,
    closed_on: dt.date | None = None,
    outcome_note: str = "",
    request=None,
) -> PanelAction:
    if status != PanelActionStatus.OPEN and closed_on is None:
        raise ValidationError({"closed_on": "Enter the date it was done or closed"})
    if status == PanelActionStatus.OPEN:
        closed_on = None
    if closed_on is not None and closed_on < action.item.meeting.date:
        raise ValidationError(
            {
                "closed_on": f"The date it was done must be on or after the meeting ({nhs_date(action.item.meeting.date)})"
            }
        )
    action.status, action.closed_on, action.outcome_note = status, closed_on, outcome_note
    action.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.action_updated",
        person=action.person,
        summary=f"Updated an ICS oversight panel action for {action.person.full_name}: "
        f"{action.get_status_display().lower()}",
        detail={"action": action.pk},
    )
    return action
