"""The values the policy clock reads and returns: a person's facts, their timeline of events, obligations.

Plain dataclasses and string enums. The enums' values are the words of the policy-clock contract (the
`opendsr obligations` command's input and output), so they can be stored and sent as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

# The data of an event that carries none (shared, so read-only).
NO_DATA: Mapping = MappingProxyType({})


class EventType(StrEnum):
    REFERRAL_RECEIVED = "referral_received"
    REFERRAL_ACKNOWLEDGED = "referral_acknowledged"
    STRATIFIED = "stratified"
    OUTCOME_COMMUNICATED = "outcome_communicated"
    CONSENT_GIVEN = "consent_given"
    CONSENT_CHECKED = "consent_checked"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CETR_DECLINED = "cetr_declined"
    CETR_HELD = "cetr_held"
    CETR_REPORT_SENT = "cetr_report_sent"
    LAEP_HELD = "laep_held"
    MDT_HELD = "mdt_held"
    KEYWORKER_REFERRED = "keyworker_referred"
    CARER_CONTINGENCY_DISCUSSED = "carer_contingency_discussed"
    ADMITTED = "admitted"
    TRANSFERRED = "transferred"
    DIAGNOSED_IN_HOSPITAL = "diagnosed_in_hospital"
    DIAGNOSIS_REMOVAL_PROPOSED = "diagnosis_removal_proposed"
    DISCHARGED = "discharged"
    OVERSIGHT_VISIT = "oversight_visit"
    MOJ_CONTACTED = "moj_contacted"
    # Contract version 2.
    CETR_PLANNED = "cetr_planned"  # a C(E)TR arranged for `planned_date` (s16.1: a sit-and-see before it)
    SEGREGATION_STARTED = "segregation_started"  # long-term segregation began (s14.4)
    SEGREGATION_ENDED = "segregation_ended"
    SAFEGUARDING_REFERRAL = "safeguarding_referral"  # s18, Appendix 6
    ESCALATION_REQUESTED = "escalation_requested"  # to the ICS oversight panel, `by` whom (s18)
    COMPLAINT_MADE = "complaint_made"  # s18: unresolved complaints go to the panel
    COMPLAINT_RESOLVED = "complaint_resolved"
    WARD_RATED_INADEQUATE = "ward_rated_inadequate"  # s18: the CQC rated the ward inadequate
    # A C(E)TR agreed, on request, sooner than the usual timescale (s13.2), so the panel reviews it (s18).
    CETR_REQUEST_AGREED = "cetr_request_agreed"
    OVERSIGHT_PANEL_REVIEWED = "oversight_panel_reviewed"  # the ICS oversight panel reviewed the person (s18)
    # Also beyond the contract: the person left the register (they moved away, died, no longer need it, or
    # withdrew consent). What was still owed for them ends there, kept as a record (docs/adr/0007).
    LEFT_REGISTER = "left_register"


class Kind(StrEnum):
    """What the policy asks the local system to do."""

    ACKNOWLEDGE_REFERRAL = "acknowledge_referral"
    STRATIFY_REFERRAL = "stratify_referral"
    COMMUNICATE_OUTCOME = "communicate_outcome"
    RECHECK_CONSENT = "recheck_consent"
    COMMUNITY_CETR = "community_cetr"
    KEYWORKER_REFERRAL = "keyworker_referral"
    MDT_OR_CETR = "mdt_or_cetr"
    CARER_CONTINGENCY = "carer_contingency"
    SIX_WEEK_CETR = "six_week_cetr"
    POST_ADMISSION_CETR = "post_admission_cetr"
    REPEAT_CETR = "repeat_cetr"
    TRANSFER_CETR = "transfer_cetr"
    DIAGNOSIS_CETR = "diagnosis_cetr"
    DIAGNOSIS_REMOVAL_CETR = "diagnosis_removal_cetr"
    CETR_REPORT = "cetr_report"
    OVERSIGHT_VISIT = "oversight_visit"
    MOJ_CONTACT = "moj_contact"
    OVERSIGHT_PANEL_REVIEW = "oversight_panel_review"
    # Contract version 2.
    REFERRAL_PROCESS_COMPLETE = "referral_process_complete"
    RECONSENT_SELF = "reconsent_self"
    INDEPENDENT_CETR = "independent_cetr"
    SIT_AND_SEE = "sit_and_see"


class Status(StrEnum):
    MET = "met"
    DUE = "due"
    OVERDUE = "overdue"
    ENDED = "ended"  # not met, and no longer owed: the person left the register


# The listed values of event fields. A value outside these is malformed.


class Rating(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_ELIGIBLE = "not_eligible"


class Setting(StrEnum):
    NON_SECURE = "non_secure"
    SECURE = "secure"


class Route(StrEnum):
    CIVIL = "civil"
    CRIMINAL_JUSTICE = "criminal_justice"


class ReviewKind(StrEnum):
    """The kind of a C(E)TR that took place (`cetr_held`'s `kind`)."""

    COMMUNITY = "community"
    POST_ADMISSION = "post_admission"
    INPATIENT = "inpatient"
    TRANSFER = "transfer"
    DIAGNOSIS = "diagnosis"
    DIAGNOSIS_REMOVAL = "diagnosis_removal"
    POST_DISCHARGE = "post_discharge"
    REQUESTED = "requested"
    INDEPENDENT = "independent"


# The obligations a C(E)TR meets (s13, s14, Table 2), and the `kind` of the `cetr_held` event that meets each.
CETR_KINDS: dict[Kind, ReviewKind] = {
    Kind.COMMUNITY_CETR: ReviewKind.COMMUNITY,
    Kind.MDT_OR_CETR: ReviewKind.COMMUNITY,
    Kind.SIX_WEEK_CETR: ReviewKind.INPATIENT,
    Kind.POST_ADMISSION_CETR: ReviewKind.POST_ADMISSION,
    Kind.REPEAT_CETR: ReviewKind.INPATIENT,
    Kind.TRANSFER_CETR: ReviewKind.TRANSFER,
    Kind.DIAGNOSIS_CETR: ReviewKind.DIAGNOSIS,
    Kind.DIAGNOSIS_REMOVAL_CETR: ReviewKind.DIAGNOSIS_REMOVAL,
    Kind.INDEPENDENT_CETR: ReviewKind.INDEPENDENT,
}

# The event a user records to meet each kind, where it is recorded on the timeline itself.
MEETING_EVENT: dict[Kind, EventType] = {
    Kind.KEYWORKER_REFERRAL: EventType.KEYWORKER_REFERRED,
    Kind.MDT_OR_CETR: EventType.MDT_HELD,
    Kind.CARER_CONTINGENCY: EventType.CARER_CONTINGENCY_DISCUSSED,
    Kind.CETR_REPORT: EventType.CETR_REPORT_SENT,
    Kind.OVERSIGHT_VISIT: EventType.OVERSIGHT_VISIT,
    Kind.MOJ_CONTACT: EventType.MOJ_CONTACTED,
    **dict.fromkeys(
        (k for k in CETR_KINDS if k != Kind.MDT_OR_CETR),
        EventType.CETR_HELD,
    ),
}


class GivenBy(StrEnum):
    """Who gave or re-checked consent (`consent_given` / `consent_checked`'s `given_by`): the person, or someone
    else for them (parental responsibility, a Lasting Power of Attorney, a deputy, or a best-interests
    decision)."""

    PERSON = "person"
    OTHER = "other"


class EscalatedBy(StrEnum):
    """Who asked for escalation to the ICS oversight panel (`escalation_requested`'s `by`, s18)."""

    PERSON = "person"
    FAMILY = "family"
    RESPONSIBLE_CLINICIAN = "responsible_clinician"
    COMMISSIONER = "commissioner"
    ADVOCATE = "advocate"


class ReferralSource(StrEnum):
    PROFESSIONAL = "professional"
    SELF = "self"
    FAMILY = "family"
    CETR_REQUEST = "cetr_request"


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the clock needs to know about a person besides their timeline."""

    date_of_birth: dt.date
    has_ehcp: bool = False  # keeps the CYP pathway up to 25 (Table 2)
    in_cyp_tier4: bool = False  # still in a CYP tier 4 bed after 18: CYP pathway up to 25 (Table 2)
    moj_restricted: bool = False  # a restricted patient (Appendix 10; s18 long-stay exception)
    has_unpaid_carer: bool = False  # carer contingency planning for red/amber (s9.5)
    known_to_keyworker: bool = False  # no keyworker referral needed (s4, s9.2)
    self_consent_age: int = 16  # s2.4: the age from which the person consents themselves (an ICB may set 14)


class Event(NamedTuple):
    """One dated event in a person's timeline.

    `data` holds the event's fields (`rating`, `setting`, `kind` ...). `seq` orders events that share a date
    (the order they were recorded in). `ref` is the caller's own identifier for the record behind the event
    ("rating:12"); the clock passes it through to the obligations the event raises or meets.

    A named tuple, immutable like the rest of the clock's input, and cheap to make: the whole-register pass
    builds about ten for every person on the register.
    """

    date: dt.date
    type: EventType
    data: Mapping = NO_DATA
    seq: int = 0
    ref: str | None = None


def status_on(
    due: dt.date | None, met_on: dt.date | None, today: dt.date, ended_on: dt.date | None = None
) -> Status:
    """Met if met; ended if it ended unmet; otherwise overdue once the due date has passed; otherwise due
    (including no due date).

    Kept apart from working out obligations: OpenDSR stores obligations and works out their status when they
    are read, from the stored due date, so that an obligation turns overdue without being recomputed.
    """
    if met_on is not None:
        return Status.MET
    if ended_on is not None:
        return Status.ENDED
    if due is not None and due < today:
        return Status.OVERDUE
    return Status.DUE


def is_open(met_on: dt.date | None, ended_on: dt.date | None) -> bool:
    """Still owed: neither met nor ended."""
    return met_on is None and ended_on is None


@dataclass(slots=True, init=False)
class Obligation:
    """Something the policy asks of the local system for one person, raised on a date and due by a date.

    `due` is None where the policy gives no timescale. `met_on` is the date of the event that met it. `basis`
    cites the policy in words; `reasons` says why, where one kind has several triggers (the oversight panel).
    `ended_on` is the date an obligation stopped being owed without being met (the person left the register),
    and `ended_by_ref` the event that ended it.
    """

    kind: Kind
    raised_on: dt.date
    due: dt.date | None
    met_on: dt.date | None
    basis: str
    reasons: tuple[str, ...] = ()
    raised_by_ref: str | None = None
    met_by_ref: str | None = None
    ended_on: dt.date | None = None
    ended_by_ref: str | None = None

    # Written out rather than generated by `dataclass`: compiled (`compiled.py`), a generated `__init__` would
    # still run as Python, for each of the 600,000 obligations of a pass over the whole register.
    def __init__(
        self,
        kind: Kind,
        raised_on: dt.date,
        due: dt.date | None,
        met_on: dt.date | None,
        basis: str,
        reasons: tuple[str, ...] = (),
        raised_by_ref: str | None = None,
        met_by_ref: str | None = None,
        ended_on: dt.date | None = None,
        ended_by_ref: str | None = None,
    ) -> None:
        self.kind = kind
        self.raised_on = raised_on
        self.due = due
        self.met_on = met_on
        self.basis = basis
        self.reasons = reasons
        self.raised_by_ref = raised_by_ref
        self.met_by_ref = met_by_ref
        self.ended_on = ended_on
        self.ended_by_ref = ended_by_ref

    @property
    def is_open(self) -> bool:
        return is_open(self.met_on, self.ended_on)

    def status(self, today: dt.date) -> Status:
        return status_on(self.due, self.met_on, today, self.ended_on)
