"""Writes: recording a commissioner oversight visit and its actions, an escalation request and a complaint.

One keyword-only function per thing a user does, each one transaction: the record, its clock event (with
`source` naming the record, so that a correction voids and re-writes it), the recomputed obligations and the
audit entry are saved together or not at all. A refusal is a `ValidationError` naming the field."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.visits import rules
from opendsr.oversight.visits.models import (
    ActionStatus,
    Complaint,
    EscalatedBy,
    EscalationRequest,
    OversightVisit,
    VisitAction,
)
from opendsr.policy import EventType
from opendsr.register import timeline
from opendsr.register.models import Person
from opendsr.register.services import check_date
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today

VISIT_FIELDS = (
    "visited_on",
    "visitors",
    "place",
    "length_minutes",
    "sit_and_see",
    "shorter_because",
    "environment",
    "safety",
    "caring",
    "organised",
    "anything_else",
)
NOTES = ("environment", "safety", "caring", "organised", "anything_else")


def _required(values: dict) -> None:
    missing = {field: message for field, (value, message) in values.items() if not str(value or "").strip()}
    if missing:
        raise ValidationError(missing)


def _locked(person: Person) -> Person:
    """The person's row, held until the transaction ends, so that two writes about them queue."""
    return Person.objects.select_for_update().get(pk=person.pk)


def in_hospital_on(person: Person, day: dt.date) -> bool:
    """Whether the person was an inpatient on `day`: the latest admission or discharge on or before it is an
    admission."""
    latest = (
        person.timeline.filter(
            type__in=[EventType.ADMITTED, EventType.DISCHARGED], voided_at__isnull=True, date__lte=day
        )
        .order_by("-date", "-id")
        .values_list("type", flat=True)
        .first()
    )
    return latest == EventType.ADMITTED


# ------------------------------------------------------------------------------------------- visits


def _check_visit(person: Person, values: dict) -> dict:
    """The visit's values, cleaned; or a refusal naming every field that is wrong."""
    cleaned = {name: values.get(name) for name in VISIT_FIELDS}
    for name in ("visitors", "place", "shorter_because", *NOTES):
        cleaned[name] = (cleaned[name] or "").strip()
    problems: dict[str, str] = {}
    if cleaned["visited_on"] is None:
        problems["visited_on"] = "Enter the date of the visit"
    else:
        try:
            check_date(cleaned["visited_on"], field="visited_on", subject="Date of the visit", person=person)
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
        else:
            if not in_hospital_on(person, cleaned["visited_on"]):
                problems["visited_on"] = (
                    f"{person.full_name} was not in hospital on {nhs_date(cleaned['visited_on'])}. "
                    "An oversight visit is to someone in hospital: check the date, or record the admission first"
                )
    if not cleaned["visitors"]:
        problems["visitors"] = "Enter who visited"
    length = rules.length_problem(cleaned["length_minutes"])
    if length:
        problems["length_minutes"] = length
    if cleaned["sit_and_see"] not in (True, False):
        problems["sit_and_see"] = "Select yes if the visit included a sit-and-see observation"
    elif not cleaned["sit_and_see"]:
        cleaned["shorter_because"] = ""  # only a sit and see has a length to explain
    elif not length:
        short = rules.short_sit_and_see_problem(
            sit_and_see=True, minutes=cleaned["length_minutes"], shorter_because=cleaned["shorter_because"]
        )
        if short:
            problems["shorter_because"] = short
        if not rules.short_sit_and_see(sit_and_see=True, minutes=cleaned["length_minutes"]):
            cleaned["shorter_because"] = ""
    if problems:
        raise ValidationError(problems)
    return cleaned


def _write_visit_event(visit: OversightVisit, by) -> None:
    timeline.record_event(
        person=visit.person,
        type=EventType.OVERSIGHT_VISIT,
        date=visit.visited_on,
        by=by,
        data={"sit_and_see": visit.sit_and_see},
        source=visit.source,
    )


def _describe(visit: OversightVisit) -> str:
    kind = "Sit-and-see oversight visit" if visit.sit_and_see else "Oversight visit"
    return f"{kind} on {nhs_date(visit.visited_on)} ({rules.length_in_words(visit.length_minutes)})"


@transaction.atomic
def record_visit(*, person: Person, by: User, request=None, **values) -> OversightVisit:
    """Record a commissioner oversight visit (s16.1) and its `oversight_visit` event, which meets the visit the
    clock asked for and, when it was a sit and see, the `sit_and_see` before a planned C(E)TR."""
    person = _locked(person)
    cleaned = _check_visit(person, values)
    visit = OversightVisit.objects.create(person=person, recorded_by=by, **cleaned)
    _write_visit_event(visit, by)
    audit.record(
        request or by,
        "visit.recorded",
        person=person,
        summary=_describe(visit),
        detail={"visit": visit.pk, "sit_and_see": visit.sit_and_see},
    )
    return visit


@transaction.atomic
def update_visit(*, visit: OversightVisit, by: User, request=None, **values) -> OversightVisit:
    """Correct a visit. When its date or whether it was a sit and see changes, its event is voided and written
    again, so that the timeline and the clock say what the record says."""
    person = _locked(visit.person)
    cleaned = _check_visit(person, values)
    event_changed = (cleaned["visited_on"], cleaned["sit_and_see"]) != (visit.visited_on, visit.sit_and_see)
    changed = [name for name in VISIT_FIELDS if getattr(visit, name) != cleaned[name]]
    for name in changed:
        setattr(visit, name, cleaned[name])
    if not changed:
        return visit
    visit.save()
    if event_changed:
        timeline.void_events(person=person, source=visit.source, reason="Visit corrected", refresh=False)
        _write_visit_event(visit, by)
    audit.record(
        request or by,
        "visit.updated",
        person=person,
        summary=f"Corrected: {_describe(visit)}",
        detail={"visit": visit.pk, "changed": changed},
    )
    return visit


# ------------------------------------------------------------------------------------------- actions


def owners_for(person: Person):
    """Who may own a visit's action: the active users of the person's ICB."""
    return User.objects.filter(icb_id=person.icb_id, is_active=True).order_by(
        "first_name", "last_name", "email"
    )


@transaction.atomic
def add_visit_action(
    *, visit: OversightVisit, by: User, text: str, owner: User | None, due: dt.date | None, request=None
) -> VisitAction:
    """An action from a visit: what, which user of the ICB owns it, by when. It is in their My work."""
    problems = {}
    if not (text or "").strip():
        problems["text"] = "Enter what needs to happen"
    if owner is None or not owners_for(visit.person).filter(pk=owner.pk).exists():
        problems["owner"] = "Select who owns the action"
    if due is None:
        problems["due"] = "Enter the date it is due by"
    else:
        try:
            check_date(
                due,
                field="due",
                subject="The date it is due by",
                after=visit.visited_on,
                after_what="of the visit",
                planned=True,
            )
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
    if problems:
        raise ValidationError(problems)
    action = VisitAction.objects.create(
        visit=visit, person=visit.person, text=text.strip(), owner=owner, due=due
    )
    audit.record(
        request or by,
        "visit.action_added",
        person=visit.person,
        summary=f"Added an action for {owner.display_name}, due {nhs_date(due)}: {action.text}"[:300],
        detail={"visit": visit.pk, "action": action.pk, "owner": owner.pk},
    )
    return action


@transaction.atomic
def update_visit_action(
    *,
    action: VisitAction,
    by: User,
    status: str,
    closed_on: dt.date | None = None,
    outcome_note: str = "",
    request=None,
) -> VisitAction:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Select where the action is"})
    outcome_note = (outcome_note or "").strip()
    if status == ActionStatus.NOT_DONE and not outcome_note:
        raise ValidationError({"outcome_note": "Enter why it was not done"})
    if status != ActionStatus.OPEN:
        closed_on = closed_on or get_today()
        check_date(
            closed_on,
            field="closed_on",
            subject="The date it was closed",
            after=action.visit.visited_on,
            after_what="of the visit",
        )
    action.status = status
    action.closed_on = closed_on if status != ActionStatus.OPEN else None
    action.outcome_note = outcome_note
    action.save()
    audit.record(
        request or by,
        "visit.action_updated",
        person=action.person,
        summary=f"Action {action.get_status_display().lower()}: {action.text}"[:300],
        detail={"visit": action.visit_id, "action": action.pk, "status": status},
    )
    return action


# ------------------------------------------------------------------------------------------- escalation


@transaction.atomic
def record_escalation(
    *,
    person: Person,
    by: User,
    requested_on: dt.date | None,
    requested_by: str,
    what_asked: str,
    requester_name: str = "",
    request=None,
) -> EscalationRequest:
    """A request that the ICS oversight panel looks at the person's care (s18): `escalation_requested` with
    who asked, which puts them on the panel's agenda."""
    person = _locked(person)
    problems = {}
    if requested_on is None:
        problems["requested_on"] = "Enter the date they asked"
    else:
        try:
            check_date(requested_on, field="requested_on", subject="The date they asked", person=person)
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
    if requested_by not in EscalatedBy.values:
        problems["requested_by"] = "Select who asked"
    if not (what_asked or "").strip():
        problems["what_asked"] = "Enter what they asked for"
    if problems:
        raise ValidationError(problems)
    row = EscalationRequest.objects.create(
        person=person,
        requested_on=requested_on,
        requested_by=requested_by,
        requester_name=(requester_name or "").strip(),
        what_asked=what_asked.strip(),
        recorded_by=by,
    )
    timeline.record_event(
        person=person,
        type=EventType.ESCALATION_REQUESTED,
        date=requested_on,
        by=by,
        data={"by": requested_by},
        source=row.source,
    )
    audit.record(
        request or by,
        "escalation.recorded",
        person=person,
        summary=f"Escalation to the ICS oversight panel asked for by "
        f"{row.get_requested_by_display().lower()} on {nhs_date(requested_on)}",
        detail={"escalation": row.pk, "by": requested_by},
    )
    return row


# ------------------------------------------------------------------------------------------- complaints


@transaction.atomic
def record_complaint(
    *, person: Person, by: User, made_on: dt.date | None, made_by: str, summary: str, request=None
) -> Complaint:
    """A complaint about the person's care: `complaint_made`, which keeps them on the ICS oversight panel's
    agenda until it is resolved (s18)."""
    person = _locked(person)
    problems = {}
    if made_on is None:
        problems["made_on"] = "Enter the date of the complaint"
    else:
        try:
            check_date(made_on, field="made_on", subject="The date of the complaint", person=person)
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
    if not (made_by or "").strip():
        problems["made_by"] = "Enter who complained"
    if not (summary or "").strip():
        problems["summary"] = "Enter what the complaint is about"
    if problems:
        raise ValidationError(problems)
    row = Complaint.objects.create(
        person=person, made_on=made_on, made_by=made_by.strip(), summary=summary.strip(), recorded_by=by
    )
    timeline.record_event(
        person=person, type=EventType.COMPLAINT_MADE, date=made_on, by=by, source=row.source
    )
    audit.record(
        request or by,
        "complaint.recorded",
        person=person,
        summary=f"Complaint from {row.made_by} on {nhs_date(made_on)}"[:300],
        detail={"complaint": row.pk},
    )
    return row


@transaction.atomic
def resolve_complaint(
    *,
    complaint: Complaint,
    by: User,
    resolved_on: dt.date | None,
    everyone_satisfied: bool | None,
    resolution: str,
    request=None,
) -> Complaint:
    """Resolved to the satisfaction of all involved (s18): `complaint_resolved`, which ends what the complaint
    put before the ICS oversight panel."""
    _locked(complaint.person)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.resolved_on is not None:
        raise ValidationError(f"This complaint was already resolved on {nhs_date(complaint.resolved_on)}")
    problems = {}
    if resolved_on is None:
        problems["resolved_on"] = "Enter the date it was resolved"
    else:
        try:
            check_date(
                resolved_on,
                field="resolved_on",
                subject="The date it was resolved",
                after=complaint.made_on,
                after_what="of the complaint",
            )
        except ValidationError as error:
            problems.update({k: v[0] for k, v in error.message_dict.items()})
    if everyone_satisfied is None:
        problems["everyone_satisfied"] = (
            "Select yes if everyone involved is satisfied with how it was resolved"
        )
    elif not everyone_satisfied:
        problems["everyone_satisfied"] = (
            "A complaint is resolved only when everyone involved is satisfied. Until then it stays open and "
            "keeps the person on the ICS oversight panel's agenda"
        )
    if not (resolution or "").strip():
        problems["resolution"] = "Enter how it was resolved"
    if problems:
        raise ValidationError(problems)
    complaint.resolved_on = resolved_on
    complaint.resolution = resolution.strip()
    complaint.save()
    timeline.record_event(
        person=complaint.person,
        type=EventType.COMPLAINT_RESOLVED,
        date=resolved_on,
        by=by,
        source=complaint.resolved_source,
    )
    audit.record(
        request or by,
        "complaint.resolved",
        person=complaint.person,
        summary=f"Complaint from {complaint.made_by} resolved on {nhs_date(resolved_on)}"[:300],
        detail={"complaint": complaint.pk},
    )
    return complaint
