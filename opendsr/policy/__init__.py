"""The policy core of OpenDSR: what the 2023 DSR and C(E)TR policy asks, as pure functions.

No Django, no I/O, no clock reads. Every due date, status, cohort and reminder in OpenDSR comes from
`obligations_for(facts, events, today)`.
"""

# ruff: noqa: E402 (the compiled clock is chosen before the modules are imported)
from opendsr.policy import compiled as _compiled

_compiled.use(__path__)  # the compiled clock, when it is built for these sources (`compiled.py`)


from opendsr.policy.calendar import (
    Days,
    Months,
    Weeks,
    WorkingDays,
    add_days,
    add_months,
    add_weeks,
    add_working_days,
    age_on,
    is_bank_holiday,
    is_working_day,
)
from opendsr.policy.clock import obligations_for
from opendsr.policy.instruments import band, load_default_instruments, score, validate_instrument
from opendsr.policy.model import (
    CETR_KINDS,
    MEETING_EVENT,
    EscalatedBy,
    Event,
    EventType,
    GivenBy,
    Kind,
    Obligation,
    PersonFacts,
    Rating,
    ReferralSource,
    ReviewKind,
    Route,
    Setting,
    Status,
    status_on,
)
from opendsr.policy.pathway import Pathway, pathway_on, transition_flag
from opendsr.policy.preparation import SafeguardingLevel
from opendsr.policy.scenario import ScenarioError, event_from_dict, parse_scenario
from opendsr.policy.serialise import in_reading_order, obligation_to_json, obligations_to_json

__all__ = [
    "CETR_KINDS",
    "MEETING_EVENT",
    "Days",
    "EscalatedBy",
    "Event",
    "EventType",
    "GivenBy",
    "Kind",
    "Months",
    "Obligation",
    "Pathway",
    "PersonFacts",
    "Rating",
    "ReferralSource",
    "ReviewKind",
    "Route",
    "SafeguardingLevel",
    "ScenarioError",
    "Setting",
    "Status",
    "Weeks",
    "WorkingDays",
    "add_days",
    "add_months",
    "add_weeks",
    "add_working_days",
    "age_on",
    "band",
    "event_from_dict",
    "in_reading_order",
    "is_bank_holiday",
    "is_working_day",
    "load_default_instruments",
    "obligation_to_json",
    "obligations_for",
    "obligations_to_json",
    "parse_scenario",
    "pathway_on",
    "score",
    "status_on",
    "transition_flag",
    "validate_instrument",
]
