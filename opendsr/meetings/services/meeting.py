"""Writes for the multi-agency DSR meeting: terms of reference and members, scheduling, the agenda, attendance,
what was decided for each person, and actions. One transaction each, keyword-only arguments."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.meetings import minutes
from opendsr.meetings.agenda import SECTIONS, section_order
from opendsr.meetings.models import (
    ActionStatus,
    DsrMeeting,
    DsrMeetingAction,
    DsrMeetingAttendance,
    DsrMeetingItem,
    DsrMeetingMember,
    DsrMeetingStatus,
    RatingOutcome,
    StandingMeeting,
)
from opendsr.meetings.services import escalation
from opendsr.policy import add_weeks
from opendsr.register.models import DecidedRating, ExitReason, Person, RegisterStatus
from opendsr.register.services.consent import consent_in_force
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.rating import record_rating
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today

MOST_AT_ONCE = 26  # a year of fortnightly meetings
CHANGEABLE_RATINGS = [DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN]


def _audit(by, action, *, summary, person=None, detail=None, request=None):
    audit.record(request or by, action, person=person, summary=summary, detail=detail)


def _text(value) -> str:
    return (value or "").strip()


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


def _still_open(meeting: DsrMeeting) -> None:
    if meeting.status != DsrMeetingStatus.SCHEDULED:
        raise ValidationError("The minutes of this meeting have been sent: it can no longer be changed")


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


def _item(meeting: DsrMeeting, person: Person) -> DsrMeetingItem:
    item = DsrMeetingItem.objects.select_for_update().filter(meeting=meeting, person=person).first()
    return item or DsrMeetingItem(meeting=meeting, person=person)


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


# --------------------------------------------------------------------------------------- the discussion


@transaction.atomic
def record_discussion(
    *,
    meeting: DsrMeeting,
    person: Person,
    by,
    section: str = "",
    note: str,
    rating_outcome: str,
    new_rating: str = "",
    rationale: str = "",
    escalate: bool = False,
    escalation_reason: str = "",
    urgent: bool = False,
    leave: bool = False,
    leave_reason: str = "",
    leave_notes: str = "",
    request=None,
) -> DsrMeetingItem:
    """What the meeting decided for one person. It is the multi-agency meeting the policy asks for (s4: an amber
    rating needs one), so it writes `mdt_held` on their timeline. A changed rating goes through the register's
    rating service, with its rationale; leaving goes through the register's leaving service."""
    _still_open(meeting)
    if meeting.date > get_today():
        raise ValidationError("The meeting has not happened yet: record the discussion on the day")
    item = _item(meeting, person)
    if item.discussed:
        raise ValidationError("The discussion about them has already been recorded at this meeting")
    problems = {}
    note = _text(note)
    if not note:
        problems["note"] = "Enter a short note of the discussion"
    if rating_outcome not in RatingOutcome.values:
        problems["rating_outcome"] = "Choose what the meeting decided about their rating"
    elif rating_outcome == RatingOutcome.CHANGED:
        if new_rating not in CHANGEABLE_RATINGS:
            problems["new_rating"] = "Choose the new rating"
        elif new_rating == person.current_rating:
            problems["new_rating"] = (
                "The new rating is the same as their rating now: choose ‘Rating confirmed’"
            )
        if not _text(rationale):
            problems["rationale"] = "Explain why the rating changed"
        if (
            "new_rating" not in problems
            and person.status != RegisterStatus.ACTIVE
            and not consent_in_force(person, meeting.date)
        ):
            # s2.4: on the register only with consent, or a recorded best-interests decision.
            problems["new_rating"] = (
                "They cannot be rated onto the register without consent to be on it, or a recorded "
                "best-interests decision: record consent first, or choose ‘Not rated at this meeting’"
            )
    elif rating_outcome == RatingOutcome.CONFIRMED and not person.current_rating:
        problems["rating_outcome"] = (
            "They have no rating to confirm: choose a rating or ‘Not rated at this meeting’"
        )
    if escalate and not _text(escalation_reason):
        problems["escalation_reason"] = "Say why it is being escalated"
    if leave:
        if person.status == RegisterStatus.LEFT:
            problems["leave"] = "They have already left the register"
        elif leave_reason not in ExitReason.values:
            problems["leave_reason"] = "Choose why they are leaving the register"
    if problems:
        raise ValidationError(problems)
    item.section = section if section in SECTIONS else (item.section or "added")
    item.discussed, item.note, item.rating_outcome = True, note, rating_outcome
    item.rating_before, item.rationale = person.current_rating, _text(rationale)
    item.rating_after = new_rating if rating_outcome == RatingOutcome.CHANGED else person.current_rating
    item.escalated, item.left_register = bool(escalate), bool(leave)
    item.recorded_by, item.recorded_at = by, timezone.now()
    item.save()
    if rating_outcome == RatingOutcome.CHANGED:
        decision = record_rating(
            person=person,
            by=by,
            rating=new_rating,
            decided_on=meeting.date,
            rationale=item.rationale,
            professional_judgement=f"Multi-agency DSR meeting on {meeting.date:%-d %B %Y}: {note}",
            request=request,
        )
        item.rating_decision_id = decision.pk
        item.save(update_fields=["rating_decision_id"])
    record_event(
        person=person,
        type="mdt_held",
        date=meeting.date,
        by=by,
        source=f"dsr_meeting_item:{item.pk}",
        notes=f"Discussed at {meeting.standing.name}",
    )
    if escalate:
        escalation.raise_from_meeting(item=item, by=by, reason=_text(escalation_reason), urgent=bool(urgent))
    if leave:
        person.refresh_from_db()
        remove_from_register(
            person=person,
            by=by,
            reason=leave_reason,
            left_on=meeting.date,
            notes=_text(leave_notes),
            request=request,
        )
    _audit(
        by,
        "dsr_meeting.discussed",
        person=person,
        summary=f"Discussed at {meeting}: {item.get_rating_outcome_display().lower()}",
        detail={"meeting": meeting.pk, "item": item.pk},
        request=request,
    )
    return item


# ---------------------------------------------------------------------------------------------- actions


def _check_action(text, owner_name, owner_organisation, due, *, after: dt.date) -> dict:
    problems = {}
    if not _text(text):
        problems["text"] = "Enter what needs to happen"
    if not _text(owner_name):
        problems["owner_name"] = "Enter the name of the person who owns the action"
    elif len(_text(owner_name)) > 200:
        problems["owner_name"] = "The owner's name must be 200 characters or fewer"
    if not _text(owner_organisation):
        problems["owner_organisation"] = "Enter the owner's organisation"
    elif len(_text(owner_organisation)) > 200:
        problems["owner_organisation"] = "The owner's organisation must be 200 characters or fewer"
    if due is None:
        problems["due"] = "Enter the date the action is due"
    elif due < after:
        problems["due"] = "The date the action is due must be on or after the meeting"
    return problems


@transaction.atomic
def add_action(
    *,
    item: DsrMeetingItem,
    by,
    text: str,
    owner_user=None,
    owner_name: str = "",
    owner_organisation: str = "",
    due: dt.date | None,
    request=None,
) -> DsrMeetingAction:
    _still_open(item.meeting)
    if owner_user is not None:
        if owner_user.icb_id != item.meeting.icb_id:
            raise ValidationError({"owner_user": "Choose someone who works on this ICB's register"})
        owner_name = _text(owner_name) or owner_user.display_name
        owner_organisation = _text(owner_organisation) or (str(owner_user.organisation or ""))
    problems = _check_action(text, owner_name, owner_organisation, due, after=item.meeting.date)
    if problems:
        raise ValidationError(problems)
    if not item.pk:
        item.save()
    action = DsrMeetingAction.objects.create(
        item=item,
        person=item.person,
        text=_text(text),
        owner_user=owner_user,
        owner_name=_text(owner_name),
        owner_organisation=_text(owner_organisation),
        due=due,
        created_by=by,
    )
    _audit(
        by,
        "dsr_meeting.action_added",
        person=item.person,
        summary=f"Action for {action.owner_name}: {action.text[:200]}",
        request=request,
    )
    return action


def may_update_action(user, action: DsrMeetingAction) -> bool:
    return action.owner_user_id == user.pk or access.allowed(user, Action.MANAGE_MEETINGS)


@transaction.atomic
def update_action(
    *,
    action: DsrMeetingAction,
    by,
    status: str,
    outcome_note: str = "",
    closed_on: dt.date | None = None,
    request=None,
) -> DsrMeetingAction:
    if not may_update_action(by, action):
        raise PermissionDenied
    problems = {}
    if status not in ActionStatus.values:
        problems["status"] = "Choose where the action is up to"
    if status != ActionStatus.OPEN:
        closed_on = closed_on or get_today()
        if closed_on > get_today():
            problems["closed_on"] = "The date it was closed must be today or in the past"
        if status == ActionStatus.NOT_DONE and not _text(outcome_note):
            problems["outcome_note"] = "Say why the action was not done"
    if problems:
        raise ValidationError(problems)
    action.status = status
    action.closed_on = None if status == ActionStatus.OPEN else closed_on
    action.outcome_note = _text(outcome_note)
    action.save()
    _audit(
        by,
        "dsr_meeting.action_updated",
        person=action.person,
        summary=f"Action {action.get_status_display().lower()}: {action.text[:200]}",
        request=request,
    )
    return action


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
