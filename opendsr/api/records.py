"""Writes and the work queue: record a timeline event, record a referral, and read obligations by queue.

Writes go through the services the pages use, so the person's obligations are recomputed in the same
transaction and the audit trail names what was recorded."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.paginator import Paginator
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.api import schemas
from opendsr.api.auth import require_scope
from opendsr.api.models import Scope
from opendsr.api.people import ERRORS, PAGE_SIZE, event_out, obligation_out, person_to_read
from opendsr.oversight import services as timeline_services
from opendsr.oversight.work_queue import MONTH, WEEK
from opendsr.policy import EventType
from opendsr.referrals import services as referral_services
from opendsr.register.models import Obligation, RegisterStatus
from opendsr.web.today import today as get_today

router = Router(tags=["records"])
WRITE_ERRORS = {**ERRORS, 422: schemas.Error}


@router.get(
    "/people/{person_id}/events",
    response={200: list[schemas.Event], **ERRORS},
    summary="List timeline events",
)
def list_events(request, person_id: int):
    """A person's timeline, oldest first, voided events included and marked. Needs the `read` scope."""
    person = person_to_read(request, person_id)
    audit.viewed(request, f"the API's timeline of {person.full_name}", person=person)
    return [event_out(e) for e in person.timeline.order_by("date", "id")]


@router.post(
    "/people/{person_id}/events",
    response={201: schemas.Event, **WRITE_ERRORS},
    summary="Record a timeline event",
)
def record_event(request, person_id: int, payload: schemas.EventIn):
    """Record what happened to a person; their obligations are recomputed. Needs the `record_events` scope.
    The date follows the same rules as the page: not before their date of birth, not in the future."""
    require_scope(request, Scope.RECORD_EVENTS)
    person = access.person_for(request.user, person_id, Action.RECORD_EVENT)
    data = {}
    if payload.type == EventType.DIAGNOSIS_REMOVAL_PROPOSED:
        if payload.change_date is None:
            raise HttpError(422, "Enter the date the change would take effect (change_date)")
        data["change_date"] = payload.change_date.isoformat()
    event = timeline_services.record_timeline_event(
        person=person,
        by=request.user,
        type=payload.type,
        date=payload.date,
        data=data,
        notes=payload.notes.strip(),
        request=request,
    )
    return Status(201, event_out(event))


class QueueFilters(Schema):
    queue: Literal["open", "overdue", "week", "month", "later"] = Field(
        "open",
        description="open: every open obligation; overdue; week: due in the next 7 days; "
        "month: in the next 28 days; later: later or no date set",
    )
    kind: schemas.Line(40) = Field("", description="Only obligations of this kind")
    page: int = Field(1, ge=1, le=10_000)


@router.get("/obligations", response={200: schemas.ObligationPage, **ERRORS}, summary="Obligations by queue")
def obligations_by_queue(request, filters: Query[QueueFilters]):
    """Open obligations of the people this token's user may see, earliest due first, as the work queue
    sections them. Needs the `read` scope."""
    require_scope(request, Scope.READ)
    access.require(request.user, Action.VIEW_WORK)
    today = get_today()
    people = access.people_for(request.user).exclude(status=RegisterStatus.LEFT)
    rows = Obligation.objects.filter(person__in=people, is_open=True)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    week, month = today + dt.timedelta(days=WEEK), today + dt.timedelta(days=MONTH)
    if filters.queue == "overdue":
        rows = rows.filter(due__lt=today)
    elif filters.queue == "week":
        rows = rows.filter(due__gte=today, due__lte=week)
    elif filters.queue == "month":
        rows = rows.filter(due__gt=week, due__lte=month)
    elif filters.queue == "later":
        rows = rows.exclude(due__lte=month)
    rows = rows.order_by("due", "person_id", "kind", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(filters.page)
    shown = list(page.object_list)
    audit.listed(
        request,
        "the API's obligations queue",
        people={o.person_id for o in shown},
        filters={"queue": filters.queue, "kind": filters.kind},
    )
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [obligation_out(o, today) for o in shown],
    }


@router.post("/referrals", response={201: schemas.Referral, **WRITE_ERRORS}, summary="Record a referral")
def record_referral(request, payload: schemas.ReferralIn):
    """Record a referral for someone already on the register (`person_id`) or someone new (`person`). Needs the
    `record_referrals` scope. Someone new who may already be on the register is refused (422): record the
    referral against them instead."""
    require_scope(request, Scope.RECORD_REFERRALS)
    access.require(request.user, Action.MANAGE_REFERRALS)
    if (payload.person_id is None) == (payload.person is None):
        raise HttpError(422, "Give either person_id (someone on the register) or person (someone new)")
    person = None
    if payload.person_id is not None:
        person = access.person_for(request.user, payload.person_id, Action.MANAGE_REFERRALS)
    fields = payload.dict(exclude={"person_id", "person"})
    referral = referral_services.record_referral(
        icb=request.user.icb,
        by=request.user,
        person=person,
        person_fields=payload.person.dict() if payload.person else None,
        request=request,
        **fields,
    )
    return Status(
        201,
        {
            "id": referral.pk,
            "person_id": referral.person_id,
            "received_on": referral.received_on,
            "source": referral.source,
            "channel": referral.channel,
        },
    )
