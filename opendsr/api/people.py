"""People: search the register and read one person's record, their timeline and what is owed to them."""

from __future__ import annotations

from typing import Literal

from django.core.paginator import Paginator
from ninja import Query, Router, Schema
from pydantic import Field

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.api import schemas
from opendsr.api.auth import require_scope
from opendsr.api.models import Scope
from opendsr.register.models import Obligation
from opendsr.register.obligations import status_of
from opendsr.register.queries import RegisterFilters, register_for
from opendsr.web.labels import event_label, kind_label
from opendsr.web.today import today as get_today

router = Router(tags=["people"])
PAGE_SIZE = 50


def person_out(person) -> dict:
    return {
        "id": person.pk,
        "nhs_number": person.nhs_number,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "status": person.status,
        "diagnosis": person.diagnosis,
        "location": person.location,
        "current_rating": person.current_rating,
        "team": person.team.name if person.team_id else None,
        "case_manager": person.case_manager.display_name if person.case_manager_id else None,
    }


def obligation_out(obligation: Obligation, today) -> dict:
    return {
        "id": obligation.pk,
        "person_id": obligation.person_id,
        "kind": obligation.kind,
        "label": kind_label(obligation.kind),
        "raised_on": obligation.raised_on,
        "due": obligation.due,
        "met_on": obligation.met_on,
        "status": str(status_of(obligation.due, obligation.met_on, today, obligation.ended_on).value),
        "basis": obligation.basis,
    }


def event_out(event) -> dict:
    return {
        "id": event.pk,
        "type": event.type,
        "label": event_label(event.type),
        "date": event.date,
        "data": event.data or {},
        "notes": event.notes,
        "source": event.source,
        "recorded_at": event.recorded_at,
        "voided": event.voided_at is not None,
        "voided_reason": event.voided_reason,
    }


class Search(Schema):
    q: schemas.Line(100) = Field("", description="Name, or NHS number (all or part)")
    status: Literal["active", "referred", "left", "all"] = "active"
    page: int = Field(1, ge=1, le=10_000)


ERRORS = {401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 429: schemas.Error}


@router.get("/people", response={200: schemas.PersonPage, **ERRORS}, summary="Search people")
def search_people(request, filters: Query[Search]):
    """The people this token's user may see, found by name or NHS number. Needs the `read` scope."""
    require_scope(request, Scope.READ)
    access.require(request.user, Action.VIEW_REGISTER)
    people = register_for(request.user, RegisterFilters(q=filters.q, status=filters.status))
    page = Paginator(people, PAGE_SIZE).get_page(filters.page)
    shown = list(page.object_list)
    audit.listed(
        request, "the API's people search", people=shown, filters={"q": filters.q, "status": filters.status}
    )
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [person_out(p) for p in shown],
    }


def person_to_read(request, person_id: int):
    """The person, for a token that may read and a user who may see their whole record."""
    require_scope(request, Scope.READ)
    return access.person_for(request.user, person_id, Action.VIEW_RECORD)


@router.get("/people/{person_id}", response={200: schemas.Person, **ERRORS}, summary="Get a person")
def get_person(request, person_id: int):
    """One person's record. Needs the `read` scope."""
    person = person_to_read(request, person_id)
    audit.viewed(request, f"the API's record of {person.full_name}", person=person)
    return person_out(person)


@router.get(
    "/people/{person_id}/obligations",
    response={200: list[schemas.Obligation], **ERRORS},
    summary="List a person's obligations",
)
def person_obligations(request, person_id: int):
    """What the policy clock says is owed to this person, open and met. Needs the `read` scope."""
    person = person_to_read(request, person_id)
    audit.viewed(request, f"the API's obligations of {person.full_name}", person=person)
    today = get_today()
    return [obligation_out(o, today) for o in person.obligations.order_by("due", "kind", "id")]
