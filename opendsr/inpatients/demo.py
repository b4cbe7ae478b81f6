"""Demo inpatient records: two of the register's demo inpatients get their admission recorded in full.

A young person in long-stay care has a full record with long-term segregation that has lasted more than 48
hours, a seclusion, a delayed discharge and a discharge plan in progress; an adult restricted patient has moved
from medium to low security and has a Ministry of Justice contact. The other demo inpatients keep their bare
admission events, as a register moving to OpenDSR would have them. Idempotent: a person whose admission is
already recorded in full is left alone.
"""

from __future__ import annotations

import datetime as dt

from opendsr.inpatients import queries, services
from opendsr.register.models import Location
from opendsr.web.today import today as get_today

PLAN_PROGRESS = {
    "1": (
        "done",
        "Dr Priya Shah, responsible clinician",
        -150,
        "Planning started at the post-admission CETR.",
    ),
    "2": ("done", "Sam Okafor, commissioner", -60, "Service specification outline agreed with the family."),
    "3": (
        "in_progress",
        "Sam Okafor, commissioner",
        14,
        "Capacity assessment booked with the social worker.",
    ),
    "4": ("in_progress", "Community learning disability team", 21, ""),
    "7": ("in_progress", "Northdale City Council housing", 60, "Two bungalows being looked at near family."),
    "8.1": ("in_progress", "Northdale ICB continuing care", 30, "Joint funding panel on the next agenda."),
    "10.2": ("not_needed", "", None, "Not needed: no deprivation of liberty in the community plan."),
    "10.3": ("not_needed", "", None, ""),
    "10.4": ("not_needed", "", None, ""),
}


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _young(person, today) -> bool:
    return person.date_of_birth > today - _days(18 * 365) or person.has_ehcp


def _young_person(person, by, today, bare) -> None:
    admission = services.record_admission(
        person=person,
        by=by,
        admitted_on=bare.date,
        hospital="Fenwick House",
        provider="Northdale Partnership NHS Foundation Trust",
        provider_ods_code="RX4",
        ward="Willow ward (young people's unit)",
        setting=bare.data.get("setting", "non_secure"),
        route=bare.data.get("route", "civil"),
        out_of_area=True,
        mha_status="s3",
        mha_since=bare.date + _days(3),
        liberty_safeguards="none",
        responsible_clinician="Dr Priya Shah",
        reason="Placement broke down after weeks of escalating distress; home could not keep them safe.",
        expected_outcome="Assessment of sensory needs and a stable medication plan, to return to a home near family.",
        review_before="neither",
        expected_discharge_on=today + _days(90),
        delayed_discharge=True,
        delay_barriers=["housing", "funding"],
        delay_notes="Ready to leave once a home and the support package are agreed.",
    )
    services.record_episode(
        admission=admission,
        by=by,
        kind="seclusion",
        started_on=today - _days(40),
        ended_on=today - _days(40),
        reported_by="Ward manager, Willow ward",
        notes="Seclusion for four hours after an incident on the ward.",
    )
    services.record_episode(
        admission=admission,
        by=by,
        kind="lts",
        started_on=today - _days(5),
        reported_by="Ward manager, Willow ward",
        notes="Nursed apart from other patients in the de-escalation suite.",
    )
    for item in admission.plan_items.all():
        if item.point in PLAN_PROGRESS:
            status, owner, offset, note = PLAN_PROGRESS[item.point]
            target = None if offset is None else max(today + _days(offset), admission.admitted_on)
            services.update_plan_item(
                item=item, by=by, status=status, owner=owner, target_on=target, note=note
            )


def _restricted_patient(person, by, today, bare) -> None:
    admission = services.record_admission(
        person=person,
        by=by,
        admitted_on=bare.date,
        hospital="Castlegate Hospital",
        provider="Northdale Forensic Services",
        provider_ods_code="NTV0W",
        ward="Heron ward (medium secure)",
        setting="secure",
        route=bare.data.get("route", "criminal_justice"),
        out_of_area=False,
        mha_status="s37_41",
        mha_since=bare.date,
        liberty_safeguards="none",
        responsible_clinician="Dr Alan Reeve",
        reason="Transferred from court on a hospital order with restrictions.",
        expected_outcome="Treatment in a secure setting, then a stepped move towards the community.",
        review_before="neither",
        expected_discharge_on=today + _days(365),
        delayed_discharge=False,
        delay_barriers=[],
        delay_notes="",
    )
    services.record_transfer(
        admission=admission,
        by=by,
        moved_on=bare.date + _days(45),
        hospital="Castlegate Hospital",
        provider="Northdale Forensic Services",
        provider_ods_code="NTV0W",
        ward="Kestrel ward (low secure)",
        setting="secure",
        reason="Stepped down from medium to low security after progress in treatment.",
    )
    services.record_moj_contact(
        admission=admission,
        by=by,
        contacted_on=bare.date + _days(20),
        contact="Mental Health Casework Section (MHCSmailbox@justice.gov.uk)",
        information_sent="Outcome of the post-admission CTR and its recommendations.",
        reply="Acknowledged; caseworker assigned.",
    )


def load(context: dict) -> dict:
    today = get_today()
    users = context["users"]
    lead = users.get("lead@northdale.example")
    done_young = done_restricted = False
    for person in context.get("people", []):
        if person.location != Location.INPATIENT or person.admissions.exists():
            continue
        bare = queries.unrecorded_admission(person)
        if bare is None:
            continue
        by = person.case_manager or lead
        if not done_young and _young(person, today) and bare.date <= today - _days(150):
            _young_person(person, by, today, bare)
            done_young = True
        elif not done_restricted and bare.data.get("setting") == "secure" and not _young(person, today):
            _restricted_patient(person, by, today, bare)
            done_restricted = True
    return context
