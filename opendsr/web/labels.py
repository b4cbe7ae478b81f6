"""What the clock's machine names read as on a page: obligation kinds and timeline event types in plain words.

"C(E)TR" is spelt out in full once on each page that uses these labels (the page's introduction does it).
"""

from __future__ import annotations

from opendsr.policy import EscalatedBy, EventType, Kind, ReviewKind, Route, Setting
from opendsr.policy.rules.admission import SIX_WEEK_CETR
from opendsr.web.formatting import timescale

KIND_LABELS: dict[str, str] = {
    Kind.ACKNOWLEDGE_REFERRAL: "Acknowledge the referral",
    Kind.STRATIFY_REFERRAL: "Decide the rating (risk stratification)",
    Kind.COMMUNICATE_OUTCOME: "Tell the person and the referrer the rating",
    Kind.RECHECK_CONSENT: "Check consent is still given",
    Kind.COMMUNITY_CETR: "Community C(E)TR",
    Kind.KEYWORKER_REFERRAL: "Refer to the keyworker service",
    Kind.MDT_OR_CETR: "Multi-agency meeting or C(E)TR",
    Kind.CARER_CONTINGENCY: "Discuss the carer contingency plan",
    Kind.SIX_WEEK_CETR: f"C(E)TR {timescale(SIX_WEEK_CETR)} after admission",
    Kind.POST_ADMISSION_CETR: "Post-admission C(E)TR",
    Kind.REPEAT_CETR: "Repeat inpatient C(E)TR",
    Kind.TRANSFER_CETR: "C(E)TR after a transfer",
    Kind.DIAGNOSIS_CETR: "C(E)TR after a diagnosis in hospital",
    Kind.DIAGNOSIS_REMOVAL_CETR: "C(E)TR before a diagnosis is removed",
    Kind.CETR_REPORT: "Send the C(E)TR report",
    Kind.OVERSIGHT_VISIT: "Commissioner oversight visit",
    Kind.MOJ_CONTACT: "Tell the Ministry of Justice the C(E)TR outcome",
    Kind.OVERSIGHT_PANEL_REVIEW: "Oversight panel review",
    Kind.REFERRAL_PROCESS_COMPLETE: "Finish the referral: rating decided and told",
    Kind.RECONSENT_SELF: "Ask the person for their own consent",
    Kind.INDEPENDENT_CETR: "Independent C(E)TR after long-term segregation",
    Kind.SIT_AND_SEE: "Sit-and-see visit before the planned C(E)TR",
}

EVENT_LABELS: dict[str, str] = {
    EventType.REFERRAL_RECEIVED: "Referral received",
    EventType.REFERRAL_ACKNOWLEDGED: "Referral acknowledged",
    EventType.STRATIFIED: "Rating decided",
    EventType.OUTCOME_COMMUNICATED: "Rating told to the person and the referrer",
    EventType.CONSENT_GIVEN: "Consent given",
    EventType.CONSENT_CHECKED: "Consent checked",
    EventType.CONSENT_WITHDRAWN: "Consent withdrawn",
    EventType.CETR_DECLINED: "C(E)TR declined",
    EventType.CETR_HELD: "C(E)TR held",
    EventType.CETR_REPORT_SENT: "C(E)TR report sent",
    EventType.LAEP_HELD: "Local area emergency protocol (LAEP) meeting",
    EventType.MDT_HELD: "Multi-agency meeting",
    EventType.KEYWORKER_REFERRED: "Referred to the keyworker service",
    EventType.CARER_CONTINGENCY_DISCUSSED: "Carer contingency plan discussed",
    EventType.ADMITTED: "Admitted to a mental health hospital",
    EventType.TRANSFERRED: "Moved to another hospital or security level",
    EventType.DIAGNOSED_IN_HOSPITAL: "Diagnosed in hospital",
    EventType.DIAGNOSIS_REMOVAL_PROPOSED: "Removal of a diagnosis proposed",
    EventType.DISCHARGED: "Discharged",
    EventType.OVERSIGHT_VISIT: "Commissioner oversight visit",
    EventType.MOJ_CONTACTED: "Ministry of Justice told the C(E)TR outcome",
    EventType.CETR_REQUEST_AGREED: "C(E)TR agreed on request",
    EventType.CETR_PLANNED: "C(E)TR arranged",
    EventType.SEGREGATION_STARTED: "Long-term segregation started",
    EventType.SEGREGATION_ENDED: "Long-term segregation ended",
    EventType.SAFEGUARDING_REFERRAL: "Safeguarding referral made",
    EventType.ESCALATION_REQUESTED: "Escalation to the oversight panel asked for",
    EventType.COMPLAINT_MADE: "Complaint made",
    EventType.COMPLAINT_RESOLVED: "Complaint resolved",
    EventType.WARD_RATED_INADEQUATE: "Ward rated inadequate by the CQC",
    EventType.OVERSIGHT_PANEL_REVIEWED: "Reviewed by the ICS oversight panel",
    EventType.LEFT_REGISTER: "Left the register",
}

# The choice of what happened, grouped as the "Record an event" page shows it.
EVENT_GROUPS: list[tuple[str, list[str]]] = [
    (
        "In hospital",
        [
            EventType.ADMITTED,
            EventType.TRANSFERRED,
            EventType.DIAGNOSED_IN_HOSPITAL,
            EventType.DIAGNOSIS_REMOVAL_PROPOSED,
            EventType.DISCHARGED,
        ],
    ),
    (
        "Meetings and oversight",
        [
            EventType.OVERSIGHT_VISIT,
            EventType.LAEP_HELD,
            EventType.MDT_HELD,
            EventType.MOJ_CONTACTED,
        ],
    ),
    ("Support", [EventType.KEYWORKER_REFERRED, EventType.CARER_CONTINGENCY_DISCUSSED]),
    (
        "Care (Education) and Treatment Reviews",
        [EventType.CETR_DECLINED, EventType.CETR_HELD, EventType.CETR_REPORT_SENT],
    ),
]
RECORDABLE_TYPES = [t for _, types in EVENT_GROUPS for t in types]
REVIEW_TYPES = (EventType.CETR_DECLINED, EventType.CETR_HELD, EventType.CETR_REPORT_SENT)

SETTING_LABELS = {
    Setting.NON_SECURE: "Not secure (acute, rehabilitation, or assessment and treatment)",
    Setting.SECURE: "Secure",
}
ROUTE_LABELS = {
    Route.CIVIL: "Not through the criminal justice system",
    Route.CRIMINAL_JUSTICE: "Through the criminal justice system (from court or prison)",
}
REVIEW_KIND_LABELS = {
    ReviewKind.COMMUNITY: "Community",
    ReviewKind.POST_ADMISSION: "Post-admission",
    ReviewKind.INPATIENT: "Inpatient (including repeat reviews)",
    ReviewKind.TRANSFER: "After a transfer",
    ReviewKind.DIAGNOSIS: "After a diagnosis in hospital",
    ReviewKind.DIAGNOSIS_REMOVAL: "Before a diagnosis is removed",
    ReviewKind.POST_DISCHARGE: "After discharge",
    ReviewKind.REQUESTED: "Requested by the person or someone else",
    ReviewKind.INDEPENDENT: "Independent (IC(E)TR)",
}


ESCALATED_BY_LABELS = {
    EscalatedBy.PERSON: "The person",
    EscalatedBy.FAMILY: "Their family",
    EscalatedBy.RESPONSIBLE_CLINICIAN: "Their responsible clinician",
    EscalatedBy.COMMISSIONER: "Their commissioner",
    EscalatedBy.ADVOCATE: "Their advocate",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def event_label(event_type: str) -> str:
    return EVENT_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def event_details(event_type: str, data: dict) -> str:
    """The event's fields in words, for the person's timeline ("Secure, through the criminal justice system")."""
    parts = []
    if data.get("setting"):
        parts.append(SETTING_LABELS.get(data["setting"], data["setting"]))
    if data.get("route"):
        parts.append(ROUTE_LABELS.get(data["route"], data["route"]).lower())
    if data.get("kind"):
        parts.append(REVIEW_KIND_LABELS.get(data["kind"], data["kind"]))
    if data.get("rating"):
        parts.append(str(data["rating"]).replace("_", " ").capitalize())
    if data.get("by") in ESCALATED_BY_LABELS:
        parts.append(f"asked by {ESCALATED_BY_LABELS[data['by']].lower()}")
    if data.get("sit_and_see") is True:
        parts.append("included a sit and see observation")
    if data.get("change_date"):
        from opendsr.web.formatting import nhs_date

        try:
            import datetime as dt

            parts.append(f"to take effect on {nhs_date(dt.date.fromisoformat(data['change_date']))}")
        except (TypeError, ValueError):
            pass
    text = ", ".join(parts)
    return text[:1].upper() + text[1:] if text else ""
