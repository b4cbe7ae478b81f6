"""Reading a timeline from plain data: the scenario files of `opendsr obligations`, and the events the web
app records. Every malformed value is refused with a message naming where it is and what is wrong, such as
`events[2].date: '2027-02-30' is not a date (YYYY-MM-DD)`.

The checks are those of the policy-clock contract: a date is YYYY-MM-DD; an event's type is one of the event
types; a listed field holds one of its listed values. Fields an event does not use are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from opendsr.policy.model import (
    EscalatedBy,
    Event,
    EventType,
    GivenBy,
    PersonFacts,
    Rating,
    ReferralSource,
    ReviewKind,
    Route,
    Setting,
)
from opendsr.policy.timeline import Timeline

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PERSON_FLAGS = ("has_ehcp", "in_cyp_tier4", "moj_restricted", "has_unpaid_carer", "known_to_keyworker")


class ScenarioError(ValueError):
    """A scenario or event that does not follow the contract. The message says where and what."""


@dataclass(frozen=True, slots=True)
class FieldRule:
    name: str
    required: bool
    choices: type[StrEnum] | None = None  # one of these values
    is_date: bool = False
    is_bool: bool = False


# The fields each event type carries (contract: "Event types and their fields").
EVENT_FIELDS: dict[EventType, tuple[FieldRule, ...]] = {
    EventType.REFERRAL_RECEIVED: (FieldRule("source", True, ReferralSource),),
    EventType.STRATIFIED: (FieldRule("rating", True, Rating),),
    EventType.CETR_HELD: (FieldRule("kind", True, ReviewKind),),
    EventType.ADMITTED: (FieldRule("setting", True, Setting), FieldRule("route", True, Route)),
    EventType.TRANSFERRED: (FieldRule("setting", False, Setting),),
    EventType.DIAGNOSIS_REMOVAL_PROPOSED: (FieldRule("change_date", True, is_date=True),),
    EventType.OVERSIGHT_VISIT: (FieldRule("sit_and_see", False, is_bool=True),),
    EventType.CONSENT_GIVEN: (FieldRule("given_by", False, GivenBy),),
    EventType.CONSENT_CHECKED: (FieldRule("given_by", False, GivenBy),),
    EventType.CETR_PLANNED: (FieldRule("planned_date", True, is_date=True),),
    EventType.ESCALATION_REQUESTED: (FieldRule("by", True, EscalatedBy),),
}
_EVENT_TYPES = {t.value: t for t in EventType}
# The event types of the command-line contract: all but `left_register` (docs/adr/0007).
CONTRACT_EVENT_TYPES = frozenset(EventType) - {EventType.LEFT_REGISTER}


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value)
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def parse_date(value, where: str) -> dt.date:
    """A date written YYYY-MM-DD (a `datetime.date` is accepted as it is from Python callers)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(f"{where}: {_show(value)} is not a date (YYYY-MM-DD)")


def _parse_field(rule: FieldRule, value, where: str):
    if rule.is_date:
        return parse_date(value, where).isoformat()
    if rule.is_bool:
        if not isinstance(value, bool):
            raise ScenarioError(f"{where}: {_show(value)} is not true or false")
        return value
    allowed = [choice.value for choice in rule.choices]
    if isinstance(value, str) and value in allowed:
        return value
    raise ScenarioError(f"{where}: {_show(value)} is not one of {', '.join(allowed)}")


def event_from_dict(d: Mapping, *, where: str = "event", seq: int = 0, ref: str | None = None) -> Event:
    """One event from plain data: `date`, `type` and the type's fields. Raises ScenarioError when malformed.

    The event's `data` keeps the type's own fields (dates as YYYY-MM-DD strings); other keys are ignored.
    """
    if not isinstance(d, Mapping):
        raise ScenarioError(f"{where}: {_show(d)} is not an object")
    if d.get("type") is None:
        raise ScenarioError(f"{where}.type: missing")
    type_name = d["type"]
    event_type = _EVENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if event_type is None:
        raise ScenarioError(f"{where}: unknown event type {_show(type_name)}")
    if d.get("date") is None:
        raise ScenarioError(f"{where}.date: missing")
    date = parse_date(d["date"], f"{where}.date")
    data = {}
    for rule in EVENT_FIELDS.get(event_type, ()):
        value = d.get(rule.name)
        if value is None:
            if rule.required:
                raise ScenarioError(f"{where}.{rule.name}: missing (required for {event_type.value} events)")
            continue
        data[rule.name] = _parse_field(rule, value, f"{where}.{rule.name}")
    return Event(date=date, type=event_type, data=data, seq=seq, ref=ref)


def person_from_dict(d, *, where: str = "person") -> PersonFacts:
    if not isinstance(d, Mapping):
        raise ScenarioError(f"{where}: {_show(d)} is not an object")
    if d.get("date_of_birth") is None:
        raise ScenarioError(f"{where}.date_of_birth: missing")
    date_of_birth = parse_date(d["date_of_birth"], f"{where}.date_of_birth")
    flags = {}
    for name in PERSON_FLAGS:
        value = d.get(name)
        if value is None:
            continue
        if not isinstance(value, bool):
            raise ScenarioError(f"{where}.{name}: {_show(value)} is not true or false")
        flags[name] = value
    age = d.get("self_consent_age")
    if age is not None:
        if isinstance(age, bool) or not isinstance(age, int) or age < 0:
            raise ScenarioError(f"{where}.self_consent_age: {_show(age)} is not a whole number of years")
        flags["self_consent_age"] = age
    return PersonFacts(date_of_birth=date_of_birth, **flags)


def parse_scenario(obj) -> tuple[PersonFacts, list[Event], dt.date]:
    """A scenario (`today`, `person`, `events`) as the clock's inputs. Other top-level keys are ignored."""
    if not isinstance(obj, Mapping):
        raise ScenarioError(f"the scenario is {_show(obj)}, not an object with today, person and events")
    if obj.get("today") is None:
        raise ScenarioError("today: missing")
    today = parse_date(obj["today"], "today")
    if obj.get("person") is None:
        raise ScenarioError("person: missing")
    facts = person_from_dict(obj["person"])
    if obj.get("events") is None:
        raise ScenarioError("events: missing")
    raw_events = obj["events"]
    if not isinstance(raw_events, list):
        raise ScenarioError(f"events: {_show(raw_events)} is not a list")
    events = [event_from_dict(d, where=f"events[{i}]", seq=i) for i, d in enumerate(raw_events)]
    for event in events:
        if event.type not in CONTRACT_EVENT_TYPES:  # OpenDSR's own, written only by the register
            raise ScenarioError(f"events[{event.seq}]: unknown event type {_show(event.type.value)}")
    for event, problem in Timeline(events).admission_errors():
        raise ScenarioError(f"events[{event.seq}]: {problem}")
    return facts, events, today
