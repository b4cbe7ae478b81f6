"""Writes for an escalation request and a complaint about a person's care in hospital, and resolving the
complaint."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.visits.models import (
    Complaint,
    EscalatedBy,
    EscalationRequest,
)
from opendsr.oversight.visits.services.common import _date_problems, _locked
from opendsr.policy import EventType
from opendsr.register import timeline
from opendsr.register.models import Person
from opendsr.web.formatting import nhs_date


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
    problems = _date_problems(
        requested_on,
        field="requested_on",
        missing="Enter the date they asked",
        subject="The date they asked",
        person=person,
    )
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


@transaction.atomic
def record_complaint(
    *, person: Person, by: User, made_on: dt.date | None, made_by: str, summary: str, request=None
) -> Complaint:
    """A complaint about the person's care: `complaint_made`, which keeps them on the ICS oversight panel's
    agenda until it is resolved (s18)."""
    person = _locked(person)
    problems = _date_problems(
        made_on,
        field="made_on",
        missing="Enter the date of the complaint",
        subject="The date of the complaint",
        person=person,
    )
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
    problems = _date_problems(
        resolved_on,
        field="resolved_on",
        missing="Enter the date it was resolved",
        subject="The date it was resolved",
        after=complaint.made_on,
        after_what="of the complaint",
    )
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
