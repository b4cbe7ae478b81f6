"""Admitting someone to hospital (s14), and correcting or updating the admission's details."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.inpatients import queries
from opendsr.inpatients.models import (
    DISCHARGE_PLAN_POINTS,
    Admission,
    DelayBarrier,
    DischargePlanItem,
    LibertySafeguards,
    MentalHealthActStatus,
    ReviewBeforeAdmission,
    Route,
    Setting,
)
from opendsr.inpatients.services.common import ODS_CODE, Problems, long_date
from opendsr.policy import EventType
from opendsr.policy.restricted_patients import RESTRICTED_SECTIONS, is_restricted
from opendsr.register import obligations
from opendsr.register.models import Person
from opendsr.register.services.location import mark_admitted
from opendsr.register.timeline import record_event, void_events

# ------------------------------------------------------------------------------------------- admission

ADMISSION_FIELDS = (
    "admitted_on",
    "hospital",
    "provider",
    "provider_ods_code",
    "ward",
    "setting",
    "route",
    "out_of_area",
    "mha_status",
    "mha_other",
    "mha_since",
    "liberty_safeguards",
    "responsible_clinician",
    "reason",
    "expected_outcome",
    "review_before",
    "expected_discharge_on",
    "delayed_discharge",
    "delay_barriers",
    "delay_notes",
)


def _checked_admission(person: Person, values: dict, *, admission: Admission | None = None) -> dict:
    """The admission's details as they will be saved, or every problem with them."""
    problems = Problems()
    admitted_on = values.get("admitted_on")
    if admitted_on is None:
        problems["admitted_on"] = "Enter the date of admission"
    problems.date("admitted_on", admitted_on, subject="The date of admission", person=person)
    clean = {"admitted_on": admitted_on}
    clean["hospital"] = problems.text("hospital", values.get("hospital"), label="the name of the hospital")
    clean["provider"] = problems.text("provider", values.get("provider"), label="the name of the provider")
    code = (values.get("provider_ods_code") or "").strip().upper()
    if code and not ODS_CODE.fullmatch(code):
        problems["provider_ods_code"] = (
            "Provider ODS code must be 3 to 10 letters and numbers, like RX4 or NTV0W"
        )
    clean["provider_ods_code"] = code
    clean["ward"] = problems.text("ward", values.get("ward"), label="the ward", required=False)
    clean["setting"] = values.get("setting") or ""
    problems.choice("setting", clean["setting"], Setting, "Select whether the hospital or ward is secure")
    clean["route"] = values.get("route") or ""
    problems.choice("route", clean["route"], Route, "Select how they were admitted")
    clean["out_of_area"] = bool(values.get("out_of_area"))
    clean["mha_status"] = values.get("mha_status") or ""
    problems.choice(
        "mha_status", clean["mha_status"], MentalHealthActStatus, "Select their Mental Health Act status"
    )
    clean["mha_other"] = problems.text(
        "mha_other",
        values.get("mha_other"),
        label="which section of the Mental Health Act",
        required=clean["mha_status"] == MentalHealthActStatus.OTHER,
        limit=100,
    )
    if clean["mha_status"] != MentalHealthActStatus.OTHER:
        clean["mha_other"] = ""
    mha_since = values.get("mha_since") or admitted_on
    if clean["mha_status"] != MentalHealthActStatus.INFORMAL:
        problems.date(
            "mha_since", mha_since, subject="The date the section started", person=person, planned=False
        )
    clean["mha_since"] = mha_since
    clean["liberty_safeguards"] = values.get("liberty_safeguards") or LibertySafeguards.NONE
    problems.choice(
        "liberty_safeguards", clean["liberty_safeguards"], LibertySafeguards, "Select DoLS, LPS or neither"
    )
    clean["responsible_clinician"] = problems.text(
        "responsible_clinician",
        values.get("responsible_clinician"),
        label="the responsible clinician",
        required=False,
    )
    clean["reason"] = problems.text(
        "reason", values.get("reason"), label="why they were admitted", limit=4000, line=False
    )
    clean["expected_outcome"] = problems.text(
        "expected_outcome",
        values.get("expected_outcome"),
        label="what the admission is expected to achieve",
        required=False,
        limit=4000,
        line=False,
    )
    clean["review_before"] = values.get("review_before") or ReviewBeforeAdmission.NEITHER
    problems.choice(
        "review_before",
        clean["review_before"],
        ReviewBeforeAdmission,
        "Select what came before the admission",
    )
    expected = values.get("expected_discharge_on")
    problems.date(
        "expected_discharge_on",
        expected,
        subject="The expected discharge date",
        person=person,
        after=admitted_on,
        after_what="of admission",
        planned=True,
    )
    clean["expected_discharge_on"] = expected
    clean["delayed_discharge"] = bool(values.get("delayed_discharge"))
    barriers = [b for b in values.get("delay_barriers") or () if b]
    if any(b not in DelayBarrier.values for b in barriers):
        problems["delay_barriers"] = "Select what is delaying the discharge from the list"
    if clean["delayed_discharge"] and not barriers:
        problems["delay_barriers"] = "Select what is delaying the discharge"
    clean["delay_barriers"] = barriers if clean["delayed_discharge"] else []
    clean["delay_notes"] = problems.text(
        "delay_notes",
        values.get("delay_notes"),
        label="about the delay",
        required=False,
        limit=4000,
        line=False,
    )
    if admission is not None and admitted_on is not None and "admitted_on" not in problems:
        first = min(
            [t.moved_on for t in admission.transfers.all()]
            + [e.started_on for e in admission.episodes.all()]
            + [r.rated_on for r in admission.ward_ratings.all()]
            + [m.contacted_on for m in admission.moj_contacts.all()]
            + [admission.discharged_on or dt.date.max],
        )
        if admitted_on > first:
            problems["admitted_on"] = (
                f"The date of admission must be on or before {long_date(first)}, the date of the first thing "
                "recorded during this admission"
            )
    problems.raise_any()
    return clean


def _write_admitted(admission: Admission, by) -> None:
    """The clock's `admitted`, written from this record (its setting and route decide the reviews due)."""
    record_event(
        person=admission.person,
        type=EventType.ADMITTED,
        date=admission.admitted_on,
        by=by,
        data={"setting": admission.setting, "route": admission.route},
        source=f"admission:{admission.pk}",
    )


@transaction.atomic
def record_admission(*, person: Person, by, request=None, **values) -> Admission:
    """Admit the person to a mental health hospital (s14): they become an inpatient rated blue, and the clock's
    `admitted` is written from this record.

    An admission already on the timeline as a bare event (recorded before the inpatient record existed) is
    taken over by this record: that event is voided and written again from here, so it is counted once.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if queries.current_admission(person) is not None:
        raise ValidationError(
            f"{person.full_name} is already in hospital. Record a move to another hospital or a discharge instead"
        )
    clean = _checked_admission(person, values)
    bare = queries.unrecorded_admission(person)
    before = queries.rating_before(person, clean["admitted_on"])
    computed = queries.review_before_admission(person, clean["admitted_on"])
    admission = Admission.objects.create(
        person=person,
        recorded_by=by,
        on_register_before=before is not None,
        rating_before=before.rating if before is not None else "",
        **{**clean, "review_before": computed or clean["review_before"]},
    )
    if bare is not None:
        _void_bare(bare)
    mark_admitted(person, on=clean["admitted_on"])
    if admission.is_restricted and not person.moj_restricted:
        person.moj_restricted = (
            True  # a clock fact (Appendix 10): the Ministry of Justice is told after C(E)TRs
        )
        person.save(update_fields=["moj_restricted", "updated_at"])
    for point, _label in DISCHARGE_PLAN_POINTS:
        DischargePlanItem.objects.create(person=person, admission=admission, point=point)
    _write_admitted(admission, by)
    audit.record(
        request or by,
        "inpatient.admitted",
        person=person,
        summary=f"Admitted to {admission.hospital} on {long_date(admission.admitted_on)}",
        detail={"admission": admission.pk, "took_over_event": bare.pk if bare else None},
    )
    return admission


def _void_bare(event) -> None:
    """Void an admission recorded only as an event, now that the inpatient record stands for it."""
    event.voided_at = timezone.now()
    event.voided_reason = "Recorded in full on the inpatient record"
    event.save(update_fields=["voided_at", "voided_reason"])


def _corrected_to_unrestricted(admission: Admission, before: dict) -> bool:
    """Whether this correction took the admission from a restricted section (Appendix 10) to one that is not, and
    no other stay of theirs was under a restricted section."""
    if not is_restricted(before.get("mha_status")) or admission.is_restricted:
        return False
    others = Admission.objects.filter(person=admission.person, mha_status__in=RESTRICTED_SECTIONS)
    return not others.exclude(pk=admission.pk).exists()


@transaction.atomic
def update_admission(*, admission: Admission, by, request=None, **values) -> Admission:
    """Correct or bring up to date the admission's details (the expected discharge date, a delay and what is
    causing it). A changed date, setting or route re-writes the clock's `admitted`."""
    admission = Admission.objects.select_for_update().get(pk=admission.pk)
    person = admission.person
    clean = _checked_admission(person, values, admission=admission)
    if admission.transfers.exists():
        # Where they are now came from the last move; the admission's own setting is where they were first.
        clean.pop("hospital"), clean.pop("provider"), clean.pop("provider_ods_code"), clean.pop("ward")
        clean.pop("setting")
    before = {name: getattr(admission, name) for name in clean}
    for name, value in clean.items():
        setattr(admission, name, value)
    computed = queries.review_before_admission(person, admission.admitted_on)
    if computed:
        admission.review_before = computed
    admission.save()
    changed = sorted(name for name in clean if before[name] != getattr(admission, name))
    if {"admitted_on", "setting", "route"} & set(changed):
        void_events(
            person=person,
            source=f"admission:{admission.pk}",
            reason="The admission was corrected",
            refresh=False,
        )
        _write_admitted(admission, by)
        if admission.is_open and "admitted_on" in changed:
            person.rating_decided_on = admission.admitted_on
            person.save(update_fields=["rating_decided_on", "updated_at"])
    if admission.is_restricted and not person.moj_restricted:
        person.moj_restricted = True
        person.save(update_fields=["moj_restricted", "updated_at"])
        obligations.refresh_for(person)
    elif _corrected_to_unrestricted(admission, before) and person.moj_restricted:
        # The restricted section was a mistake: the flag it set goes with it, unless another stay was under one.
        person.moj_restricted = False
        person.save(update_fields=["moj_restricted", "updated_at"])
        obligations.refresh_for(person)
    audit.record(
        request or by,
        "inpatient.admission_changed",
        person=person,
        summary=f"Changed the admission to {admission.hospital}",
        detail={"admission": admission.pk, "changed": changed},
    )
    return admission
