"""Writes for the meeting itself: who attended, and what was decided for each person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.meetings.agenda import SECTIONS
from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingItem,
    RatingOutcome,
)
from opendsr.meetings.services import escalation
from opendsr.meetings.services.common import CHANGEABLE_RATINGS, _audit, _item, _still_open, _text
from opendsr.register.models import ExitReason, Person, RegisterStatus
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.rating import consent_refusal, record_rating
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today

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
        if "new_rating" not in problems and (refusal := consent_refusal(person, new_rating, meeting.date)):
            problems["new_rating"] = refusal  # the rating service's own rule (s2.4), asked with the others
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
