"""Writes for a commissioner oversight visit (s16.1): recording one and correcting it, with its clock event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.visits import rules
from opendsr.oversight.visits.models import (
    OversightVisit,
)
from opendsr.oversight.visits.services.common import (
    NOTES,
    VISIT_FIELDS,
    _date_problems,
    _locked,
    in_hospital_on,
)
from opendsr.policy import EventType
from opendsr.register import timeline
from opendsr.register.models import Person
from opendsr.web.formatting import nhs_date


def _check_visit(person: Person, values: dict) -> dict:
    """The visit's values, cleaned; or a refusal naming every field that is wrong."""
    cleaned = {name: values.get(name) for name in VISIT_FIELDS}
    for name in ("visitors", "place", "shorter_because", *NOTES):
        cleaned[name] = (cleaned[name] or "").strip()
    problems = _date_problems(
        cleaned["visited_on"],
        field="visited_on",
        missing="Enter the date of the visit",
        subject="Date of the visit",
        person=person,
    )
    if not problems and not in_hospital_on(person, cleaned["visited_on"]):
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
